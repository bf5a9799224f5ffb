/**
 * Finding the requester among the people the vault holds: profiles.search, as People does (recorded in the
 * audit trail as a search, without its text), each hit a checkbox, so several profiles can be matched.
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileSummary } from '../../../../main/api/contract';
import { ErrorAlert } from '../../components/alert';
import { useApiAction } from '../../hooks/use-action';
import { useApiData } from '../../hooks/use-api-data';

/** Profiles the linker was not sure enough to merge with the chosen ones: offered, never added unasked. */
function SamePersonSuggestions({ selected, onToggle }: { readonly selected: readonly number[]; readonly onToggle: (id: number) => void }): ReactNode {
  const { t } = useTranslation();
  const suggestions = useApiData('identity.suggest', { profileIds: [...selected] });
  const list = (suggestions.data?.suggestions ?? []).filter((entry) => !selected.includes(entry.profileId));
  if (list.length === 0) return null;
  return (
    <div data-testid="request-person-suggestions">
      <p className="form-note">{t('requests.verify.suggestions')}</p>
      <ul className="stack">
        {list.map((entry) => (
          <li key={entry.profileId}>
            <label className="checkbox">
              <input type="checkbox" checked={false} onChange={() => onToggle(entry.profileId)} />
              <span>{t('requests.verify.select', { id: entry.profileId, name: entry.displayName || t('profiles.unnamed') })}</span>
            </label>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function PersonPicker({ selected, onChange }: { readonly selected: readonly number[]; readonly onChange: (ids: number[]) => void }): ReactNode {
  const { t } = useTranslation();
  const inputId = useId();
  const search = useApiAction('profiles.search');
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<ProfileSummary[] | null>(null);

  async function find(event?: FormEvent): Promise<void> {
    event?.preventDefault();
    if (query.trim() === '') return;
    const result = await search.run({ query: query.trim(), limit: 20 });
    if (result.ok) setHits(result.value.hits);
  }

  const toggle = (id: number) => onChange(selected.includes(id) ? selected.filter((entry) => entry !== id) : [...selected, id]);
  return (
    <fieldset className="fieldset" data-testid="request-person-picker">
      <legend>{t('requests.verify.search')}</legend>
      <div className="field">
        <label htmlFor={inputId}>{t('requests.verify.searchHint')}</label>
        <div className="form-actions start">
          <input
            id={inputId}
            type="search"
            value={query}
            autoComplete="off"
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={(event) => {
              // The picker sits inside the verification form: Enter searches instead of submitting it.
              if (event.key === 'Enter') {
                event.preventDefault();
                void find();
              }
            }}
          />
          <button type="button" className="button" onClick={() => void find()} disabled={search.busy}>
            {t('requests.verify.searchButton')}
          </button>
        </div>
      </div>
      <ErrorAlert error={search.error} />
      {hits !== null && hits.length === 0 ? (
        <p className="muted" role="status">
          {t('requests.verify.noHits')}
        </p>
      ) : null}
      {hits !== null && hits.length > 0 ? (
        <ul className="stack" data-testid="request-person-hits">
          {hits.map((hit) => (
            <li key={hit.id}>
              <label className="checkbox">
                <input type="checkbox" checked={selected.includes(hit.id)} onChange={() => toggle(hit.id)} />
                <span>
                  {t('requests.verify.select', { id: hit.id, name: hit.displayName || t('profiles.unnamed') })}{' '}
                  <span className="muted small">{[...hit.sources, ...hit.emails].join(' · ')}</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      ) : null}
      {selected.length > 0 ? <SamePersonSuggestions selected={selected} onToggle={toggle} /> : null}
      <p className="muted small" role="status">
        {t('requests.verify.selected', { count: selected.length })}
      </p>
    </fieldset>
  );
}
