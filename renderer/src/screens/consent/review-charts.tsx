/**
 * The consent review's charts: how many people were in each state per purpose at each month's end
 * (one purpose at a time, chosen above the chart), and the states per purpose now. Each with its table.
 */
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { REVIEW_STATES, type ReviewSummary } from '../../../../main/api/contract';
import { ACCENT, AGAINST, REFERENCE, SECOND } from '../../components/charts/chart-style';
import { formatMonth } from '../../lib/chart-text';
import { formatNumber } from '../../lib/format';
import { ChartCard } from '../home/chart-card';

const COLOURS: Readonly<Record<(typeof REVIEW_STATES)[number], string>> = { granted: ACCENT, withdrawn: SECOND, expired: REFERENCE, objected: AGAINST };

export function purposeName(purpose: { nameEn: string; nameFr: string }, language: string): string {
  return language.startsWith('fr') ? purpose.nameFr : purpose.nameEn;
}

export function CoverageChart({ summary }: { readonly summary: ReviewSummary }): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const selectId = useId();
  const withData = summary.purposes.filter((purpose) => REVIEW_STATES.some((state) => purpose.states[state] > 0));
  const [chosen, setChosen] = useState<string>(withData[0]?.purpose ?? summary.purposes[0]?.purpose ?? '');
  const purpose = summary.purposes.find((entry) => entry.purpose === chosen);
  const series = summary.coverage.find((entry) => entry.purpose === chosen)?.series ?? [];
  const format = (value: unknown) => formatNumber(Number(value), language);
  const data = series.map((point) => ({ ...point, label: formatMonth(point.month, language) }));
  const name = purpose === undefined ? '' : purposeName(purpose, language);
  const table = (
    <table className="table">
      <caption className="visually-hidden">{t('consentReview.coverage.caption', { purpose: name })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('consentReview.coverage.month')}</th>
          {REVIEW_STATES.map((state) => (
            <th key={state} scope="col" className="num">
              {t(`consent.states.${state}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {series.map((point) => (
          <tr key={point.month}>
            <th scope="row">{formatMonth(point.month, language, 'long')}</th>
            {REVIEW_STATES.map((state) => (
              <td key={state} className="num">
                {format(point[state])}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <div className="chart-card chart-card-wide">
      <div className="field-inline">
        <label htmlFor={selectId}>{t('consentReview.coverage.purpose')}</label>{' '}
        <select id={selectId} value={chosen} onChange={(event) => setChosen(event.target.value)} data-testid="coverage-purpose">
          {summary.purposes.map((entry) => (
            <option key={entry.purpose} value={entry.purpose}>
              {purposeName(entry, language)}
            </option>
          ))}
        </select>
      </div>
      <ChartCard
        title={t('consentReview.coverage.title', { purpose: name })}
        label={t('consentReview.coverage.label', { purpose: name })}
        testId="chart-coverage"
        empty={series.every((point) => REVIEW_STATES.every((state) => point[state] === 0)) ? t('consentReview.coverage.empty') : null}
        table={table}
        wide
      >
        <ResponsiveContainer width="100%" height={280}>
          <AreaChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid vertical={false} strokeDasharray="3 3" />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" />
            <YAxis allowDecimals={false} tickFormatter={format} width={56} />
            <Tooltip formatter={(value, label) => [format(value), label]} />
            <Legend />
            {REVIEW_STATES.map((state) => (
              <Area key={state} type="stepAfter" dataKey={state} name={t(`consent.states.${state}`)} stackId="states" stroke={COLOURS[state]} fill={COLOURS[state]} fillOpacity={0.35} isAnimationActive={false} />
            ))}
          </AreaChart>
        </ResponsiveContainer>
      </ChartCard>
    </div>
  );
}

export function StatesChart({ summary }: { readonly summary: ReviewSummary }): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const format = (value: unknown) => formatNumber(Number(value), language);
  const data = summary.purposes.map((purpose) => ({ label: purposeName(purpose, language), ...purpose.states }));
  const table = (
    <table className="table">
      <caption className="visually-hidden">{t('consentReview.states.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('consentReview.states.purpose')}</th>
          {REVIEW_STATES.map((state) => (
            <th key={state} scope="col" className="num">
              {t(`consent.states.${state}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {summary.purposes.map((purpose) => (
          <tr key={purpose.purpose}>
            <th scope="row">{purposeName(purpose, language)}</th>
            {REVIEW_STATES.map((state) => (
              <td key={state} className="num">
                {format(purpose.states[state])}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <ChartCard
      title={t('consentReview.states.title')}
      label={t('consentReview.states.label')}
      testId="chart-states"
      empty={summary.purposes.every((purpose) => REVIEW_STATES.every((state) => purpose.states[state] === 0)) ? t('consentReview.states.empty') : null}
      table={table}
      wide
    >
      <ResponsiveContainer width="100%" height={Math.max(160, 44 * data.length)}>
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 4, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid horizontal={false} strokeDasharray="3 3" />
          <XAxis type="number" allowDecimals={false} tickFormatter={format} />
          <YAxis type="category" dataKey="label" width={160} tick={{ fontSize: 12 }} />
          <Tooltip formatter={(value, label) => [format(value), label]} />
          <Legend />
          {REVIEW_STATES.map((state) => (
            <Bar key={state} dataKey={state} name={t(`consent.states.${state}`)} stackId="states" fill={COLOURS[state]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
