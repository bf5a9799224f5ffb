/** Requests received per month as bars, and the median days they took to close as a line on its own axis, with the same figures as a table. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { RequestStats } from '../../../../main/api/contract';
import { ACCENT, SECOND } from '../../components/charts/chart-style';
import { formatMonth } from '../../lib/chart-text';
import { formatNumber } from '../../lib/format';
import { ChartCard } from '../home/chart-card';

export function RequestsChart({ stats }: { readonly stats: RequestStats }): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const format = (value: unknown) => (value === null || value === undefined ? '–' : formatNumber(Number(value), language, { maximumFractionDigits: 1 }));
  const data = stats.months.map((month) => ({ ...month, label: formatMonth(month.month, language) }));
  const openedName = t('requests.chart.opened');
  const medianName = t('requests.chart.median');
  const table = (
    <table className="table">
      <caption className="visually-hidden">{t('requests.chart.description')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('requests.chart.month')}</th>
          <th scope="col" className="num">
            {openedName}
          </th>
          <th scope="col" className="num">
            {t('requests.chart.closed')}
          </th>
          <th scope="col" className="num">
            {medianName}
          </th>
        </tr>
      </thead>
      <tbody>
        {stats.months.map((month) => (
          <tr key={month.month}>
            <th scope="row">{formatMonth(month.month, language, 'long')}</th>
            <td className="num">{format(month.opened)}</td>
            <td className="num">{format(month.closed)}</td>
            <td className="num">{format(month.medianDaysToClose)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <div className="stack">
      <ChartCard title={t('requests.chart.title')} label={t('requests.chart.description')} testId="chart-requests" table={table} wide>
        <ResponsiveContainer width="100%" height={240}>
          <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid vertical={false} strokeDasharray="3 3" />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" />
            <YAxis yAxisId="opened" allowDecimals={false} tickFormatter={format} width={40} />
            <YAxis yAxisId="median" orientation="right" allowDecimals={false} tickFormatter={format} width={40} />
            <Tooltip formatter={(value, name) => [format(value), name]} />
            <Legend />
            <Bar yAxisId="opened" dataKey="opened" name={openedName} fill={ACCENT} isAnimationActive={false} maxBarSize={28} />
            <Line
              yAxisId="median"
              dataKey="medianDaysToClose"
              name={medianName}
              stroke={SECOND}
              strokeWidth={2}
              dot={{ r: 3 }}
              connectNulls
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </ChartCard>
      <p className="muted" data-testid="requests-median">
        {stats.medianDaysToClose === null
          ? t('requests.chart.medianNone')
          : t('requests.chart.medianAll', { value: t('requests.chart.days', { count: stats.medianDaysToClose, formatted: format(stats.medianDaysToClose) }) })}
      </p>
    </div>
  );
}
