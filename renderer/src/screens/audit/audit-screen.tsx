/** The audit trail for administrators and auditors: browse, verify, export, and past checkpoints. */
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/section';
import { Tabs } from '../../components/tabs';
import { AuditEntries } from './audit-entries';
import { EMPTY_FILTER, isFiltered, toApiFilter, type AuditFilterForm } from './audit-filter-state';
import { AuditFilters } from './audit-filters';
import { CheckpointsTable } from './checkpoints-table';
import { ProcessingReportSection } from '../processing/processing-report-section';
import { ExportPanel } from './export-panel';
import { VerifyPanel } from './verify-panel';

type AuditTab = 'entries' | 'verify' | 'export' | 'checkpoints' | 'processing';

export function AuditScreen(): ReactNode {
  const { t } = useTranslation();
  const [tab, setTab] = useState<AuditTab>('entries');
  const [form, setForm] = useState<AuditFilterForm>(EMPTY_FILTER);
  // Verifying and exporting add entries and checkpoints: bumping this reloads the lists afterwards.
  const [generation, setGeneration] = useState(0);
  const filter = useMemo(() => toApiFilter(form), [form]);
  const filtered = isFiltered(form);
  const changed = (): void => setGeneration((value) => value + 1);

  return (
    <div className="page page-wide">
      <PageHeader title={t('audit.title')}>
        <button type="button" className="button button-small" onClick={changed}>
          {t('common.refresh')}
        </button>
      </PageHeader>
      <Tabs
        label={t('audit.tabsLabel')}
        selected={tab}
        onSelect={setTab}
        tabs={[
          {
            key: 'entries',
            label: t('audit.tabs.entries'),
            content: (
              <>
                <AuditFilters value={form} onChange={setForm} />
                <AuditEntries key={`${JSON.stringify(filter)}:${generation}`} filter={filter} filtered={filtered} />
              </>
            ),
          },
          { key: 'verify', label: t('audit.tabs.verify'), content: <VerifyPanel onFinished={changed} /> },
          { key: 'export', label: t('audit.tabs.export'), content: <ExportPanel filter={filter} filtered={filtered} onFinished={changed} /> },
          { key: 'checkpoints', label: t('audit.tabs.checkpoints'), content: <CheckpointsTable key={generation} /> },
          // The report is a document for the auditor: made where the audit trail is read.
          { key: 'processing', label: t('processing.screen.tab'), content: <ProcessingReportSection /> },
        ]}
      />
    </div>
  );
}
