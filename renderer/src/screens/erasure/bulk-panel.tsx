/**
 * Erasing many people at once, from the verified erasure requests that wait: select them, preview (a job:
 * the sums of every person's plan, the requests left out and why, one token for all), type the number of
 * people, erase (a job: person by person, each with a certificate; cancel is heard between people). A
 * preview goes stale when what it covers changes meanwhile: the erasure then answers CONFLICT `planChanged`,
 * and the only way on is a new preview. Administrators and stewards only (the methods are theirs).
 */
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BulkPreview, RequestSummary } from '../../../../main/api/contract';
import { Notice } from '../../components/alert';
import { JobProgressBar } from '../../components/job-progress';
import { useApiData } from '../../hooks/use-api-data';
import { useJob } from '../../hooks/use-job';
import { formatNumber, formatWhen } from '../../lib/format';
import { deadlineText } from '../requests/request-text';
import { ErasureErrorAlert } from './erasure-error';
import { RemovedTable } from './erasure-facts';
import { TypedConfirmation } from './typed-confirmation';
import { bulkSkipReason, confirmationMatches, isPlanChanged, selectAllState, waitingErasureRequests } from './erasure-text';

type Skipped = BulkPreview['skipped'];

/** The jobs' own steps, said with the words the job list already has. */
const STEP_WORDS: Readonly<Record<string, string>> = { plan: 'collecting', commit: 'removing', verify: 'verify' };

function SkippedList({ skipped }: { readonly skipped: Skipped }): ReactNode {
  const { t } = useTranslation();
  if (skipped.length === 0) return <p className="muted">{t('erasure.bulk.skippedNone')}</p>;
  return (
    <ul className="stack" data-testid="erasure-bulk-skipped">
      {skipped.map((entry) => {
        const known = bulkSkipReason(entry.reason);
        return (
          <li key={entry.requestId} data-request={entry.requestId} data-reason={entry.reason}>
            {t('erasure.bulk.skippedEntry', { id: entry.requestId, reason: known === null ? entry.reason : t(`erasure.bulk.skipReasons.${known}`) })}
          </li>
        );
      })}
    </ul>
  );
}

