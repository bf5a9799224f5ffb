/**
 * Flagged records by field and reason, as horizontal bars (recharts). Screen readers get the chart as one
 * image whose name points to the table below, which holds the same figures by column; the chart's own
 * keyboard layer is off, since the table is the accessible way through the figures.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { FlagCount } from '../../../../main/api/contract';
import { formatNumber } from '../../lib/format';
import { chartBars, fieldLabelKey, reasonText } from '../../lib/quality';

/** The app's accent (styles/app.css --accent): SVG presentation attributes cannot read CSS variables. */
const ACCENT = '#1d5fa6';
const ROW_HEIGHT = 44;

export function FlagsChart({ sourceName, counts }: { readonly sourceName: string; readonly counts: readonly FlagCount[] }): ReactNode {
  const { t, i18n } = useTranslation();
  const data = chartBars(counts).map((bar) => ({
    label: t('quality.chart.bar', {
      field: t(fieldLabelKey(bar.field)),
      reason: reasonText(t, { code: bar.code, column: bar.columns.join(', ') }),
      interpolation: { escapeValue: false },
    }),
    records: bar.records,
  }));
  const format = (value: unknown) => formatNumber(Number(value), i18n.language);
  return (
    <section className="card" aria-labelledby="quality-chart-title">
      <h2 className="card-title" id="quality-chart-title">
        {t('quality.chart.title')}
      </h2>
      <div className="flags-chart" role="img" aria-label={t('quality.chart.label', { source: sourceName })} data-testid="quality-chart">
        <ResponsiveContainer width="100%" height={data.length * ROW_HEIGHT + 36}>
          <BarChart data={data} layout="vertical" margin={{ top: 4, right: 48, bottom: 4, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid horizontal={false} strokeDasharray="3 3" />
            <XAxis type="number" allowDecimals={false} tickFormatter={format} />
            <YAxis type="category" dataKey="label" width={320} tick={{ fontSize: 12 }} interval={0} />
            <Tooltip formatter={(value) => [format(value), t('quality.chart.records')]} />
            <Bar dataKey="records" fill={ACCENT} isAnimationActive={false} maxBarSize={22}>
              <LabelList dataKey="records" position="right" formatter={format} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
    </section>
  );
}
