/**
 * Imports per month over the last twelve: the number of imports and syncs as bars, the rows they read as
 * a line on its own axis (thousands of rows would flatten a handful of imports).
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { OverviewFigures } from '../../../../main/api/contract';
import { formatMonth } from '../../lib/chart-text';
import { formatNumber } from '../../lib/format';
import { ACCENT, SECOND } from '../../components/charts/chart-style';
import { ChartCard } from './chart-card';

export function ImportsChart({ months }: { readonly months: OverviewFigures['importsPerMonth'] }): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const format = (value: unknown) => formatNumber(Number(value), language);
  const data = months.map((month) => ({ ...month, label: formatMonth(month.month, language) }));
  const runsName = t('overview.charts.imports.runs');
  const rowsName = t('overview.charts.imports.rows');
  const table = (
    <table className="table">
      <caption className="visually-hidden">{t('overview.charts.imports.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('overview.charts.imports.month')}</th>
          <th scope="col" className="num">
            {runsName}
          </th>
          <th scope="col" className="num">
            {rowsName}
          </th>
        </tr>
      </thead>
      <tbody>
        {months.map((month) => (
          <tr key={month.month}>
            <th scope="row">{formatMonth(month.month, language, 'long')}</th>
            <td className="num">{format(month.runs)}</td>
            <td className="num">{format(month.rows)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <ChartCard
      title={t('overview.charts.imports.title')}
      label={t('overview.charts.imports.label')}
      testId="chart-imports"
      empty={months.every((month) => month.runs === 0) ? t('overview.charts.imports.empty') : null}
      table={table}
    >
      <ResponsiveContainer width="100%" height={260}>
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid vertical={false} strokeDasharray="3 3" />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" />
          <YAxis yAxisId="runs" allowDecimals={false} tickFormatter={format} width={40} />
          <YAxis yAxisId="rows" orientation="right" allowDecimals={false} tickFormatter={format} width={56} />
          <Tooltip formatter={(value, name) => [format(value), name]} />
          <Legend />
          <Bar yAxisId="runs" dataKey="runs" name={runsName} fill={ACCENT} isAnimationActive={false} maxBarSize={28} />
          <Line yAxisId="rows" dataKey="rows" name={rowsName} stroke={SECOND} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
