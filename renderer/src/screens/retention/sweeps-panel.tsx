/**
 * Sweeps: a new one previewed and approved (stewards and administrators), the list of every sweep with its
 * status, and the run (a job, cancel between people) of an approved sweep whose time has come, ending on
 * its certificates. Auditors read the list.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Sweep } from '../../../../main/api/contract';
import { ErrorAlert, Notice } from '../../components/alert';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { JobProgressBar } from '../../components/job-progress';
import { Section } from '../../components/section';
import { useApiAction } from '../../hooks/use-action';
import { useApiData } from '../../hooks/use-api-data';
import { useJob } from '../../hooks/use-job';
import { formatDateTime, formatNumber, formatWhen } from '../../lib/format';
import { ErasureErrorAlert } from '../erasure/erasure-error';
import { reasonWords } from './retention-text';
import { LeftOutList } from './sweep-facts';
import { SweepWizard } from './sweep-wizard';

/** The jobs' own steps, said with the words the job list already has. */
const STEP_WORDS: Readonly<Record<string, string>> = { plan: 'collecting', commit: 'removing', verify: 'verify' };

function SweepsTable({
  sweeps,
  canAct,
  busy,
  onRun,
  onCancel,
}: {
  readonly sweeps: readonly Sweep[];
  readonly canAct: boolean;
  readonly busy: boolean;
  readonly onRun: (sweep: Sweep) => void;
  readonly onCancel: (sweep: Sweep) => void;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const now = new Date().toISOString();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="sweeps-table">
        <caption className="visually-hidden">{t('retention.sweeps.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('retention.sweeps.columns.sweep')}</th>
            <th scope="col">{t('retention.sweeps.columns.day')}</th>
            <th scope="col">{t('retention.sweeps.columns.status')}</th>
            <th scope="col" className="num">
              {t('retention.sweeps.columns.people')}
            </th>
            <th scope="col">{t('retention.sweeps.columns.previewed')}</th>
            <th scope="col">{t('retention.sweeps.columns.approved')}</th>
            <th scope="col">{t('retention.sweeps.columns.result')}</th>
            {canAct ? <th scope="col">{t('retention.sweeps.columns.actions')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {sweeps.map((sweep) => {
            const waiting = sweep.status === 'previewed' || sweep.status === 'approved';
            const timeCame = sweep.status === 'approved' && (sweep.runAt === null || sweep.runAt <= now);
            return (
              <tr key={sweep.id} data-testid="sweep-row" data-id={sweep.id} data-status={sweep.status}>
                <th scope="row">{t('retention.sweeps.sweepNumber', { id: sweep.id })}</th>
                <td>{formatWhen(sweep.onDay, language)}</td>
                <td>
                  <span className={`badge ${sweep.status === 'done' ? 'badge-ok' : sweep.status === 'refused' ? 'badge-overdue' : 'badge-off'}`}>
                    {t(`retention.sweeps.statuses.${sweep.status}`)}
                  </span>
                  {sweep.status === 'approved' && !timeCame && sweep.runAt !== null ? (
                    <div className="muted small">{t('retention.sweeps.notYet', { date: formatDateTime(sweep.runAt, language) })}</div>
                  ) : null}
                </td>
                <td className="num">{formatNumber(sweep.people, language)}</td>
                <td>{t('retention.sweeps.byOn', { name: sweep.previewedBy, date: formatDateTime(sweep.previewedAt, language) })}</td>
                <td>
                  {sweep.approvedBy !== null && sweep.approvedAt !== null
                    ? t('retention.sweeps.byOn', { name: sweep.approvedBy, date: formatDateTime(sweep.approvedAt, language) })
                    : t('retention.sweeps.pending')}
                </td>
                <td>
                  {sweep.refusal !== null
                    ? t('retention.sweeps.refusal', { reason: reasonWords(t, sweep.refusal) })
                    : sweep.erased !== null
                      ? t('retention.sweeps.result', { erased: formatNumber(sweep.erased, language), skipped: formatNumber(sweep.skipped ?? 0, language) })
                      : t('retention.sweeps.pending')}
                </td>
                {canAct ? (
                  <td>
                    <div className="cell-actions">
                      {timeCame ? (
                        <button
                          type="button"
                          className="button button-small button-primary"
                          disabled={busy}
                          onClick={() => onRun(sweep)}
                          aria-label={t('retention.sweeps.runNowNamed', { id: sweep.id })}
                        >
                          {t('retention.sweeps.runNow')}
                        </button>
                      ) : null}{' '}
                      {waiting ? (
                        <button
                          type="button"
                          className="button button-small"
                          disabled={busy}
                          onClick={() => onCancel(sweep)}
                          aria-label={t('retention.sweeps.cancelNamed', { id: sweep.id })}
                        >
                          {t('retention.sweeps.cancel')}
                        </button>
                      ) : null}
                    </div>
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function SweepsPanel({
  canAct,
  onSwept,
  onOpenCertificates,
}: {
  readonly canAct: boolean;
  readonly onSwept: () => void;
  readonly onOpenCertificates: () => void;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const sweeps = useApiData('retention.sweeps', {});
  const runJob = useJob('retention.runSweep');
  const cancel = useApiAction('retention.cancelSweep');
  const [running, setRunning] = useState<number | null>(null);
  const [cancelling, setCancelling] = useState<Sweep | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const runHeading = useRef<HTMLHeadingElement>(null);
  const result = runJob.state.kind === 'completed' ? runJob.state.value : null;
  const { reload } = sweeps;

  const run = useCallback(
    (id: number) => {
      setNotice(null);
      setRunning(id);
      void runJob.start({ id });
    },
    [runJob],
  );

  // A run that ended (done, refused or stopped) changed the list, the due list and the certificates.
  // Keyed by the outcome itself, so each run's end is heard once, whatever else renders meanwhile.
  const outcome = runJob.state.kind === 'idle' || runJob.state.kind === 'running' ? null : runJob.state;
  useEffect(() => {
    if (outcome === null) return;
    reload();
    onSwept();
    runHeading.current?.focus();
  }, [outcome, reload, onSwept]);

  async function confirmCancel(): Promise<void> {
    if (cancelling === null) return;
    const reply = await cancel.run({ id: cancelling.id });
    setCancelling(null);
    if (!reply.ok) return;
    setNotice(t('retention.sweeps.cancelled', { id: reply.value.id }));
    reload();
  }

  const progress = runJob.state.kind === 'running' ? runJob.state.progress : null;

  return (
    <div className="stack" data-testid="sweeps-panel">
      <p className="lead">{t('retention.sweeps.intro')}</p>
      {canAct ? <SweepWizard busy={runJob.running} onChanged={reload} onRun={run} /> : null}
      {running !== null && runJob.state.kind !== 'idle' ? (
        <section className="card stack" aria-labelledby="retention-sweep-run-title" data-testid="sweep-run" data-state={runJob.state.kind}>
          <h3 className="card-title" id="retention-sweep-run-title" ref={runHeading} tabIndex={-1}>
            {t('retention.sweeps.sweepNumber', { id: running })}
          </h3>
          {runJob.state.kind === 'running' ? (
            <JobProgressBar
              label={t('retention.sweeps.running')}
              progress={progress === null ? null : { ...progress, step: STEP_WORDS[progress.step] ?? progress.step }}
              cancelling={runJob.state.cancelling}
              onCancel={() => void runJob.cancel()}
            />
          ) : null}
          {runJob.state.kind === 'cancelled' ? <Notice tone="warning">{t('retention.sweeps.runCancelled')}</Notice> : null}
          <ErasureErrorAlert error={runJob.state.kind === 'failed' ? runJob.state.error : null} testId="sweep-run-error" />
          {result !== null ? (
            <div className="result result-ok stack" data-testid="sweep-done" data-erased={result.erased} data-certificates={result.certificates.join(',')}>
              <p className="result-title">{t('retention.sweeps.doneHeading', { id: result.sweep.id })}</p>
              <p>{t('retention.sweeps.erased', { count: result.erased, formatted: formatNumber(result.erased, language) })}</p>
              {result.certificates.length > 0 ? (
                <p className="muted small">
                  {t('retention.sweeps.certificates', {
                    list: result.certificates.map((id) => t('erasure.screen.certificateNumber', { id })).join(', '),
                  })}
                </p>
              ) : null}
              {result.skipped.length > 0 ? (
                <>
                  <h4 className="card-title">{t('retention.sweeps.skippedHeading')}</h4>
                  <LeftOutList entries={result.skipped} />
                </>
              ) : null}
              <div className="form-actions start">
                <button type="button" className="button button-primary" onClick={onOpenCertificates}>
                  {t('retention.sweeps.openCertificates')}
                </button>
              </div>
            </div>
          ) : null}
        </section>
      ) : null}
      <Section title={t('retention.sweeps.listTitle')} id="retention-sweeps">
        <div className="stack">
          {notice !== null ? (
            <Notice tone="success" testId="sweep-notice">
              {notice}
            </Notice>
          ) : null}
          <ErrorAlert error={sweeps.error} />
          <ErrorAlert error={cancel.error} testId="sweep-cancel-error" />
          {sweeps.data === null ? null : sweeps.data.length === 0 ? (
            <p className="muted" data-testid="sweeps-none">
              {t('retention.sweeps.none')}
            </p>
          ) : (
            <SweepsTable
              sweeps={sweeps.data}
              canAct={canAct}
              busy={runJob.running || cancel.busy}
              onRun={(sweep) => run(sweep.id)}
              onCancel={(sweep) => {
                cancel.clearError();
                setCancelling(sweep);
              }}
            />
          )}
        </div>
      </Section>
      <ConfirmDialog
        open={cancelling !== null}
        title={cancelling === null ? '' : t('retention.sweeps.cancelTitle', { id: cancelling.id })}
        confirmLabel={t('retention.sweeps.cancelConfirm')}
        busy={cancel.busy}
        danger
        onConfirm={() => void confirmCancel()}
        onCancel={() => setCancelling(null)}
      >
        <p>{t('retention.sweeps.cancelText')}</p>
      </ConfirmDialog>
    </div>
  );
}
