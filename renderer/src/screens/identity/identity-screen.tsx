/**
 * Identities: where resolution stands and Resolve, then the review queue, the contradicting decisions,
 * the settings and the golden record's rules as tabs (each kept mounted, so a dry run or a chosen pair survives a look at another). A
 * person opened from here is shown in place; going back finds the tabs as they were.
 */
import { useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/section';
import { Tabs } from '../../components/tabs';
import { useApiData } from '../../hooks/use-api-data';
import { formatNumber } from '../../lib/format';
import type { AreaFocus, IdentityView } from '../../session/areas';
import { ProfileDetailView } from '../profiles/profile-detail';
import { ConflictsPanel } from './conflicts-panel';
import { ResolveStatus } from './resolve-status';
import { ReviewPanel } from './review-panel';
import { SettingsPanel } from './settings-panel';
import { SurvivorshipPanel } from './survivorship-panel';

/** Pairs fetched at once: the queue is worked one at a time, and a decision reloads it. */
const QUEUE_PAGE = 50;

export function IdentityScreen({ focus }: { readonly focus?: AreaFocus | undefined }): ReactNode {
  const { t, i18n } = useTranslation();
  const [view, setView] = useState<IdentityView>(focus?.identityView ?? 'review');
  const [person, setPerson] = useState<number | null>(null);
  const status = useApiData('identity.status', {});
  const queue = useApiData('identity.review', { limit: QUEUE_PAGE });
  const conflicts = useApiData('identity.conflicts', {});
  const settings = useApiData('identity.settings', {});
  const { reload: reloadStatus } = status;
  const { reload: reloadQueue } = queue;
  const { reload: reloadConflicts } = conflicts;

  const changed = useCallback(() => {
    reloadStatus();
    reloadQueue();
    reloadConflicts();
  }, [reloadStatus, reloadQueue, reloadConflicts]);

  const back = (): void => {
    setPerson(null);
    // A split, merge or undo in the person changes the queue and the conflicts.
    changed();
  };
  const language = i18n.language;
  const pending = queue.data?.total ?? status.data?.pendingPairs ?? 0;
  const conflictCount = conflicts.data?.conflicts.length ?? 0;

  return (
    <div className="page page-wide identity-page">
      <PageHeader title={t('identity.title')} />
      <div hidden={person !== null} className="stack">
        <p className="lead">{t('identity.intro')}</p>
        <ResolveStatus status={status} onResolved={changed} />
        <Tabs
          label={t('identity.tabs.label')}
          selected={view}
          onSelect={setView}
          tabs={[
            {
              key: 'review',
              label: t('identity.tabs.review', { formatted: formatNumber(pending, language) }),
              content: (
                <ReviewPanel
                  pairs={queue.data?.pairs ?? null}
                  total={pending}
                  everRun={status.data?.lastRun != null}
                  settings={settings.data?.settings ?? null}
                  active={view === 'review' && person === null}
                  onChanged={changed}
                  onPerson={setPerson}
                />
              ),
            },
            { key: 'conflicts', label: t('identity.tabs.conflicts', { formatted: formatNumber(conflictCount, language) }), content: <ConflictsPanel conflicts={conflicts} onPerson={setPerson} /> },
            { key: 'settings', label: t('identity.tabs.settings'), content: <SettingsPanel settings={settings} onSaved={settings.reload} /> },
            { key: 'golden', label: t('identity.tabs.golden'), content: <SurvivorshipPanel /> },
          ]}
        />
      </div>
      {person !== null ? <ProfileDetailView id={person} backLabel={t('identity.back')} onBack={back} /> : null}
    </div>
  );
}
