/** Flagged records by field and reason, every source together: what kind of value fails to read, and why. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { OverviewFigures } from '../../../../main/api/contract';
import { clipLabel } from '../../lib/chart-text';
import { formatNumber } from '../../lib/format';
import { chartBars, fieldLabelKey, reasonText } from '../../lib/quality';
import { ACCENT, BAR_ROW_HEIGHT } from './chart-style';
import { ChartCard } from './chart-card';

export function ReasonsChart({ counts }: { readonly counts: OverviewFigures['flagsByReason'] }): ReactNode {
  const { t, i18n } = useTranslation();
  const format = (value: unknown) => formatNumber(Number(value), i18n.language);
  const bars = chartBars(counts).map((bar) => ({
    key: `${bar.field}-${bar.code}`,
    field: t(fieldLabelKey(bar.field)),
    reason: reasonText(t, { code: bar.code, column: bar.columns.join(', ') }),
    records: bar.records,
  }));
  const data = bars.map((bar) => ({ label: t('quality.chart.bar', { field: bar.field, reason: bar.reason, interpolation: { escapeValue: false } }), records: bar.records }));
  const table = (
    <table className="table">
      <caption className="visually-hidden">{t('overview.charts.flags.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('overview.charts.flags.field')}</th>
          <th scope="col">{t('overview.charts.flags.reason')}</th>
          <th scope="col" className="num">
            {t('overview.charts.flags.records')}
          </th>
        </tr>
      </thead>
      <tbody>
        {bars.map((bar) => (
          <tr key={bar.key}>
            <th scope="row">{bar.field}</th>
            <td className="wrap-anywhere">{bar.reason}</td>
            <td className="num">{format(bar.records)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <ChartCard
      title={t('overview.charts.flags.title')}
      label={t('overview.charts.flags.label')}
      testId="chart-flags"
      empty={bars.length === 0 ? t('overview.charts.flags.empty') : null}
      table={table}
      wide
    >
      <ResponsiveContainer width="100%" height={data.length * BAR_ROW_HEIGHT + 36}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 56, bottom: 4, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid horizontal={false} strokeDasharray="3 3" />
          <XAxis type="number" allowDecimals={false} tickFormatter={format} />
          <YAxis type="category" dataKey="label" width={340} tick={{ fontSize: 12 }} interval={0} tickFormatter={(label: string) => clipLabel(label, 52)} />
          <Tooltip formatter={(value) => [format(value), t('overview.charts.flags.records')]} />
          <Bar dataKey="records" fill={ACCENT} isAnimationActive={false} maxBarSize={22}>
            <LabelList dataKey="records" position="right" formatter={format} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
