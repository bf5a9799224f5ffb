/** Records per source, as horizontal bars, most first. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OverviewFigures } from '../../../../main/api/contract';
import { formatNumber } from '../../lib/format';
import { HorizontalBars } from '../../components/charts/horizontal-bars';
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
      <HorizontalBars
        data={sources.map((source) => ({ label: source.sourceName, value: source.records }))}
        valueName={t('overview.charts.records.records')}
        labelWidth={150}
        labelChars={22}
      />
    </ChartCard>
  );
}
