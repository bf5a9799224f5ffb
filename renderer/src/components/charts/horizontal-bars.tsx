/**
 * Counts as horizontal bars, largest first as given: the one chart shape the home screen and the data
 * quality view share. Its keyboard layer is off: every chart in the app sits beside a table holding the
 * same figures, which is the accessible way through them.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { clipLabel } from '../../lib/chart-text';
import { formatNumber } from '../../lib/format';
import { ACCENT, BAR_ROW_HEIGHT } from './chart-style';

export interface BarDatum {
  readonly label: string;
  readonly value: number;
}

export function HorizontalBars({
  data,
  valueName,
  labelWidth,
  labelChars,
}: {
  readonly data: readonly BarDatum[];
  /** What a value counts, for the tooltip ("Records"). */
  readonly valueName: string;
  readonly labelWidth: number;
  /** Longer labels are cut with "…" on the axis; the tooltip and the table keep them whole. */
  readonly labelChars: number;
}): ReactNode {
  const { i18n } = useTranslation();
  const format = (value: unknown) => formatNumber(Number(value), i18n.language);
  return (
    <ResponsiveContainer width="100%" height={data.length * BAR_ROW_HEIGHT + 36}>
      <BarChart data={[...data]} layout="vertical" margin={{ top: 4, right: 56, bottom: 4, left: 8 }} accessibilityLayer={false}>
        <CartesianGrid horizontal={false} strokeDasharray="3 3" />
        <XAxis type="number" allowDecimals={false} tickFormatter={format} />
        <YAxis type="category" dataKey="label" width={labelWidth} tick={{ fontSize: 12 }} interval={0} tickFormatter={(label: string) => clipLabel(label, labelChars)} />
        <Tooltip formatter={(value) => [format(value), valueName]} />
        <Bar dataKey="value" fill={ACCENT} isAnimationActive={false} maxBarSize={22}>
          <LabelList dataKey="value" position="right" formatter={format} />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
