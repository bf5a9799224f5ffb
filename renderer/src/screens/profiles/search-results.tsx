/** People matching a search, best matches first; accents and capitals do not matter (`helene` finds Hélène). */
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileSummary } from '../../../../main/api/contract';
import { ErrorAlert } from '../../components/alert';
import { useApiData } from '../../hooks/use-api-data';
import { formatNumber } from '../../lib/format';
import { ProfileHeaderRow, ProfileRow } from './profile-row';

export const SEARCH_LIMIT = 50;

interface Props {
  readonly query: string;
  readonly hidden: boolean;
  readonly onOpen: (profile: ProfileSummary, index: number) => void;
}

export function SearchResults({ query, hidden, onOpen }: Props): ReactNode {
  const { t, i18n } = useTranslation();
  const search = useApiData('profiles.search', { query, limit: SEARCH_LIMIT });
  const body = useRef<HTMLDivElement>(null);
  const opened = useRef<number | null>(null);
  const hits = search.data?.hits ?? null;

  useEffect(() => {
    if (hidden || opened.current === null) return;
    const index = opened.current;
    opened.current = null;
    body.current?.querySelector<HTMLButtonElement>(`[data-index="${index}"] button`)?.focus();
  }, [hidden]);

  function onRowKey(event: KeyboardEvent<HTMLButtonElement>, index: number): void {
    const target = event.key === 'ArrowDown' ? index + 1 : event.key === 'ArrowUp' ? index - 1 : null;
    if (target === null) return;
    event.preventDefault();
    body.current?.querySelector<HTMLButtonElement>(`[data-index="${target}"] button`)?.focus();
  }

  const status =
    hits === null
      ? t('profiles.search.searching')
      : hits.length === 0
        ? t('profiles.search.none', { query })
        : hits.length >= SEARCH_LIMIT
          ? t('profiles.search.many', { count: SEARCH_LIMIT })
          : t('profiles.search.found', { count: hits.length, formatted: formatNumber(hits.length, i18n.language) });

  return (
    <div className="search-results" hidden={hidden}>
      <p className="list-meta" role="status" data-testid="search-status">
        {status}
      </p>
      <ErrorAlert error={search.error} />
      {hits && hits.length > 0 ? (
        <div
          role="table"
          className="profile-table"
          aria-label={t('profiles.search.label', { query })}
          aria-rowcount={hits.length + 1}
          aria-busy={search.loading}
        >
          <div role="rowgroup" className="profile-head">
            <ProfileHeaderRow />
          </div>
          <div role="rowgroup" className="profile-results" ref={body} data-testid="search-results">
            {hits.map((profile, index) => (
              <ProfileRow
                key={profile.id}
                profile={profile}
                index={index}
                rowIndex={index + 2}
                onOpen={(chosen, at) => {
                  opened.current = at;
                  onOpen(chosen, at);
                }}
                onKeyDown={onRowKey}
              />
            ))}
          </div>
        </div>
      ) : null}
    </div>
  );
}
