/**
 * Erasures per month as bars, with the same figures as a table: a steward sees at a glance whether
 * erasures come in a trickle or a wave. Drawn from the latest certificates the register answers with
 * (its largest page), which the caption says.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ACCENT } from '../../components/charts/chart-style';
import { useApiData } from '../../hooks/use-api-data';
import { formatMonth } from '../../lib/chart-text';
import { formatNumber } from '../../lib/format';
import { ChartCard } from '../home/chart-card';
import { erasuresPerMonth } from './erasure-text';

const LATEST = 500;

export function ErasuresChart(): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const latest = useApiData('erasure.certificates', { limit: LATEST, offset: 0 });
  if (latest.data === null) return null;
  const months = erasuresPerMonth(latest.data.certificates);
  const data = months.map((entry) => ({ ...entry, label: formatMonth(entry.month, language) }));
  const format = (value: unknown) => formatNumber(Number(value), language);
  const countName = t('erasure.chart.count');
  const description = latest.data.total > LATEST ? t('erasure.chart.descriptionLatest', { latest: LATEST }) : t('erasure.chart.description');
  const table = (
    <table className="table">
      <caption className="visually-hidden">{description}</caption>
      <thead>
        <tr>
          <th scope="col">{t('erasure.chart.month')}</th>
          <th scope="col" className="num">
            {countName}
          </th>
        </tr>
      </thead>
      <tbody>
        {months.map((entry) => (
          <tr key={entry.month}>
            <th scope="row">{formatMonth(entry.month, language, 'long')}</th>
            <td className="num">{format(entry.count)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <ChartCard
      title={t('erasure.chart.title')}
      label={description}
      testId="chart-erasures"
      table={table}
      empty={months.length === 0 ? t('erasure.screen.noCertificates') : null}
      wide
    >
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid vertical={false} strokeDasharray="3 3" />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" />
          <YAxis allowDecimals={false} tickFormatter={format} width={40} />
          <Tooltip formatter={(value) => [format(value), countName]} />
          <Bar dataKey="count" name={countName} fill={ACCENT} isAnimationActive={false} maxBarSize={28} />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
