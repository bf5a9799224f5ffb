/**
 * The evidence as a waterfall: from the prior odds, each field's weight moves the running total up (for,
 * green) or down (against, red), to the score. Colour is never the only cue: each bar is labelled with its
 * signed weight. Screen readers get the chart as one image whose name points to the list in words beside it.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Evidence } from '../../../../main/api/contract';
import { ACCENT, AGAINST, BAR_ROW_HEIGHT, FOR, REFERENCE } from '../../components/charts/chart-style';
import { signedWeight, waterfallSteps, type StepKind } from '../../lib/identity';

const COLOURS: Readonly<Record<StepKind, string>> = { prior: REFERENCE, for: FOR, against: AGAINST, score: ACCENT };

interface Props {
  readonly evidence: Evidence;
  readonly matchThreshold: number | null;
}

export function EvidenceWaterfall({ evidence, matchThreshold }: Props): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const data = waterfallSteps(evidence).map((step) => ({
    ...step,
    range: [...step.range],
    label:
      step.kind === 'prior' ? t('identity.chart.prior') : step.kind === 'score' ? t('identity.chart.score') : t(`identity.comparisons.${step.key}`, { defaultValue: step.key }),
    shown: signedWeight(step.weight, language),
  }));
  return (
    <div className="evidence-chart" role="img" aria-label={t('identity.chart.label')} data-testid="evidence-waterfall">
      <ResponsiveContainer width="100%" height={data.length * BAR_ROW_HEIGHT + 56}>
        <BarChart data={data} layout="vertical" margin={{ top: 20, right: 56, bottom: 4, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid horizontal={false} strokeDasharray="3 3" />
          <XAxis type="number" tickFormatter={(value: number) => signedWeight(value, language)} />
          <YAxis type="category" dataKey="label" width={150} tick={{ fontSize: 12 }} interval={0} />
          <Tooltip formatter={(_value, _name, item) => [(item.payload as { shown: string }).shown, t('identity.chart.weight')]} />
          <ReferenceLine x={0} stroke={REFERENCE} />
          {matchThreshold !== null ? (
            <ReferenceLine x={matchThreshold} stroke={REFERENCE} strokeDasharray="6 3" label={{ value: t('identity.chart.threshold'), position: 'top', fontSize: 11, fill: REFERENCE }} />
          ) : null}
          <Bar dataKey="range" isAnimationActive={false} maxBarSize={20}>
            {data.map((step) => (
              <Cell key={step.key} fill={COLOURS[step.kind]} />
            ))}
            <LabelList dataKey="shown" position="right" fontSize={12} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
