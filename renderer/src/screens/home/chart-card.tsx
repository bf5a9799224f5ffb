/**
 * A chart with its text equivalent: screen readers get the chart as one image whose name says where the
 * figures are, and everyone can open the same figures as a table (a native disclosure: keyboard and
 * screen reader support come with it). The chart's own keyboard layer is off in each chart, since the
 * table is the accessible way through the figures.
 */
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  readonly title: string;
  readonly label: string;
  readonly testId: string;
  /** Shown instead of the chart and its table when there is nothing to draw. */
  readonly empty?: string | null;
  readonly table: ReactNode;
  readonly wide?: boolean;
  readonly children: ReactNode;
}

export function ChartCard({ title, label, testId, empty = null, table, wide = false, children }: Props): ReactNode {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section className={`card chart-card${wide ? ' chart-card-wide' : ''}`} aria-labelledby={id} data-testid={testId}>
      <h3 className="card-title" id={id}>
        {title}
      </h3>
      {empty !== null ? (
        <p className="muted">{empty}</p>
      ) : (
        <>
          <div className="home-chart" role="img" aria-label={label}>
            {children}
          </div>
          <details className="chart-table">
            <summary>{t('overview.charts.showTable')}</summary>
            <div className="table-wrap">{table}</div>
          </details>
        </>
      )}
    </section>
  );
}
