/** What a connector test read: the columns, up to 20 rows, the rows it could not read, and the mapping it would use. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../main/api/contract';
import { SampleCells } from '../../components/sample-cells';
import { ProbeNote } from './probe-note';

/**
 * Where the result shows, for what it says of a suggested mapping: on a saved connector's card (its "Review
 * the mapping" action is beside it), in the form (the connector is not saved, or not with these changes),
 * or in the mapping review itself.
 */
export type TestResultPlace = 'card' | 'form' | 'mapping';

const SUGGESTED: Record<TestResultPlace, string> = {
  card: 'connectors.test.suggestedMapping',
  form: 'connectors.test.suggestedMappingForm',
  mapping: 'connectors.test.suggestedMappingHere',
};

export function ConnectorTestResult({ result, where }: { readonly result: MethodOutput<'connectors.test'>; readonly where: TestResultPlace }): ReactNode {
  const { t } = useTranslation();
  const mapped = result.mapping.columns.length;
  return (
    <div className="result result-ok" data-testid="connector-test-result">
      <p className="result-title">{t('connectors.test.ok', { count: result.rows.length, columns: result.headers.length })}</p>
      <p className="result-detail">
        {t(result.mappingFrom === 'source' ? 'connectors.test.savedMapping' : SUGGESTED[where], { count: mapped, action: t('connectors.mapping.open') })}
      </p>
      <ProbeNote result={result} className="result-detail" />
      {result.rows.length > 0 ? (
        <div className="table-wrap preview-table-wrap" tabIndex={0} role="region" aria-label={t('connectors.test.rowsLabel')}>
          <table className="table preview-table">
            <thead>
              <tr>
                {result.headers.map((header) => (
                  <th key={header} scope="col">
                    {header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {result.rows.map((row) => (
                <tr key={row.line}>
                  <SampleCells headers={result.headers} values={row.values} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {result.problems.length > 0 ? (
        <ul className="problem-list">
          {result.problems.map((problem, index) => (
            <li key={`${problem.line}-${index}`}>
              <span className="problem-line">{t('import.preview.lineNumber', { line: problem.line })}</span> <span lang="en">{problem.reason}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
