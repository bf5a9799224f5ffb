/**
 * Merge with another person: find them (profiles.search, as People does), then confirm, in one modal
 * <dialog> (the browser traps focus; Escape closes). The person shown is never offered as the other.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileSummary } from '../../../../main/api/contract';
import { ErrorAlert } from '../../components/alert';
import { useApiData } from '../../hooks/use-api-data';
import { useDebouncedValue } from '../../hooks/use-debounced-value';

function Hits({ query, exclude, onChoose }: { readonly query: string; readonly exclude: number; readonly onChoose: (profile: ProfileSummary) => void }): ReactNode {
  const { t } = useTranslation();
  const search = useApiData('profiles.search', { query, limit: 10 });
  const hits = (search.data?.hits ?? []).filter((hit) => hit.id !== exclude);
  return (
    <>
      <ErrorAlert error={search.error} />
      {search.data && hits.length === 0 ? <p className="muted" role="status">{t('identity.person.merge.none', { query })}</p> : null}
      <ul className="merge-results" data-testid="merge-results">
        {hits.map((hit) => (
          <li key={hit.id}>
            <button type="button" className="link-button" aria-label={t('identity.person.merge.choose', { name: hit.displayName || t('profiles.unnamed') })} onClick={() => onChoose(hit)}>
              {hit.displayName || t('profiles.unnamed')}
            </button>{' '}
            <span className="muted small">{[...hit.sources, ...hit.emails].join(' · ')}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

interface Props {
  readonly open: boolean;
  readonly profileId: number;
  readonly name: string;
  readonly busy: boolean;
  readonly onMerge: (other: ProfileSummary) => Promise<boolean>;
  readonly onClose: () => void;
}

export function MergeDialog({ open, profileId, name, busy, onMerge, onClose }: Props): ReactNode {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const inputId = useId();
  const [query, setQuery] = useState('');
  const [other, setOther] = useState<ProfileSummary | null>(null);
  const settled = useDebouncedValue(query.trim(), 200);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  function close(): void {
    setQuery('');
    setOther(null);
    onClose();
  }

  const otherName = other ? other.displayName || t('profiles.unnamed') : '';
  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby={titleId}
      data-testid="merge-dialog"
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) close();
      }}
    >
      <h2 id={titleId}>{other ? t('identity.person.merge.confirmTitle', { other: otherName, name }) : t('identity.person.merge.title')}</h2>
      <div className="dialog-body">
        {other ? (
          <p>{t('identity.person.merge.confirmText')}</p>
        ) : (
          <div className="field">
            <label htmlFor={inputId}>{t('identity.person.merge.search')}</label>
            <input id={inputId} type="search" value={query} autoComplete="off" spellCheck={false} maxLength={200} aria-describedby={`${inputId}-hint`} onChange={(event) => setQuery(event.target.value)} />
            <div className="field-hint" id={`${inputId}-hint`}>
              {t('identity.person.merge.searchHint')}
            </div>
            {open && settled !== '' ? <Hits query={settled} exclude={profileId} onChoose={setOther} /> : null}
          </div>
        )}
      </div>
      <div className="dialog-actions">
        {other ? (
          <button type="button" className="button" onClick={() => setOther(null)} disabled={busy}>
            {t('identity.person.merge.back')}
          </button>
        ) : null}
        <button type="button" className="button" onClick={close} disabled={busy}>
          {t('common.cancel')}
        </button>
        {other ? (
          <button type="button" className="button button-primary" disabled={busy} aria-busy={busy} onClick={() => void onMerge(other).then(close)}>
            {busy ? t('common.working') : t('identity.person.merge.confirm')}
          </button>
        ) : null}
      </div>
    </dialog>
  );
}
