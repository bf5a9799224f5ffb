/**
 * Where the vault's data comes from: the sources with their declaration, the history of imports and
 * syncs, and the connectors. Auditors read all three without changing anything: the register of sources
 * with its purposes and lawful bases is what they review (a record of processing), and the history and
 * connectors say which systems feed the vault. Rejected rows hold personal data: stewards and
 * administrators only.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/section';
import { Tabs, type TabSpec } from '../../components/tabs';
import type { AreaFocus } from '../../session/areas';
import { hasRole, useSession } from '../../session/session-context';
import { ConnectorsPanel } from './connectors-panel';
import { RunsTable } from './runs-table';
import { SourcesTable } from './sources-table';

type SourcesTab = 'sources' | 'runs' | 'connectors';

export function SourcesScreen({ focus }: { readonly focus?: AreaFocus | undefined }): ReactNode {
  const { t } = useTranslation();
  const { user } = useSession();
  const manages = hasRole(user, 'administrator', 'steward');
  const [tab, setTab] = useState<SourcesTab>(focus?.tab ?? 'sources');
  // A sync adds runs and may add sources: bumping this reloads the other tabs.
  const [generation, setGeneration] = useState(0);
  const changed = (): void => setGeneration((value) => value + 1);

  const tabs: TabSpec<SourcesTab>[] = [
    { key: 'sources', label: t('sources.tabs.sources'), content: <SourcesTable key={generation} canEdit={manages} /> },
    { key: 'runs', label: t('sources.tabs.runs'), content: <RunsTable key={generation} canReview={manages} focusRunId={focus?.runId} /> },
    { key: 'connectors', label: t('sources.tabs.connectors'), content: <ConnectorsPanel canEdit={manages} onChanged={changed} focusSourceId={focus?.tab === 'connectors' ? focus.sourceId : undefined} /> },
  ];

  return (
    <div className="page page-wide">
      <PageHeader title={t('sources.title')} />
      {manages ? null : <p className="lead">{t('sources.auditorIntro')}</p>}
      <Tabs label={t('sources.tabsLabel')} selected={tab} onSelect={setTab} tabs={tabs} />
    </div>
  );
}
