/**
 * Previewing a sweep (a job: everyone due today, planned by the erasure engine, exact counts and one
 * token), then approving exactly that preview: the number of people typed, to run now or from a chosen
 * time. Running is the panel's (the same job runs a sweep approved earlier from the list).
 */
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Sweep } from '../../../../main/api/contract';
import { ErrorAlert, Notice } from '../../components/alert';
import { TextField } from '../../components/field';
import { JobProgressBar } from '../../components/job-progress';
import { Section } from '../../components/section';
import { useApiAction } from '../../hooks/use-action';
import { useJob } from '../../hooks/use-job';
import { formatDateTime, formatNumber } from '../../lib/format';
import { confirmationMatches } from '../erasure/erasure-text';
import { TypedConfirmation } from '../erasure/typed-confirmation';
import { runAtInstant } from './retention-text';
import { SweepFacts } from './sweep-facts';

export function SweepWizard({
  busy,
  onChanged,
  onRun,
}: {
  /** A sweep is running: nothing new starts meanwhile. */
  readonly busy: boolean;
  readonly onChanged: () => void;
  readonly onRun: (id: number) => void;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const confirmId = useId();
  const whenId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const previewJob = useJob('retention.previewSweep');
  const approve = useApiAction('retention.approveSweep');
  const [typed, setTyped] = useState('');
  const [when, setWhen] = useState<'now' | 'later'>('now');
  const [at, setAt] = useState('');
  const [approved, setApproved] = useState<Sweep | null>(null);
  const preview = previewJob.state.kind === 'completed' ? previewJob.state.value : null;
  const people = preview?.people ?? 0;
  const runAt = when === 'later' ? runAtInstant(at, new Date()) : null;
  const ready = preview !== null && people > 0 && confirmationMatches(typed, people) && (when === 'now' || runAt !== null);

  // The preview is kept as a sweep: the list shows it at once. Its heading takes focus.
  const previewed = preview?.sweep.id ?? null;
  useEffect(() => {
    if (previewed === null) return;
    onChanged();
    heading.current?.focus();
  }, [previewed, onChanged]);

  async function start(): Promise<void> {
    approve.clearError();
    setApproved(null);
    setTyped('');
    await previewJob.start({});
  }

  function reset(): void {
    previewJob.reset();
    approve.clearError();
    setApproved(null);
    setTyped('');
    setWhen('now');
    setAt('');
  }

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (!ready || preview === null) return;
    const result = await approve.run({ id: preview.sweep.id, token: preview.token, ...(runAt === null ? {} : { runAt }) });
    if (!result.ok) return;
    onChanged();
    if (when === 'now') {
      reset();
      onRun(result.value.id);
    } else {
      previewJob.reset();
      setApproved(result.value);
    }
  }

  return (
    <Section title={t('retention.sweeps.previewTitle')} description={t('retention.sweeps.previewText')} id="retention-sweep-preview">
      <div className="stack" data-testid="sweep-wizard" data-phase={preview !== null ? 'preview' : previewJob.running ? 'previewing' : 'idle'}>
        {approved !== null ? (
          <Notice tone="success" testId="sweep-approved-later">
            {t('retention.sweeps.approvedLater', { id: approved.id, date: formatDateTime(approved.runAt ?? '', language) })}
          </Notice>
        ) : null}
        {preview === null ? (
          <div className="form-actions start">
            <button type="button" className="button button-primary" disabled={busy || previewJob.running} onClick={() => void start()}>
              {t('retention.sweeps.preview')}
            </button>
          </div>
        ) : null}
        {previewJob.state.kind === 'running' ? (
          <JobProgressBar
            label={t('retention.sweeps.previewing')}
            progress={previewJob.state.progress}
            cancelling={previewJob.state.cancelling}
            onCancel={() => void previewJob.cancel()}
          />
        ) : null}
        {previewJob.state.kind === 'cancelled' ? <Notice tone="warning">{t('retention.sweeps.previewCancelled')}</Notice> : null}
        <ErrorAlert error={previewJob.state.kind === 'failed' ? previewJob.state.error : null} testId="sweep-preview-error" />
        {preview !== null ? (
          <section className="stack" aria-labelledby={`${confirmId}-heading`}>
            <h3 id={`${confirmId}-heading`} ref={heading} tabIndex={-1}>
              {t('retention.sweeps.previewHeading', { id: preview.sweep.id })}
            </h3>
            <SweepFacts preview={preview} />
            {people === 0 ? (
              <Notice tone="warning">{t('retention.sweeps.nobody')}</Notice>
            ) : (
              <form className="stack" onSubmit={(event) => void submit(event)} noValidate data-testid="sweep-approve">
                <h4 className="card-title">{t('retention.sweeps.approveHeading')}</h4>
                <Notice tone="warning">{t('erasure.erase.irreversible')}</Notice>
                <TypedConfirmation
                  id={confirmId}
                  label={t('retention.sweeps.typeToConfirm', { count: people })}
                  hint={t('retention.sweeps.typeHint')}
                  value={typed}
                  disabled={approve.busy}
                  onChange={setTyped}
                  testId="sweep-confirm-input"
                />
                <fieldset className="choice-group">
                  <legend>{t('retention.sweeps.when')}</legend>
                  {(['now', 'later'] as const).map((choice) => (
                    <label key={choice} className="checkbox">
                      <input type="radio" name={whenId} value={choice} checked={when === choice} disabled={approve.busy} onChange={() => setWhen(choice)} />
                      <span>{t(`retention.sweeps.${choice}`)}</span>
                    </label>
                  ))}
                </fieldset>
                {when === 'later' ? (
                  <TextField
                    type="datetime-local"
                    label={t('retention.sweeps.runAt')}
                    value={at}
                    onChange={(event) => setAt(event.target.value)}
                    disabled={approve.busy}
                    error={at !== '' && runAt === null ? t('retention.sweeps.runAtInvalid') : null}
                  />
                ) : null}
                <ErrorAlert error={approve.error} testId="sweep-approve-error" />
                <div className="form-actions start">
                  <button type="submit" className="button button-danger" disabled={!ready || approve.busy || busy} aria-busy={approve.busy}>
                    {approve.busy
                      ? t('common.working')
                      : when === 'now'
                        ? t('retention.sweeps.approveNow', { count: people, formatted: formatNumber(people, language) })
                        : t('retention.sweeps.approveLater')}
                  </button>
                  <button type="button" className="button" onClick={reset} disabled={approve.busy}>
                    {t('retention.sweeps.discard')}
                  </button>
                </div>
              </form>
            )}
            {people === 0 ? (
              <div className="form-actions start">
                <button type="button" className="button" onClick={reset}>
                  {t('retention.sweeps.discard')}
                </button>
              </div>
            ) : null}
          </section>
        ) : null}
      </div>
    </Section>
  );
}
