/**
 * The consent review: the counts per finding as cards (each opens its list), coverage per purpose over the
 * last months and the states per purpose as charts (each with its table), and, for stewards and
 * administrators, the people behind a finding with a bulk action confirmed in a dialog. Counts and charts
 * name no one, so auditors see them; the lists are personal data and are not offered to them.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { REVIEW_FINDINGS, type ReviewFinding } from '../../../../main/api/contract';
import { ErrorAlert } from '../../components/alert';
import { SelectField } from '../../components/field';
import { PageHeader } from '../../components/section';
import { useApiData } from '../../hooks/use-api-data';
import { formatDateTime, formatNumber } from '../../lib/format';
import type { AreaFocus, Navigate } from '../../session/areas';
import { useSession } from '../../session/session-context';
import { CoverageChart, StatesChart } from './review-charts';
import { ReviewList } from './review-list';

export const EXPIRING_CHOICES = [7, 30, 60, 90] as const;

export function ConsentReviewScreen({ focus, onNavigate }: { readonly focus: AreaFocus | undefined; readonly onNavigate: Navigate }): ReactNode {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const language = i18n.language;
  const mayList = user.role !== 'auditor';
  const [expiringDays, setExpiringDays] = useState<number>(30);
  const [finding, setFinding] = useState<ReviewFinding | null>(mayList ? (focus?.consentFinding ?? null) : null);
  const summary = useApiData('consent.review', { expiringDays });
  const data = summary.data;

  return (
    <div className="page page-wide consent-review" data-testid="consent-review">
      <PageHeader title={t('consentReview.title')}>
        <SelectField label={t('consentReview.expiringWindow')} value={String(expiringDays)} onChange={(event) => setExpiringDays(Number(event.target.value))} data-testid="review-window">
          {EXPIRING_CHOICES.map((days) => (
            <option key={days} value={days}>
              {t('consentReview.days', { count: days })}
            </option>
          ))}
        </SelectField>
      </PageHeader>
      <p className="lead">{t(mayList ? 'consentReview.intro' : 'consentReview.introAuditor')}</p>
      <ErrorAlert error={summary.error} />
      {summary.loading && data === null ? <p className="muted">{t('consentReview.loading')}</p> : null}
      {data !== null ? (
        <>
          <h2 className="visually-hidden">{t('consentReview.findingsTitle')}</h2>
          <ul className="tiles review-cards" aria-label={t('consentReview.findingsTitle')}>
            {REVIEW_FINDINGS.map((key) => {
              const count = data.totals.findings[key];
              const text = (
                <>
                  <span className="tile-title">{t(`consentReview.findings.${key}.title`, { count: expiringDays })}</span>
                  <span className="review-count" data-testid={`review-count-${key}`} data-count={count}>
                    {formatNumber(count, language)}
                  </span>
                  <span className="tile-text">{t(`consentReview.findings.${key}.text`, { count: expiringDays })}</span>
                </>
              );
              return (
                <li key={key}>
                  {mayList ? (
                    <button type="button" className="tile" aria-pressed={finding === key} onClick={() => setFinding(finding === key ? null : key)} data-testid={`review-card-${key}`}>
                      {text}
                    </button>
                  ) : (
                    <div className="tile" data-testid={`review-card-${key}`}>
                      {text}
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
          <p className="muted small">
            {t('consentReview.asOf', { date: formatDateTime(data.generatedAt, language) })} {t('consentReview.pairsNote')}
          </p>
          {mayList && finding !== null ? (
            <ReviewList key={`${finding}-${expiringDays}`} finding={finding} expiringDays={expiringDays} purposes={data.purposes} onNavigate={onNavigate} onChanged={summary.reload} />
          ) : null}
          <h2>{t('consentReview.chartsTitle')}</h2>
          <div className="chart-grid">
            <CoverageChart summary={data} />
            <StatesChart summary={data} />
          </div>
        </>
      ) : null}
    </div>
  );
}
