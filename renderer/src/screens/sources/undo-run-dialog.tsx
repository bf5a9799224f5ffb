/**
 * "Remove what this import added": the steward reads what will go and what will stay (counted by the
 * backend as the vault stands now, not taken from the run's own counts, which later runs may have
 * overtaken) before anything is removed. Mounted for one run at a time, so its counts never show another's.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunSummary, UndoCounts } from '../../../../main/api/contract';
import { ErrorAlert } from '../../components/alert';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { useApiAction } from '../../hooks/use-action';
import { useApiData } from '../../hooks/use-api-data';
import { formatNumber } from '../../lib/format';

interface Props {
  readonly run: RunSummary;
  readonly onClose: () => void;
  readonly onUndone: (counts: UndoCounts) => void;
}

export function UndoRunDialog({ run, onClose, onUndone }: Props): ReactNode {
  const { t, i18n } = useTranslation();
  const plan = useApiData('import.undoPlan', { runId: run.id });
  const undo = useApiAction('import.undo');

  async function confirm(): Promise<void> {
    const result = await undo.run({ runId: run.id });
    if (result.ok) onUndone(result.value);
  }

  const language = i18n.language;
  const counted = (key: string, count: number) => t(key, { count, formatted: formatNumber(count, language), source: run.sourceName });
  const error = plan.error ?? undo.error;
  return (
    <ConfirmDialog
      open
      title={t('runs.undo.title')}
      confirmLabel={t('runs.undo.confirm')}
      danger
      busy={undo.busy || plan.loading}
      onConfirm={() => void confirm()}
      onCancel={onClose}
    >
      <ErrorAlert error={error} />
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
    </ConfirmDialog>
  );
}