function WaitingTable({
  requests,
  selected,
  disabled,
  onToggle,
  onToggleAll,
}: {
  readonly requests: readonly RequestSummary[];
  readonly selected: ReadonlySet<number>;
  readonly disabled: boolean;
  readonly onToggle: (id: number) => void;
  readonly onToggleAll: (all: boolean) => void;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const all = selectAllState(
    requests.map((request) => request.id),
    selected,
  );
  const selectAll = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (selectAll.current) selectAll.current.indeterminate = all === 'some';
  }, [all]);
  return (
    <div className="table-wrap">
      <table className="table" data-testid="erasure-waiting">
        <caption className="visually-hidden">{t('erasure.bulk.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">
              <input
                ref={selectAll}
                type="checkbox"
                aria-label={t('erasure.bulk.selectAll')}
                checked={all === 'all'}
                disabled={disabled}
                onChange={() => onToggleAll(all !== 'all')}
                data-testid="erasure-waiting-all"
              />
            </th>
            <th scope="col">{t('erasure.bulk.columns.request')}</th>
            <th scope="col">{t('erasure.bulk.columns.received')}</th>
            <th scope="col">{t('erasure.bulk.columns.deadline')}</th>
            <th scope="col">{t('erasure.bulk.columns.daysLeft')}</th>
            <th scope="col" className="num">
              {t('erasure.bulk.columns.profiles')}
            </th>
          </tr>
        </thead>
        <tbody>
          {requests.map((request) => (
            <tr key={request.id} data-testid="erasure-waiting-row" data-id={request.id} data-overdue={request.overdue}>
              <td>
                <input
                  type="checkbox"
                  aria-label={t('erasure.bulk.selectOne', { id: request.id })}
                  checked={selected.has(request.id)}
                  disabled={disabled}
                  onChange={() => onToggle(request.id)}
                />
              </td>
              <th scope="row">{t('erasure.screen.requestNumber', { id: request.id })}</th>
              <td>{formatWhen(request.receivedOn, language)}</td>
              <td>{formatWhen(request.deadline, language)}</td>
              <td>
                {request.overdue ? <strong className="badge badge-overdue">{deadlineText(t, request, language)}</strong> : deadlineText(t, request, language)}
              </td>
              <td className="num">{formatNumber(request.profiles, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function BulkFacts({ preview }: { readonly preview: BulkPreview }): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const n = (count: number): { count: number; formatted: string } => ({ count, formatted: formatNumber(count, language) });
  return (
    <div className="stack" data-testid="erasure-bulk-preview" data-people={preview.people}>
      <p>
        <strong data-testid="erasure-bulk-people">{t('erasure.bulk.people', n(preview.people))}</strong>
      </p>
      {preview.people > 0 ? (
        <>
          <RemovedTable removed={preview.removed} caption={t('erasure.preview.removedHeading')} />
          <ul className="stack">
            <li data-testid="erasure-bulk-generalized" data-events={preview.generalizedEvents}>
              {t('erasure.bulk.generalized', n(preview.generalizedEvents))}
            </li>
            {preview.droppedEvents > 0 ? <li data-testid="erasure-bulk-dropped">{t('erasure.bulk.dropped', n(preview.droppedEvents))}</li> : null}
            <li data-testid="erasure-bulk-kept">{t('erasure.bulk.kept', n(preview.keptRecords))}</li>
            <li data-testid="erasure-bulk-suppression">{t('erasure.bulk.suppression', n(preview.suppressionEntries))}</li>
          </ul>
        </>
      ) : null}
      <h4 className="card-title">{t('erasure.bulk.skippedHeading')}</h4>
      <SkippedList skipped={preview.skipped} />
    </div>
  );
}

export function BulkErasurePanel({ onOpenCertificates, onErased }: { readonly onOpenCertificates: () => void; readonly onErased: () => void }): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const headingId = useId();
  const confirmId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const list = useApiData('requests.list', { status: 'open', type: 'erasure' });
  const previewJob = useJob('erasure.previewBulk');
  const eraseJob = useJob('erasure.bulk');
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  /** The requests the shown preview is for (its token binds them, in this order). */
  const [previewed, setPreviewed] = useState<readonly number[]>([]);
  const [typed, setTyped] = useState('');

  const waiting = waitingErasureRequests(list.data?.requests ?? []);
  const waitingIds = new Set(waiting.map((request) => request.id));
  const chosen = [...selected].filter((id) => waitingIds.has(id));
  const preview = previewJob.state.kind === 'completed' ? previewJob.state.value : null;
  const result = eraseJob.state.kind === 'completed' ? eraseJob.state.value : null;
  const eraseFailed = eraseJob.state.kind === 'failed' ? eraseJob.state.error : null;
  const planChanged = isPlanChanged(eraseFailed);
  const phase = result !== null ? 'done' : previewJob.state.kind === 'idle' ? 'select' : 'preview';
  const busy = previewJob.running || eraseJob.running;

  // Each phase's heading takes focus, so a keyboard or screen-reader user hears where they are.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    if (phase !== 'select') heading.current?.focus();
  }, [phase, previewJob.state.kind]);

  // A finished or cancelled erasure changed the register and the certificates.
  const settled = eraseJob.state.kind === 'completed' || eraseJob.state.kind === 'cancelled';
  const { reload } = list;
  useEffect(() => {
    if (!settled) return;
    reload();
    onErased();
  }, [settled, reload, onErased]);

  function toggle(id: number): void {
    setSelected((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  async function runPreview(ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    eraseJob.reset();
    setTyped('');
    setPreviewed(ids);
    await previewJob.start({ requestIds: [...ids] });
  }

  function backToSelection(): void {
    if (busy) return;
    previewJob.reset();
    eraseJob.reset();
    setTyped('');
    setPreviewed([]);
  }

  function finish(): void {
    backToSelection();
    setSelected(new Set());
  }

  async function erase(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (preview === null || preview.people === 0 || !confirmationMatches(typed, preview.people)) return;
    await eraseJob.start({ requestIds: [...previewed], token: preview.token });
  }

  const previewProgress = previewJob.state.kind === 'running' ? previewJob.state.progress : null;
  const eraseProgress = eraseJob.state.kind === 'running' ? eraseJob.state.progress : null;
  const people = preview?.people ?? 0;

  return (
    <div className="stack" data-testid="erasure-bulk" data-phase={phase}>
      <p className="lead">{t('erasure.bulk.intro')}</p>
      {phase === 'select' ? (
        <section className="stack" aria-label={t('erasure.bulk.caption')}>
          <ErasureErrorAlert error={list.error} />
          {list.data === null ? (
            list.error ? null : (
              <p className="muted">{t('common.loading')}</p>
            )
          ) : waiting.length === 0 ? (
            <p className="muted" data-testid="erasure-waiting-none">
              {t('erasure.bulk.none')}
            </p>
          ) : (
            <>
              <WaitingTable
                requests={waiting}
                selected={selected}
                disabled={busy}
                onToggle={toggle}
                onToggleAll={(all) => setSelected(all ? new Set(waiting.map((request) => request.id)) : new Set())}
              />
              <p className="muted small" aria-live="polite" data-testid="erasure-waiting-selected" data-count={chosen.length}>
                {t('erasure.bulk.selected', { count: chosen.length, formatted: formatNumber(chosen.length, language) })}
              </p>
              <div className="form-actions start">
                <button type="button" className="button button-primary" disabled={chosen.length === 0} onClick={() => void runPreview(chosen)}>
                  {t('erasure.bulk.preview', { count: chosen.length, formatted: formatNumber(chosen.length, language) })}
                </button>
              </div>
            </>
          )}
        </section>
      ) : (
        <section className="stack" aria-labelledby={headingId}>
          <h3 id={headingId} ref={heading} tabIndex={-1}>
            {phase === 'done' ? t('erasure.bulk.doneHeading') : t('erasure.bulk.previewHeading')}
          </h3>
          {previewJob.state.kind === 'running' ? (
            <JobProgressBar
              label={t('erasure.bulk.previewing')}
              progress={previewProgress === null ? null : { ...previewProgress, step: STEP_WORDS[previewProgress.step] ?? previewProgress.step }}
              cancelling={previewJob.state.cancelling}
              onCancel={() => void previewJob.cancel()}
            />
          ) : null}
          {previewJob.state.kind === 'cancelled' ? <Notice tone="warning">{t('erasure.erase.cancelled')}</Notice> : null}
          <ErasureErrorAlert error={previewJob.state.kind === 'failed' ? previewJob.state.error : null} testId="erasure-bulk-preview-error" />
          {result !== null ? (
            <div
              className="result result-ok stack"
              data-testid="erasure-bulk-done"
              data-erased={result.erased}
              data-certificates={result.certificates.join(',')}
            >
              <p className="result-title">{t('erasure.bulk.erased', { count: result.erased, formatted: formatNumber(result.erased, language) })}</p>
              {result.skipped.length > 0 ? (
                <>
                  <h4 className="card-title">{t('erasure.bulk.skippedHeading')}</h4>
                  <SkippedList skipped={result.skipped} />
                </>
              ) : null}
              <div className="form-actions start">
                <button type="button" className="button button-primary" onClick={onOpenCertificates}>
                  {t('erasure.bulk.openCertificates')}
                </button>
                <button type="button" className="button" onClick={finish}>
                  {t('erasure.bulk.again')}
                </button>
              </div>
            </div>
          ) : preview !== null ? (
            <>
              <BulkFacts preview={preview} />
              {people === 0 ? (
                <Notice tone="warning">{t('erasure.bulk.nobody')}</Notice>
              ) : (
                <form className="stack" onSubmit={(event) => void erase(event)} noValidate data-testid="erasure-bulk-confirm">
                  <Notice tone="warning">{t('erasure.erase.irreversible')}</Notice>
                  <TypedConfirmation
                    id={confirmId}
                    label={t('erasure.bulk.typeToConfirm', { count: people })}
                    hint={t('erasure.bulk.typeHint')}
                    value={typed}
                    disabled={eraseJob.running}
                    onChange={setTyped}
                    testId="erasure-bulk-confirm-input"
                  />
                  {eraseJob.state.kind === 'running' ? (
                    <JobProgressBar
                      label={t('erasure.bulk.running')}
                      progress={eraseProgress === null ? null : { ...eraseProgress, step: STEP_WORDS[eraseProgress.step] ?? eraseProgress.step }}
                      cancelling={eraseJob.state.cancelling}
                      onCancel={() => void eraseJob.cancel()}
                    />
                  ) : null}
                  {eraseJob.state.kind === 'cancelled' ? <Notice tone="warning">{t('erasure.bulk.cancelled')}</Notice> : null}
                  {planChanged ? (
                    <div className="alert alert-warning" role="alert" data-testid="erasure-bulk-plan-changed">
                      {t('erasure.errors.planChanged')}{' '}
                      <button type="button" className="button button-small" onClick={() => void runPreview(previewed)}>
                        {t('erasure.erase.previewAgain')}
                      </button>
                    </div>
                  ) : (
                    <ErasureErrorAlert error={eraseFailed} testId="erasure-bulk-error" />
                  )}
                  <div className="form-actions start">
                    <button
                      type="submit"
                      className="button button-danger"
                      disabled={eraseJob.running || planChanged || eraseJob.state.kind === 'cancelled' || !confirmationMatches(typed, people)}
                      aria-busy={eraseJob.running}
                    >
                      {eraseJob.running ? t('common.working') : t('erasure.bulk.submit', { count: people, formatted: formatNumber(people, language) })}
                    </button>
                  </div>
                </form>
              )}
            </>
          ) : null}
          {result === null ? (
            <div className="form-actions start">
              <button type="button" className="button" onClick={backToSelection} disabled={busy}>
                {t('erasure.bulk.backToSelection')}
              </button>
            </div>
          ) : null}
        </section>
      )}
    </div>
  );
}
