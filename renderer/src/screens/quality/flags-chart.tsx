/**
 * Flagged records by field and reason, as horizontal bars. Screen readers get the chart as one image
 * whose name points to the table below, which holds the same figures by column.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { HorizontalBars } from '../../components/charts/horizontal-bars';
import type { FlagCount } from '../../../../main/api/contract';
import { chartBars, fieldLabelKey, reasonText } from '../../lib/quality';

export function FlagsChart({ sourceName, counts }: { readonly sourceName: string; readonly counts: readonly FlagCount[] }): ReactNode {
  const { t } = useTranslation();
  const data = chartBars(counts).map((bar) => ({
    label: t('quality.chart.bar', {
      field: t(fieldLabelKey(bar.field)),
      reason: reasonText(t, { code: bar.code, column: bar.columns.join(', ') }),
      interpolation: { escapeValue: false },
    }),
    value: bar.records,
  }));
  return (
    <section className="card" aria-labelledby="quality-chart-title">
      <h2 className="card-title" id="quality-chart-title">
        {t('quality.chart.title')}
      </h2>
      <div className="flags-chart" role="img" aria-label={t('quality.chart.label', { source: sourceName })} data-testid="quality-chart">
        <HorizontalBars data={data} valueName={t('quality.chart.records')} labelWidth={320} labelChars={60} />
      </div>
    </section>
  );
}
