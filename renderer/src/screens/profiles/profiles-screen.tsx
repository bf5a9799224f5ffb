/**
 * Finding people: a search that answers as you type, or, with an empty search, everyone in name order.
 * Opening a person shows their detail in place; the list or the results wait, scrolled where they were.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/section';
import type { AreaFocus, Navigate } from '../../session/areas';
import { useApiData } from '../../hooks/use-api-data';
import { HeldList } from '../consent/held-list';
import { useDebouncedValue } from '../../hooks/use-debounced-value';
import { useProfilePages } from '../../hooks/use-profile-pages';
import { formatNumber } from '../../lib/format';
import { ProfileDetailView } from './profile-detail';
import { ProfileList } from './profile-list';
import { SearchResults } from './search-results';

const SEARCH_DELAY_MS = 200;

export function ProfilesScreen({ onNavigate, focus }: { readonly onNavigate: Navigate; readonly focus?: AreaFocus | undefined }): ReactNode {
  const { t, i18n } = useTranslation();
  // Records held for a lawful basis are not people yet: listed apart, where a steward releases or deletes them.
  const [heldView, setHeldView] = useState(focus?.profilesView === 'held');
  const held = useApiData('consent.held', { limit: 1 });
  const heldTotal = held.data?.total ?? 0;
  const [query, setQuery] = useState('');
  const settled = useDebouncedValue(query.trim(), SEARCH_DELAY_MS);
  const [selected, setSelected] = useState<number | null>(focus?.profileId ?? null);
  const pages = useProfilePages();
  const searching = settled !== '';

  return (
    <div className="page page-wide profiles-page">
      <PageHeader title={t('profiles.title')}>
        {pages.total !== null ? (
          <span className="count" data-testid="profile-count" data-total={pages.total}>
            {t('profiles.count', { count: pages.total, formatted: formatNumber(pages.total, i18n.language) })}
          </span>
        ) : null}
        {/* One person seen three times is resolved where the review and its settings are. */}
        <button type="button" className="button" onClick={() => onNavigate('identity')}>
          {t('profiles.resolve')}
        </button>
        {heldTotal > 0 || heldView ? (
          <button type="button" className="button" aria-pressed={heldView} data-testid="open-held" onClick={() => setHeldView((shown) => !shown)}>
            {heldView ? t('held.back') : t('held.open', { count: heldTotal, formatted: formatNumber(heldTotal, i18n.language) })}
          </button>
        ) : null}
      </PageHeader>
      {heldView ? <HeldList onChanged={held.reload} /> : null}
      <form
        role="search"
        className="search-box"
        hidden={selected !== null || heldView}
        onSubmit={(event) => event.preventDefault()}
        aria-label={t('profiles.search.formLabel')}
      >
        <label htmlFor="profile-search">{t('profiles.search.input')}</label>
        <input
          id="profile-search"
          type="search"
          value={query}
          autoComplete="off"
          spellCheck={false}
          maxLength={200}
          placeholder={t('profiles.search.placeholder')}
          aria-describedby="profile-search-hint"
          onChange={(event) => setQuery(event.target.value)}
        />
        <p className="field-hint" id="profile-search-hint">
          {t('profiles.search.hint')}
        </p>
      </form>
      {searching && !heldView ? <SearchResults query={settled} hidden={selected !== null} onOpen={(profile) => setSelected(profile.id)} /> : null}
      <ProfileList pages={pages} hidden={searching || selected !== null || heldView} onOpen={(profile) => setSelected(profile.id)} />
      {selected !== null && !heldView ? (
        <ProfileDetailView
          id={selected}
          backLabel={searching ? t('profiles.backToResults') : t('profiles.backToList')}
          onBack={() => setSelected(null)}
          onOpenCertificate={(certificateId) => onNavigate('erasure', { certificateId })}
        />
      ) : null}
    </div>
  );
}
