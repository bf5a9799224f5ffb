/**
 * "Remove what this import added": the steward reads what will go and what will stay (counted by the
 * backend as the vault stands now, not taken from the run's own counts, which later runs may have
 * overtaken) before anything is removed. Mounted for one run at a time, so its counts never show another's.
 * The removal is a job: a large run takes a while, so it shows its progress and can be stopped. Stopped,
 * what went stays gone and the counts are read again: they are then what a second Remove would take.
 */
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunSummary, UndoCounts } from '../../../../main/api/contract';
import { ErrorAlert, Notice } from '../../components/alert';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { JobProgressBar } from '../../components/job-progress';
import { useApiData } from '../../hooks/use-api-data';
import { useJob } from '../../hooks/use-job';
import { formatNumber } from '../../lib/format';

interface Props {
  readonly run: RunSummary;
  readonly onClose: () => void;
  readonly onUndone: (counts: UndoCounts) => void;
}

export function UndoRunDialog({ run, onClose, onUndone }: Props): ReactNode {
  const { t, i18n } = useTranslation();
  const plan = useApiData('import.undoPlan', { runId: run.id });
  const undo = useJob('import.undo');
  const { state } = undo;
  const { reload } = plan;

  useEffect(() => {
    if (state.kind === 'completed') onUndone(state.value);
    // Part of the run may be gone: the plan now counts what is left.
    if (state.kind === 'cancelled' || state.kind === 'failed') reload();
  }, [state, onUndone, reload]);

  const language = i18n.language;
  const counted = (key: string, count: number) => t(key, { count, formatted: formatNumber(count, language), source: run.sourceName });
  const error = plan.error ?? (state.kind === 'failed' ? state.error : null);
  return (
    <ConfirmDialog
      open
      title={t('runs.undo.title')}
      confirmLabel={t('runs.undo.confirm')}
      danger
      busy={undo.running || plan.loading}
      onConfirm={() => void undo.start({ runId: run.id })}
      onCancel={onClose}
    >
      <ErrorAlert error={error} />
      {state.kind === 'cancelled' ? <Notice tone="warning" testId="undo-stopped">{t('runs.undo.stopped')}</Notice> : null}
      {plan.data ? (
        <div data-testid="undo-plan">
          <p>{counted('runs.undo.remove', plan.data.removed)}</p>
          {plan.data.keptChanged > 0 ? <p>{counted('runs.undo.keptChanged', plan.data.keptChanged)}</p> : null}
          {plan.data.keptLater > 0 ? <p>{counted('runs.undo.keptLater', plan.data.keptLater)}</p> : null}
          {plan.data.rejectsRemoved > 0 ? <p>{counted('runs.undo.rejects', plan.data.rejectsRemoved)}</p> : null}
          <p>
            <strong>{t('runs.undo.irreversible')}</strong>
          </p>
        </div>
      ) : plan.loading ? (
        <p className="muted">{t('common.loading')}</p>
      ) : null}
      {state.kind === 'running' ? (
        <JobProgressBar label={t('runs.undo.running')} progress={state.progress} cancelling={state.cancelling} onCancel={() => void undo.cancel()} />
      ) : null}
    </ConfirmDialog>
  );
}
