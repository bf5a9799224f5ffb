import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunSummary } from '../../../../main/api/contract';

/** A run's status as a coloured dot and a word; a failed run's error (in English) on hover. */
export function RunStatus({ run }: { readonly run: Pick<RunSummary, 'status' | 'error'> }): ReactNode {
  const { t } = useTranslation();
  return (
    <span className={`status-dot run-${run.status}`} title={run.error ?? undefined} data-status={run.status}>
      {t(`runs.status.${run.status}`)}
    </span>
  );
}
