/**
 * Two records side by side, one row per field. A row whose values differ, or that one record lacks, is
 * highlighted and says so in words too (a mark and its text), so colour is never the only cue.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PairRecord } from '../../../../main/api/contract';
import { formatWhen } from '../../lib/format';
import { compareRecords, type ComparedField, type ComparedRow } from '../../lib/identity';
import { formatPhone } from '../../lib/phone';

function shown(field: ComparedField, value: string, language: string): string {
  if (field === 'birthDate') return formatWhen(value, language);
  if (field === 'phones') return formatPhone(value);
  return value;
}

function Values({ row, side }: { readonly row: ComparedRow; readonly side: 'a' | 'b' }): ReactNode {
  const { i18n } = useTranslation();
  const values = row[side];
  if (values.length === 0) return <span className="muted">—</span>;
  if (values.length === 1) return <>{shown(row.field, values[0] ?? '', i18n.language)}</>;
  return (
    <ul className="plain-list">
      {values.map((value) => (
        <li key={value}>{shown(row.field, value, i18n.language)}</li>
      ))}
    </ul>
  );
}

const FLAGGED = new Set(['differs', 'missing', 'partly']);

export function PairComparison({ a, b }: { readonly a: PairRecord; readonly b: PairRecord }): ReactNode {
  const { t } = useTranslation();
  const rows = compareRecords(a, b);
  return (
    <div className="table-wrap">
      <table className="table pair-table" data-testid="pair-comparison">
        <caption className="visually-hidden">{t('identity.compare.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('identity.compare.field')}</th>
            <th scope="col">{t('identity.compare.recordA')}</th>
            <th scope="col">{t('identity.compare.recordB')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const flagged = FLAGGED.has(row.agreement);
            return (
              <tr key={row.field} className={flagged ? `pair-row-${row.agreement}` : undefined} data-field={row.field} data-agreement={row.agreement}>
                <th scope="row">
                  {t(`identity.compare.fields.${row.field}`)}
                  {flagged ? <span className="pair-mark">{t(`identity.compare.${row.agreement}`)}</span> : null}
                </th>
                <td>
                  <Values row={row} side="a" />
                </td>
                <td>
                  <Values row={row} side="b" />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
