/** The vault in figures: counts only (no personal data), so every role sees them. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/alert';
import { useApiData } from '../../hooks/use-api-data';
import { ImportsChart } from './imports-chart';
import { ReasonsChart } from './reasons-chart';
import { RecordsChart } from './records-chart';

export function HomeCharts(): ReactNode {
  const { t } = useTranslation();
  const figures = useApiData('overview.figures', {});
  return (
    <section className="stack" aria-labelledby="home-charts-title" data-testid="home-charts">
      <h2 className="home-section-title" id="home-charts-title">
        {t('overview.charts.title')}
      </h2>
      <ErrorAlert error={figures.error} />
      {figures.data ? (
        <div className="chart-grid">
          <RecordsChart sources={figures.data.recordsPerSource} />
          <ImportsChart months={figures.data.importsPerMonth} />
          <ReasonsChart counts={figures.data.flagsByReason} />
        </div>
      ) : figures.error ? null : (
        <p className="muted">{t('common.loading')}</p>
      )}
    </section>
  );
}
