/**
 * Data quality: the values imports kept as sent because they could not read them, one source at a time
 * (the one with most to review first), or one run's when opened from an import's result. A person opened
 * from the list is shown in place, so that going back finds the list, its filter and its page as they were.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/alert';
import { SelectField } from '../../components/field';
import { PageHeader } from '../../components/section';
import { useApiData } from '../../hooks/use-api-data';
import { formatNumber } from '../../lib/format';
import type { AreaFocus } from '../../session/areas';
import { ProfileDetailView } from '../profiles/profile-detail';
import { SourceQuality } from './source-quality';

export function QualityScreen({ focus }: { readonly focus?: AreaFocus | undefined }): ReactNode {
  const { t, i18n } = useTranslation();
  const overview = useApiData('quality.overview', {});
  // Names every source, for one opened from an import whose flags were all corrected since.
  const allSources = useApiData('sources.list', {});
  const [picked, setPicked] = useState<number | null>(focus?.sourceId ?? null);
  const [runId, setRunId] = useState<number | undefined>(focus?.runId);
  const [person, setPerson] = useState<number | null>(null);
  const sources = overview.data ?? [];
  const sourceId = picked ?? sources[0]?.sourceId ?? null;

  function pick(value: string): void {
    setPicked(Number(value));
    setRunId(undefined);
  }

  return (
    <div className="page page-wide quality-page">
      <PageHeader title={t('quality.title')} />
      <div hidden={person !== null} className="stack">
        <p className="lead">{t('quality.intro')}</p>
        <ErrorAlert error={overview.error} />
        {!overview.data && !overview.error ? <p className="muted">{t('common.loading')}</p> : null}
        {overview.data && sources.length === 0 && sourceId === null ? (
          <p className="empty" data-testid="quality-clean">
            {t('quality.allClean')}
          </p>
        ) : null}
        {sources.length > 0 || picked !== null ? (
          <SelectField label={t('quality.source')} className="quality-source" value={sourceId ?? ''} onChange={(event) => pick(event.target.value)}>
            {picked !== null && !sources.some((source) => source.sourceId === picked) ? (
              <option value={picked}>{allSources.data?.find((source) => source.id === picked)?.name ?? ''}</option>
            ) : null}
            {sources.map((source) => (
              <option key={source.sourceId} value={source.sourceId}>
                {t('quality.sourceOption', { source: source.sourceName, formatted: formatNumber(source.flaggedRecords, i18n.language) })}
              </option>
            ))}
          </SelectField>
        ) : null}
        {sourceId !== null ? (
          <SourceQuality
            key={`${sourceId}-${runId ?? ''}`}
            sourceId={sourceId}
            runId={runId}
            onWholeSource={() => setRunId(undefined)}
            onPerson={setPerson}
            onCorrected={overview.reload}
          />
        ) : null}
      </div>
      {person !== null ? <ProfileDetailView id={person} backLabel={t('quality.list.back')} onBack={() => setPerson(null)} /> : null}
    </div>
  );
}
