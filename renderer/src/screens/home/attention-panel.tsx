/**
 * What needs attention, first thing after unlocking: one tile per item of overview.attention, the most
 * serious first, each a button to where it is put right. Severity is said in words as well as colour.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttentionItem } from '../../../../main/api/contract';
import { ErrorAlert } from '../../components/alert';
import { useApiData } from '../../hooks/use-api-data';
import { attentionDestination, attentionText } from '../../lib/attention';
import type { Navigate } from '../../session/areas';
import { useSession } from '../../session/session-context';

function AttentionTile({ item, onNavigate }: { readonly item: AttentionItem; readonly onNavigate: Navigate }): ReactNode {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const text = attentionText(t, item, user.role, i18n.language);
  const destination = attentionDestination(item);
  return (
    <li>
      <button
        type="button"
        className={`tile attention-tile attention-${item.severity}`}
        data-testid="attention-item"
        data-kind={item.kind}
        onClick={() => onNavigate(destination.area, destination.focus)}
      >
        <span className="attention-severity">{t(`overview.attention.severity.${item.severity}`)}</span>
        <span className="tile-title">{text.title}</span>
        <span className="tile-text">{text.text}</span>
        <span className="attention-action">{text.action}</span>
      </button>
    </li>
  );
}

export function AttentionPanel({ onNavigate }: { readonly onNavigate: Navigate }): ReactNode {
  const { t } = useTranslation();
  const items = useApiData('overview.attention', {});
  return (
    <section className="stack attention-panel" aria-labelledby="home-attention-title" data-testid="home-attention">
      <h2 className="home-section-title" id="home-attention-title">
        {t('overview.attention.title')}
      </h2>
      <ErrorAlert error={items.error} />
      {!items.data && !items.error ? <p className="muted">{t('overview.attention.loading')}</p> : null}
      {items.data?.length === 0 ? (
        <p className="muted" data-testid="attention-none">
          {t('overview.attention.none')}
        </p>
      ) : null}
      {items.data && items.data.length > 0 ? (
        <ul className="tiles attention-tiles">
          {items.data.map((item) => (
            <AttentionTile key={`${item.kind}-${JSON.stringify(item.target)}`} item={item} onNavigate={onNavigate} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
