/** Records per source, as horizontal bars, most first. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { OverviewFigures } from '../../../../main/api/contract';
import { clipLabel } from '../../lib/chart-text';
import { formatNumber } from '../../lib/format';
import { ACCENT, BAR_ROW_HEIGHT } from './chart-style';
import { ChartCard } from './chart-card';

export function RecordsChart({ sources }: { readonly sources: OverviewFigures['recordsPerSource'] }): ReactNode {
  const { t, i18n } = useTranslation();
  const format = (value: unknown) => formatNumber(Number(value), i18n.language);
  const table = (
    <table className="table">
      <caption className="visually-hidden">{t('overview.charts.records.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('overview.charts.records.source')}</th>
          <th scope="col" className="num">
            {t('overview.charts.records.records')}
          </th>
        </tr>
      </thead>
      <tbody>
        {sources.map((source) => (
          <tr key={source.sourceId}>
            <th scope="row" className="wrap-anywhere">
              {source.sourceName}
            </th>
            <td className="num">{format(source.records)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <ChartCard
      title={t('overview.charts.records.title')}
      label={t('overview.charts.records.label')}
      testId="chart-records"
      empty={sources.length === 0 ? t('overview.charts.records.empty') : null}
      table={table}
    >
      <ResponsiveContainer width="100%" height={sources.length * BAR_ROW_HEIGHT + 36}>
        <BarChart data={[...sources]} layout="vertical" margin={{ top: 4, right: 56, bottom: 4, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid horizontal={false} strokeDasharray="3 3" />
          <XAxis type="number" allowDecimals={false} tickFormatter={format} />
          <YAxis type="category" dataKey="sourceName" width={150} tick={{ fontSize: 12 }} interval={0} tickFormatter={(name: string) => clipLabel(name, 22)} />
          <Tooltip formatter={(value) => [format(value), t('overview.charts.records.records')]} />
          <Bar dataKey="records" fill={ACCENT} isAnimationActive={false} maxBarSize={22}>
            <LabelList dataKey="records" position="right" formatter={format} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
