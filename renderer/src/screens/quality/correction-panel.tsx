/**
 * Bulk correction, in two steps as the backend wants it: a preview that counts exactly what would be read
 * and stored, then Apply, a job with its progress and a Cancel, committed only with the preview's token.
 * Changing anything in the form drops the preview, so Apply never commits counts the steward did not read.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CorrectionPlan, FlagCount } from '../../../../main/api/contract';
import { ErrorAlert, Notice } from '../../components/alert';
import { JobProgressBar } from '../../components/job-progress';
import { useApiAction } from '../../hooks/use-action';
import { useJob } from '../../hooks/use-job';
import { correctionColumns, correctionKinds, correctionOf, doneSentence, planSentence, type CorrectionDraft } from '../../lib/quality';
import { CorrectionForm } from './correction-form';

interface Props {
  readonly sourceId: number;
  readonly sourceName: string;
  readonly counts: readonly FlagCount[];
  readonly onCorrected: () => void;
}

export function CorrectionPanel({ sourceId, sourceName, counts, onCorrected }: Props): ReactNode {
  const { t, i18n } = useTranslation();
  const kinds = correctionKinds(counts);
  const [chosen, setDraft] = useState<CorrectionDraft>({ kind: kinds[0] ?? 'phoneCountry', country: null, format: 'DD/MM/YYYY', column: '' });
  // After a correction the kind chosen may have nothing left to read: the next one that has is shown.
  const draft = kinds.includes(chosen.kind) || kinds[0] === undefined ? chosen : { ...chosen, kind: kinds[0], column: '' };
  const [previewed, setPlan] = useState<CorrectionPlan | null>(null);
  const preview = useApiAction('quality.previewCorrection');
  const job = useJob('quality.correct');
  const { state } = job;
  const correction = correctionOf(draft);
  // Once applied, stopped or refused, the preview's token is spent or stale: a new preview comes first.
  const plan = state.kind === 'idle' || state.kind === 'running' ? previewed : null;
  const language = i18n.language;

  useEffect(() => {
    if (state.kind === 'completed') onCorrected();
  }, [state, onCorrected]);

  function change(next: CorrectionDraft): void {
    setDraft(next);
    setPlan(null);
    preview.clearError();
  }

  async function runPreview(): Promise<void> {
    if (!correction) return;
    job.reset();
    const result = await preview.run({ sourceId, correction });
    setPlan(result.ok ? result.value : null);
  }

  const flagsChanged = state.kind === 'failed' && state.error.code === 'CONFLICT' && state.error.params?.reason === 'flagsChanged';
  return (
    <section className="card" aria-labelledby="quality-correct-title" data-testid="quality-correct">
      <h2 className="card-title" id="quality-correct-title">
        {t('quality.correct.title')}
      </h2>
      <p className="card-description">{t('quality.correct.description')}</p>
      {kinds.length === 0 ? (
        state.kind === 'idle' ? (
          <p className="muted">{t('quality.correct.none')}</p>
        ) : null
      ) : (
        <form
          className="form correction-form"
          aria-labelledby="quality-correct-title"
          onSubmit={(event) => {
            event.preventDefault();
            void runPreview();
          }}
        >
          <p className="field-hint">{t('quality.correct.scope', { source: sourceName })}</p>
          <CorrectionForm draft={draft} kinds={kinds} columns={correctionColumns(counts, draft.kind)} disabled={job.running} onChange={change} />
          <div className="form-actions start">
            <button type="submit" className="button" disabled={correction === null || preview.busy || job.running}>
              {t('quality.correct.preview')}
            </button>
            {correction === null ? <span className="muted small">{t('quality.correct.chooseCountry')}</span> : null}
          </div>
        </form>
      )}
      <ErrorAlert error={preview.error} />
      {plan ? (
        <div className="stack" data-testid="correction-plan">
          <p role="status">
            {planSentence(t, plan, language)} {plan.matched > 0 && plan.fixed === 0 ? t('quality.correct.nothingFixed') : null}
          </p>
          {plan.fixed > 0 && state.kind !== 'running' ? (
            <div className="form-actions start">
              <button type="button" className="button button-primary" onClick={() => correction && void job.start({ sourceId, correction, token: plan.token })}>
                {t('quality.correct.apply')}
              </button>
            </div>
          ) : null}
        </div>
      ) : null}
      {state.kind === 'running' ? (
        <JobProgressBar label={t('quality.correct.running')} progress={state.progress} cancelling={state.cancelling} onCancel={() => void job.cancel()} />
      ) : null}
      {state.kind === 'completed' ? (
        <Notice tone="success" testId="correction-done">
          {doneSentence(t, state.value, language)}
        </Notice>
      ) : null}
      {state.kind === 'cancelled' ? (
        <Notice tone="warning" testId="correction-stopped">
          {t('quality.correct.stopped')}
        </Notice>
      ) : null}
      {flagsChanged ? (
        <Notice tone="warning" testId="correction-conflict">
          {t('quality.correct.flagsChanged')}
        </Notice>
      ) : state.kind === 'failed' ? (
        <ErrorAlert error={state.error} />
      ) : null}
    </section>
  );
}
