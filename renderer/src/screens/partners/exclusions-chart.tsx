/** The people a preview leaves out, by reason, as horizontal bars with the same figures as a table. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Exclusion } from '../../../../main/api/contract';
import { ACCENT, BAR_ROW_HEIGHT } from '../../components/charts/chart-style';
import { formatNumber } from '../../lib/format';
import { ChartCard } from '../home/chart-card';
import { exclusionEntries } from './partners-text';

export function ExclusionsChart({ excluded }: { readonly excluded: Partial<Record<Exclusion, number>> }): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const entries = exclusionEntries(excluded);
  const data = entries.map((entry) => ({ ...entry, label: t(`partners.extract.exclusions.${entry.reason}`) }));
  const format = (value: unknown) => formatNumber(Number(value), language);
  const countName = t('partners.screens.preview.people');
  const table = (
    <table className="table" data-testid="extract-exclusions">
      <caption className="visually-hidden">{t('partners.screens.preview.excludedDescription')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('partners.screens.preview.reason')}</th>
          <th scope="col" className="num">
            {countName}
          </th>
        </tr>
      </thead>
      <tbody>
        {data.map((entry) => (
          <tr key={entry.reason} data-reason={entry.reason} data-count={entry.count}>
            <th scope="row">{entry.label}</th>
            <td className="num">{format(entry.count)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <ChartCard
      title={t('partners.screens.preview.excludedTitle')}
      label={t('partners.screens.preview.excludedDescription')}
      testId="chart-exclusions"
      table={table}
      empty={entries.length === 0 ? t('partners.screens.preview.noneExcluded') : null}
      wide
    >
      <ResponsiveContainer width="100%" height={Math.max(80, entries.length * BAR_ROW_HEIGHT + 40)}>
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 4, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid horizontal={false} strokeDasharray="3 3" />
          <XAxis type="number" allowDecimals={false} tickFormatter={format} />
          <YAxis type="category" dataKey="label" width={220} tick={{ fontSize: 12 }} />
          <Tooltip formatter={(value) => [format(value), countName]} />
          <Bar dataKey="count" name={countName} fill={ACCENT} isAnimationActive={false} maxBarSize={24} />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
