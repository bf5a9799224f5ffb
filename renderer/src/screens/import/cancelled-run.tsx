/**
 * A cancelled import in the wizard: what it wrote before it stopped. The cancelled job returns no
 * summary, so the run is read back from the import history (the newest cancelled run of this file); a
 * cancel that came before the run was opened has none, and only the sentence is shown.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../components/alert';
import { useApiData } from '../../hooks/use-api-data';
import { RunCounts } from './import-result';

/** Enough to pass over runs that other work (a watched folder's sync) may have opened since. */
const RECENT_RUNS = 10;

export function CancelledRun({ fileName }: { readonly fileName: string }): ReactNode {
  const { t } = useTranslation();
  const runs = useApiData('import.runs', { limit: RECENT_RUNS });
  const run = runs.data?.find((candidate) => candidate.fileName === fileName && candidate.status === 'cancelled') ?? null;
  return (
    <div className="stack">
      <Notice tone="warning" testId="import-cancelled">
        {t('import.run.cancelled')}
      </Notice>
      {run !== null ? (
        <div className="stack" data-testid="import-cancelled-counts">
          <p className="result-detail">{t('import.run.cancelledCounts')}</p>
          <RunCounts run={run} />
        </div>
      ) : null}
    </div>
  );
}
