/**
 * Flagged records by field and reason, as horizontal bars. Drawn with the page's own elements rather than
 * a charting library: a handful of bars needs none. Screen readers get the chart as one image whose name
 * points to the table below, which holds the same figures by column.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlagCount } from '../../../../main/api/contract';
import { formatNumber } from '../../lib/format';
import { chartBars, fieldLabelKey, reasonText } from '../../lib/quality';

export function FlagsChart({ sourceName, counts }: { readonly sourceName: string; readonly counts: readonly FlagCount[] }): ReactNode {
  const { t, i18n } = useTranslation();
  const bars = chartBars(counts);
  const largest = Math.max(1, ...bars.map((bar) => bar.records));
  return (
    <section className="card" aria-labelledby="quality-chart-title">
      <h2 className="card-title" id="quality-chart-title">
        {t('quality.chart.title')}
      </h2>
      <div className="bar-chart" role="img" aria-label={t('quality.chart.label', { source: sourceName })} data-testid="quality-chart">
        {bars.map((bar) => (
          <div className="bar-row" key={`${bar.field}-${bar.code}`}>
            <div className="bar-label">
              <span className="bar-field">{t(fieldLabelKey(bar.field))}</span>
              <span className="bar-reason">{reasonText(t, { code: bar.code, column: bar.columns.join(', ') })}</span>
            </div>
            <div className="bar-track">
              {/* Set through the DOM, which the CSP allows, unlike a style attribute in markup. */}
              <div className="bar" style={{ width: `${(100 * bar.records) / largest}%` }} />
            </div>
            <span className="bar-value">{formatNumber(bar.records, i18n.language)}</span>
          </div>
        ))}
      </div>
    </section>
  );
}
