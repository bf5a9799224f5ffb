/** What an import did, in numbers and in one sentence, with the rejected rows to review. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunSummary } from '../../../../main/api/contract';
import { formatNumber } from '../../lib/format';
import { RejectsPanel } from './rejects-panel';

type Count = 'read' | 'inserted' | 'updated' | 'unchanged' | 'rejected';
const COUNTS: readonly Count[] = ['read', 'inserted', 'updated', 'unchanged', 'rejected'];

export function resultSentence(run: RunSummary): { readonly key: string; readonly values: Record<string, number> } {
  const changed = run.inserted + run.updated;
  if (run.read === 0) return { key: 'import.result.nothingRead', values: {} };
  if (changed === 0 && run.rejected === 0) return { key: 'import.result.nothingChanged', values: {} };
  // Nothing written because nothing valid was read: not "the vault already held it".
  if (changed === 0 && run.unchanged === 0) return { key: 'import.result.allRejected', values: { count: run.rejected } };
  if (changed === 0) return { key: 'import.result.nothingChangedRejected', values: { count: run.rejected } };
  return { key: 'import.result.changed', values: { count: changed } };
}

export function RunCounts({ run }: { readonly run: RunSummary }): ReactNode {
  const { t, i18n } = useTranslation();
  return (
    <dl className="counts" data-testid="import-counts">
      {COUNTS.map((count) => (
        <div
          key={count}
          className={`count-${count}${count === 'rejected' && run.rejected > 0 ? ' has-rejects' : ''}`}
          data-count={count}
          data-value={run[count]}
        >
          <dt>{t(`import.counts.${count}`)}</dt>
          <dd>{formatNumber(run[count], i18n.language)}</dd>
        </div>
      ))}
    </dl>
  );
}

export function ImportResult({ run, fileName }: { readonly run: RunSummary; readonly fileName: string }): ReactNode {
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
      </div>
      <RunCounts run={run} />
      {run.rejected > 0 ? <RejectsPanel runId={run.id} baseName={fileName} /> : null}
    </div>
  );
}
