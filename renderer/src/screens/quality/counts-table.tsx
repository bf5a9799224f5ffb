/** The flagged values counted by field, reason and column; each row narrows the list below to its values. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlagCount } from '../../../../main/api/contract';
import { formatNumber } from '../../lib/format';
import { fieldLabelKey, reasonText } from '../../lib/quality';
import type { CountFilter } from './source-quality';

const same = (a: CountFilter | null, b: CountFilter): boolean => a !== null && a.field === b.field && a.code === b.code && a.column === b.column;

interface Props {
  readonly counts: readonly FlagCount[];
  readonly filter: CountFilter | null;
  readonly onFilter: (filter: CountFilter) => void;
}

export function CountsTable({ counts, filter, onFilter }: Props): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <section className="card" aria-labelledby="quality-counts-title">
      <h2 className="card-title" id="quality-counts-title">
        {t('quality.counts.title')}
      </h2>
      <p className="card-description">{t('quality.counts.hint')}</p>
      <div className="table-wrap">
        <table className="table quality-counts" data-testid="quality-counts">
          <caption className="visually-hidden">{t('quality.counts.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('quality.counts.field')}</th>
              <th scope="col">{t('quality.counts.reason')}</th>
              <th scope="col">{t('quality.counts.column')}</th>
              <th scope="col" className="num">
                {t('quality.counts.records')}
              </th>
            </tr>
          </thead>
          <tbody>
            {counts.map((count) => {
              const field = t(fieldLabelKey(count.field));
              return (
                <tr key={`${count.field}-${count.code}-${count.column}`} aria-current={same(filter, count) ? 'true' : undefined} data-field={count.field}>
                  <th scope="row">{field}</th>
                  <td>{reasonText(t, count)}</td>
                  <td>
                    <code>{count.column}</code>
                  </td>
                  <td className="num">
                    {/* The count lists what it counts; its label keeps the number it shows, for speech input (WCAG 2.5.3). */}
                    <button
                      type="button"
                      className="link-button count-button"
                      aria-pressed={same(filter, count)}
                      aria-label={t('quality.counts.show', {
                        count: count.records,
                        formatted: formatNumber(count.records, language),
                        field,
                        column: count.column,
                      })}
                      onClick={() => onFilter({ field: count.field, code: count.code, column: count.column })}
                    >
                      {formatNumber(count.records, language)}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
