/**
 * One source's flagged values: how many records have some, by field and reason (a chart, then the same
 * figures per column in a table whose rows narrow the list), the values themselves, and the bulk
 * correction. A correction changes all three, so they are read again after one.
 */
import { useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlagCount } from '../../../../main/api/contract';
import { ErrorAlert } from '../../components/alert';
import { useApiData } from '../../hooks/use-api-data';
import { formatNumber } from '../../lib/format';
import { CorrectionPanel } from './correction-panel';
import { CountsTable } from './counts-table';
import { FlagsChart } from './flags-chart';
import { FlagsList } from './flags-list';

export type CountFilter = Pick<FlagCount, 'field' | 'code' | 'column'>;

interface Props {
  readonly sourceId: number;
  readonly runId: number | undefined;
  readonly onWholeSource: () => void;
  readonly onPerson: (profileId: number) => void;
  readonly onCorrected: () => void;
}

export function SourceQuality({ sourceId, runId, onWholeSource, onPerson, onCorrected }: Props): ReactNode {
  const { t, i18n } = useTranslation();
  const summary = useApiData('quality.summary', runId === undefined ? { sourceId } : { sourceId, runId });
  const [filter, setFilter] = useState<CountFilter | null>(null);
  // The list is mounted anew after a correction: its page and total are then those of the flags left.
  const [corrections, setCorrections] = useState(0);
  const reload = summary.reload;
  const corrected = useCallback(() => {
    reload();
    setFilter(null);
    setCorrections((count) => count + 1);
    onCorrected();
  }, [reload, onCorrected]);

  if (summary.error) return <ErrorAlert error={summary.error} />;
  const data = summary.data;
  if (!data) return <p className="muted">{t('common.loading')}</p>;
  const language = i18n.language;
  const values = {
    count: data.flaggedRecords,
    formatted: formatNumber(data.flaggedRecords, language),
    total: formatNumber(data.records, language),
    source: data.sourceName,
  };
  return (
    <div className="stack">
      <div className="form-actions start">
        <p className="quality-headline" data-testid="quality-headline" data-flagged={data.flaggedRecords}>
          {data.flaggedRecords === 0
            ? t('quality.nothingLeft', { source: data.sourceName })
            : t(runId === undefined ? 'quality.headline' : 'quality.headlineRun', values)}
        </p>
        {runId !== undefined ? (
          <button type="button" className="button button-small" onClick={onWholeSource}>
            {t('quality.wholeSource', { source: data.sourceName })}
          </button>
        ) : null}
      </div>
      {data.counts.length > 0 ? (
        <>
          <FlagsChart sourceName={data.sourceName} counts={data.counts} />
          <CountsTable counts={data.counts} filter={filter} onFilter={setFilter} />
          <FlagsList key={corrections} sourceId={sourceId} runId={runId} filter={filter} onShowAll={() => setFilter(null)} onPerson={onPerson} />
        </>
      ) : null}
      {/* Kept after the last flag is corrected, to say what the correction did. */}
      {data.counts.length > 0 || corrections > 0 ? (
        <CorrectionPanel sourceId={sourceId} sourceName={data.sourceName} counts={data.counts} onCorrected={corrected} />
      ) : null}
    </div>
  );
}
