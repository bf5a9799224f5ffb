import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunSummary } from '../../../../main/api/contract';
import { shownError, shownErrorTitle } from '../../lib/stored-error';

/** A run's status as a coloured dot and a word; a failed run's error, in the steward's language where it can be, on hover. */
export function RunStatus({ run }: { readonly run: Pick<RunSummary, 'status' | 'error' | 'errorDetail'> }): ReactNode {
  const { t } = useTranslation();
  const title = run.error === null ? undefined : shownErrorTitle(shownError(t, run.error, run.errorDetail));
  return (
    <span className={`status-dot run-${run.status}`} title={title} data-status={run.status}>
      {t(`runs.status.${run.status}`)}
    </span>
  );
}
