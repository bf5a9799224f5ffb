/**
 * The whole of one entry beside the list: time, actor, action, object and every detail by name, its hash
 * and the hash it links to, and the way to its neighbours in the chain. Not modal: the list stays usable
 * behind it. Focus moves to its heading on open and returns where it was on Escape or Close.
 */
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../../main/api/contract';
import { ErrorAlert } from '../../components/alert';
import { useAuditEntry } from '../../hooks/use-audit-entry';
import { useAuditNames } from '../../hooks/use-audit-names';
import { objectText } from '../../lib/audit-labels';
import { formatDateTime } from '../../lib/format';
import { AuditDetailsList } from './audit-details-list';
import { ShownValue } from './shown-value';

interface Props {
  readonly seq: number;
  readonly onMove: (seq: number) => void;
  readonly onClose: () => void;
}

function Neighbour({ entry, kind, onMove }: { readonly entry: AuditEntry; readonly kind: 'previous' | 'next'; readonly onMove: (seq: number) => void }): ReactNode {
  const { t } = useTranslation();
  const action = t(`auditActions.${entry.action}`, { defaultValue: entry.action });
  return (
    <button type="button" className="button button-small" data-testid={`audit-entry-${kind}`} onClick={() => onMove(entry.seq)}>
      {t(`audit.entry.${kind}`, { seq: entry.seq, action })}
    </button>
  );
}

export function AuditEntryPanel({ seq, onMove, onClose }: Props): ReactNode {
  const { t, i18n } = useTranslation();
  const { entry, previous, next, error, loading } = useAuditEntry(seq);
  const names = useAuditNames(entry ? [entry] : []);
  const heading = useRef<HTMLHeadingElement>(null);
  const titleId = useId();

  // On every entry shown, neighbours included: a screen reader hears which entry it is now on.
  useEffect(() => {
    heading.current?.focus();
  }, [seq]);

  function onKeyDown(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    onClose();
  }

  const object = entry ? objectText(entry.objectType, entry.objectId, names, t) : null;
  return (
    <section className="audit-panel" role="dialog" aria-modal="false" aria-labelledby={titleId} onKeyDown={onKeyDown} data-testid="audit-entry-panel" data-seq={seq}>
      <div className="audit-panel-head">
        <h2 id={titleId} ref={heading} tabIndex={-1}>
          {t('audit.entry.title', { seq })}
        </h2>
        <button type="button" className="button button-small" onClick={onClose}>
          {t('audit.entry.close')}
        </button>
      </div>
      <ErrorAlert error={error} />
      {entry ? (
        <>
          <dl className="facts compact" data-testid="audit-entry-facts">
            <div>
              <dt>{t('audit.entry.time')}</dt>
              <dd>
                <time dateTime={entry.at}>{formatDateTime(entry.at, i18n.language)}</time>
              </dd>
            </div>
            <div>
              <dt>{t('audit.entry.actor')}</dt>
              <dd>{entry.actorName ?? t('audit.system')}</dd>
            </div>
            <div>
              <dt>{t('audit.entry.action')}</dt>
              <dd>
                {t(`auditActions.${entry.action}`, { defaultValue: entry.action })} <code className="action-key">{entry.action}</code>
              </dd>
            </div>
            {object ? (
              <div>
                <dt>{t('audit.entry.object')}</dt>
                <dd>
                  <ShownValue value={object} />
                </dd>
              </div>
            ) : null}
          </dl>
          <h3>{t('audit.entry.details')}</h3>
          <AuditDetailsList details={entry.details} names={names} />
          <dl className="facts audit-hashes">
            <div>
              <dt>{t('audit.entry.hash')}</dt>
              <dd>
                <code data-testid="audit-entry-hash">{entry.hash}</code>
              </dd>
            </div>
            <div>
              <dt>{t('audit.entry.prevHash')}</dt>
              <dd>
                <code>{entry.prevHash}</code>
              </dd>
            </div>
          </dl>
          <nav className="audit-panel-neighbours" aria-label={t('audit.entry.neighbours')}>
            {previous ? <Neighbour entry={previous} kind="previous" onMove={onMove} /> : <p className="muted">{t('audit.entry.first')}</p>}
            {next ? <Neighbour entry={next} kind="next" onMove={onMove} /> : <p className="muted">{t('audit.entry.last')}</p>}
          </nav>
        </>
      ) : loading ? (
        <p className="muted">{t('audit.entry.loading')}</p>
      ) : null}
    </section>
  );
}
