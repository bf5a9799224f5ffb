/** Flagged records by field and reason, every source together: what kind of value fails to read, and why. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OverviewFigures } from '../../../../main/api/contract';
import { formatNumber } from '../../lib/format';
import { chartBars, fieldLabelKey, reasonText } from '../../lib/quality';
import { HorizontalBars } from '../../components/charts/horizontal-bars';
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
  const data = bars.map((bar) => ({ label: t('quality.chart.bar', { field: bar.field, reason: bar.reason, interpolation: { escapeValue: false } }), value: bar.records }));
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
      <HorizontalBars data={data} valueName={t('overview.charts.flags.records')} labelWidth={340} labelChars={52} />
    </ChartCard>
  );
}
