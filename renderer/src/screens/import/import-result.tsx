/** What an import did, in numbers and in one sentence, with the rejected rows to review. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunSummary } from '../../../../main/api/contract';
import { formatNumber } from '../../lib/format';
import { RejectsPanel } from './rejects-panel';

type Count = 'read' | 'inserted' | 'updated' | 'unchanged' | 'rejected' | 'flagged' | 'anonymous' | 'held' | 'suppressed';
const COUNTS: readonly Count[] = ['read', 'inserted', 'updated', 'unchanged', 'rejected', 'flagged', 'anonymous', 'held', 'suppressed'];

/** Anonymous sales come from tills only, held records from sources relying on consent, suppressed rows after an erasure: a zero there says nothing. */
const OPTIONAL_COUNTS: ReadonlySet<Count> = new Set(['anonymous', 'held', 'suppressed']);
const shownCounts = (run: RunSummary): Count[] => COUNTS.filter((count) => !OPTIONAL_COUNTS.has(count) || run[count] > 0);

export function resultSentence(run: RunSummary): { readonly key: string; readonly values: Record<string, number> } {
  const changed = run.inserted + run.updated;
  if (run.read === 0) return { key: 'import.result.nothingRead', values: {} };
  // Rows kept out by the suppression list were not "already held": the sentence must not say so.
  if (changed === 0 && run.rejected === 0) return { key: run.suppressed > 0 ? 'import.result.nothingChangedSuppressed' : 'import.result.nothingChanged', values: {} };
  // Nothing written because nothing valid was read: not "the vault already held it".
  if (changed === 0 && run.unchanged === 0) return { key: 'import.result.allRejected', values: { count: run.rejected } };
  if (changed === 0) return { key: 'import.result.nothingChangedRejected', values: { count: run.rejected } };
  return { key: 'import.result.changed', values: { count: changed } };
}

export function RunCounts({ run }: { readonly run: RunSummary }): ReactNode {
  const { t, i18n } = useTranslation();
  return (
    <dl className="counts" data-testid="import-counts">
      {shownCounts(run).map((count) => (
        <div
          key={count}
          className={`count-${count}${count === 'rejected' && run.rejected > 0 ? ' has-rejects' : ''}${count === 'flagged' && run.flagged > 0 ? ' has-flags' : ''}`}
          data-count={count}
          data-value={run[count]}
        >
          <dt>{t(count === 'held' ? 'held.countLabel' : `import.counts.${count}`)}</dt>
          <dd>{formatNumber(run[count], i18n.language)}</dd>
        </div>
      ))}
    </dl>
  );
}

interface Props {
  readonly run: RunSummary;
  readonly fileName: string;
  /** Opens Data quality on this run's flagged values. */
  readonly onReview: () => void;
  /** Opens the records held for a lawful basis (People). */
  readonly onHeld?: () => void;
}

export function ImportResult({ run, fileName, onReview, onHeld }: Props): ReactNode {
  const { t, i18n } = useTranslation();
  const sentence = resultSentence(run);
  const language = i18n.language;
  return (
    <div className="stack">
      <div className={`result ${run.rejected > 0 ? 'result-warn' : 'result-ok'}`} data-testid="import-result" role="status">
        <p className="result-title">{t(sentence.key, { ...sentence.values, formatted: formatNumber(sentence.values.count ?? 0, language) })}</p>
        {run.inserted + run.updated > 0 ? (
          <p className="result-detail">
            {t('import.result.detail', {
              inserted: formatNumber(run.inserted, language),
              updated: formatNumber(run.updated, language),
              unchanged: formatNumber(run.unchanged, language),
            })}
          </p>
        ) : null}
        {run.rejected > 0 && run.inserted + run.updated > 0 ? (
          <p className="result-detail">{t('import.result.someRejected', { count: run.rejected, formatted: formatNumber(run.rejected, language) })}</p>
        ) : null}
        {run.anonymous > 0 ? (
          <p className="result-detail">{t('import.result.anonymous', { count: run.anonymous, formatted: formatNumber(run.anonymous, language) })}</p>
        ) : null}
        {run.suppressed > 0 ? (
          <p className="result-detail" data-testid="import-suppressed">
            {t('import.result.suppressed', { count: run.suppressed, formatted: formatNumber(run.suppressed, language) })}
          </p>
        ) : null}
      </div>
      {run.flagged > 0 ? (
        <div className="alert alert-warning result-flagged" data-testid="import-flagged">
          <p>{t('import.result.flagged', { count: run.flagged, formatted: formatNumber(run.flagged, language) })}</p>
          <button type="button" className="button button-small" onClick={onReview}>
            {t('import.result.review')}
          </button>
        </div>
      ) : null}
      {run.held > 0 ? (
        <div className="alert alert-warning result-held" data-testid="import-held">
          <p>{t('held.importResult', { count: run.held, formatted: formatNumber(run.held, language) })}</p>
          {onHeld ? (
            <button type="button" className="button button-small" onClick={onHeld}>
              {t('held.openHeld')}
            </button>
          ) : null}
        </div>
      ) : null}
      <RunCounts run={run} />
      {run.rejected > 0 ? <RejectsPanel runId={run.id} baseName={fileName} /> : null}
    </div>
  );
}
