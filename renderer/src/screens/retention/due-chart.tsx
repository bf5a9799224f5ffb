/**
 * Due people by the month their date passed, stacked by the purpose that gives it, with the same figures
 * as a table: a steward sees whether the backlog is old or fresh, and which purpose makes it.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DueList } from '../../../../main/api/contract';
import { ACCENT, AGAINST, FOR, REFERENCE, SECOND } from '../../components/charts/chart-style';
import { formatMonth } from '../../lib/chart-text';
import { formatNumber } from '../../lib/format';
import { ChartCard } from '../home/chart-card';
import { dueChart } from './retention-text';
import { usePurposeNames } from './use-purpose-names';

const COLOURS = [ACCENT, SECOND, FOR, AGAINST, REFERENCE];

export function DueChart({ groups }: { readonly groups: DueList['byPurposeMonth'] }): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const name = usePurposeNames();
  const { purposes, rows } = dueChart(groups);
  const format = (value: unknown) => formatNumber(Number(value), language);
  const data = rows.map((row) => ({ ...row, label: formatMonth(row.month, language) }));
  const table = (
    <table className="table" data-testid="due-chart-table">
      <caption className="visually-hidden">{t('retention.due.chart.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('retention.due.chart.month')}</th>
          {purposes.map((purpose) => (
            <th key={purpose} scope="col" className="num">
              {name(purpose)}
            </th>
          ))}
          <th scope="col" className="num">
            {t('retention.due.chart.total')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.month}>
            <th scope="row">{formatMonth(row.month, language, 'long')}</th>
            {purposes.map((purpose) => (
              <td key={purpose} className="num">
                {format(row[`p:${purpose}`])}
              </td>
            ))}
            <td className="num">{format(row.total)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <ChartCard
      title={t('retention.due.chart.title')}
      label={t('retention.due.chart.label')}
      testId="chart-due"
      table={table}
      empty={rows.length === 0 ? t('retention.due.none') : null}
      wide
    >
      <ResponsiveContainer width="100%" height={240}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid vertical={false} strokeDasharray="3 3" />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" />
          <YAxis allowDecimals={false} tickFormatter={format} width={40} />
          <Tooltip formatter={(value, label) => [format(value), label]} />
          <Legend />
          {purposes.map((purpose, index) => (
            <Bar
              key={purpose}
              dataKey={`p:${purpose}`}
              name={name(purpose)}
              stackId="due"
              fill={COLOURS[index % COLOURS.length]}
              isAnimationActive={false}
              maxBarSize={32}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
