import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunSummary } from '../../../../main/api/contract';
import { formatNumber } from '../../lib/format';
import { shownError, shownErrorTitle } from '../../lib/stored-error';
import { runOutcome, type RunOutcomeInput } from './run-outcome';

/** The words of a run's status, rejects included ("Completed with 12 rejected rows"). */
export function useRunStatusText(): (run: RunOutcomeInput) => string {
  const { t, i18n } = useTranslation();
  return (run) => {
    const outcome = runOutcome(run);
    return outcome.count === undefined ? t(outcome.key) : t(outcome.key, { count: outcome.count, formatted: formatNumber(outcome.count, i18n.language) });
  };
}

/**
 * A run's status as a coloured dot and words: green when completed cleanly, amber with rejected rows, red
 * when every row was rejected or the run failed; a failed run's error, in the steward's language where it
 * can be, on hover.
 */
export function RunStatus({ run }: { readonly run: RunOutcomeInput & Pick<RunSummary, 'error' | 'errorDetail'> }): ReactNode {
  const { t } = useTranslation();
  const text = useRunStatusText();
  const { tone } = runOutcome(run);
  const title = run.error === null ? undefined : shownErrorTitle(shownError(t, run.error, run.errorDetail));
  return (
    <span className={`status-dot run-${tone}`} title={title} data-status={tone}>
      {text(run)}
    </span>
  );
}
