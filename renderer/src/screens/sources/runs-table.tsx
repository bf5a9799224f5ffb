/**
 * Import history: every file import and connector sync with its counts. Stewards and administrators can
 * open a run's rejected rows, and remove what a run added (the wrong file, or the wrong source); auditors
 * see the counts only (the rows hold personal data).
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { RunSummary, UndoCounts } from '../../../../main/api/contract';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorAlert, Notice } from '../../components/alert';
import { StoredErrorText } from '../../components/stored-error';
import { useApiData } from '../../hooks/use-api-data';
import { useLandOn } from '../../hooks/use-land-on';
import { displayFileName } from '../../lib/file-paths';
import { formatDate, formatDateTime, formatNumber, formatTime } from '../../lib/format';
import { shownError, shownErrorTitle } from '../../lib/stored-error';
import { RejectsPanel } from '../import/rejects-panel';
import { RunStatus } from './run-status';
import { UndoRunDialog } from './undo-run-dialog';

const RUNS_SHOWN = 200;

interface Props {
  readonly canReview: boolean;
  /** The run asked for (from the home screen): selected and in view, its rejected rows opened for those who may read them. */
  readonly focusRunId?: number | undefined;
}

export function RunsTable({ canReview, focusRunId }: Props): ReactNode {
  const { t, i18n } = useTranslation();
  const runs = useApiData('import.runs', { limit: RUNS_SHOWN });
  const [review, setReview] = useState<number | null>(canReview ? (focusRunId ?? null) : null);
  const [toUndo, setToUndo] = useState<RunSummary | null>(null);
  const [removed, setRemoved] = useState<number | null>(null);
  const language = i18n.language;
  const reload = runs.reload;

  // Imports and syncs started elsewhere (another window, the scheduler, a watched folder) show up by themselves.
  useEffect(() => api.onEvent((event) => event.type === 'job.finished' && reload()), [reload]);
  // Stable, since this table reloads at every finished job and the dialog reports its outcome from an effect.
  const closeUndo = useCallback(() => setToUndo(null), []);
  const undone = useCallback(
    (counts: UndoCounts) => {
      setToUndo(null);
      setRemoved(counts.removed);
      reload();
    },
    [reload],
  );

  const selected = review ?? focusRunId;
  const reviewable = runs.data?.some((run) => run.id === review && run.rejected > 0 && !run.undoneAt) ?? false;
  useLandOn(selected === undefined || !runs.data ? null : reviewable ? '[data-testid="run-rejects"]' : `[data-run-id="${selected}"]`);

  if (runs.error) return <ErrorAlert error={runs.error} />;
  if (!runs.data) return <p className="muted">{t('common.loading')}</p>;
  // An undone run's rejected rows went with it: landing on one selects its row only.
  const reviewed = runs.data.find((run) => run.id === review && run.rejected > 0 && !run.undoneAt) ?? null;
  return (
    <div className="stack">
      <div className="form-actions start">
        <button type="button" className="button button-small" onClick={runs.reload} disabled={runs.loading}>
          {t('common.refresh')}
        </button>
        {canReview && runs.data.some((run) => run.rejected > 0) ? <span className="muted small">{t('runs.reviewHint')}</span> : null}
        {runs.data.length >= RUNS_SHOWN ? <span className="muted small">{t('runs.latestOnly', { count: RUNS_SHOWN })}</span> : null}
      </div>
      {removed !== null ? <Notice tone="success">{t('runs.undo.done', { count: removed, formatted: formatNumber(removed, language) })}</Notice> : null}
      {runs.data.length === 0 ? <p className="empty">{t('runs.empty')}</p> : null}
      <div className="table-wrap" hidden={runs.data.length === 0}>
        <table className="table runs-table" data-testid="runs-table">
          <caption className="visually-hidden">{t('runs.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('runs.columns.started')}</th>
              <th scope="col">{t('runs.columns.source')}</th>
              <th scope="col">{t('runs.columns.file')}</th>
              <th scope="col">{t('runs.columns.status')}</th>
              <th scope="col" className="num">
                {t('import.counts.read')}
              </th>
              <th scope="col" className="num">
                {t('import.counts.inserted')}
              </th>
              <th scope="col" className="num">
                {t('import.counts.updated')}
              </th>
              <th scope="col" className="num">
                {t('import.counts.unchanged')}
              </th>
              <th scope="col" className="num">
                {t('import.counts.rejected')}
              </th>
              <th scope="col" className="num">
                {t('import.counts.flagged')}
              </th>
              {canReview ? (
                <th scope="col">
                  <span className="visually-hidden">{t('users.columns.actions')}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {runs.data.map((run) => (
              <tr key={run.id} data-run-id={run.id} aria-current={run.id === selected ? 'true' : undefined}>
                {/* Date and time may go on two lines: at 1280 px the history's last column must stay in view. */}
                <td title={formatDateTime(run.startedAt, language)}>
                  <span className="nowrap">{formatDate(run.startedAt, language)}</span> <span className="nowrap">{formatTime(run.startedAt, language, true)}</span>
                </td>
                <th scope="row">{run.sourceName}</th>
                <td className="cell-clip" title={run.fileName ? displayFileName(run.fileName) : undefined}>
                  {run.fileName ? displayFileName(run.fileName) : <span className="muted">—</span>}
                </td>
                <td>
                  <RunStatus run={run} />
                  {run.held > 0 ? (
                    <div className="small" data-testid="run-held">
                      {t('held.count', { count: run.held, formatted: formatNumber(run.held, language) })}
                    </div>
                  ) : null}
                  {run.suppressed > 0 ? (
                    <div className="small" data-testid="run-suppressed">
                      {t('runs.suppressed', { count: run.suppressed, formatted: formatNumber(run.suppressed, language) })}
                    </div>
                  ) : null}
                  {run.undoneAt ? (
                    <div className="small" data-testid="run-undone" title={formatDateTime(run.undoneAt, language)}>
                      {t('runs.undone')}
                    </div>
                  ) : null}
                  {run.error ? (
                    <div className="muted small cell-clip" title={shownErrorTitle(shownError(t, run.error, run.errorDetail))}>
                      <StoredErrorText text={run.error} detail={run.errorDetail} />
                    </div>
                  ) : null}
                </td>
                <td className="num">{formatNumber(run.read, language)}</td>
                <td className="num">{formatNumber(run.inserted, language)}</td>
                <td className="num">{formatNumber(run.updated, language)}</td>
                <td className="num">{formatNumber(run.unchanged, language)}</td>
                <td className={`num${run.rejected > 0 ? ' has-rejects' : ''}`}>
                  {/* An undone run's rejected rows went with it: the count stays, as the run left it. */}
                  {canReview && run.rejected > 0 && !run.undoneAt ? (
                    // The count opens the rows it counts; the label says so to screen readers, and keeps the
                    // count it shows so that speech input finds the button by what it reads (WCAG 2.5.3).
                    <button
                      type="button"
                      className="link-button count-button"
                      aria-expanded={run.id === review}
                      aria-label={t(run.id === review ? 'runs.hideRejects' : 'runs.showRejects', {
                        count: run.rejected,
                        formatted: formatNumber(run.rejected, language),
                        source: run.sourceName,
                        date: formatDateTime(run.startedAt, language),
                      })}
                      onClick={() => setReview(run.id === review ? null : run.id)}
                    >
                      {formatNumber(run.rejected, language)}
                    </button>
                  ) : (
                    formatNumber(run.rejected, language)
                  )}
                </td>
                {/* Records kept with values to review: counted, not opened from here, since auditors see this table too. */}
                <td className="num">{formatNumber(run.flagged, language)}</td>
                {canReview ? (
                  <td className="cell-undo">
                    {run.inserted > 0 && run.status !== 'running' && !run.undoneAt ? (
                      <button type="button" className="link-button" onClick={() => setToUndo(run)}>
                        {t('runs.undo.action')}
                      </button>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {toUndo ? <UndoRunDialog key={toUndo.id} run={toUndo} onClose={closeUndo} onUndone={undone} /> : null}
      {reviewed ? (
        <div className="card" data-testid="run-rejects">
          <RejectsPanel
            key={reviewed.id}
            runId={reviewed.id}
            baseName={reviewed.fileName ? displayFileName(reviewed.fileName) : reviewed.sourceName}
            headingLevel="h2"
          />
        </div>
      ) : null}
    </div>
  );
}
