/** The evidence between two records in plain words: the prior, one sentence per field, and the score. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Evidence, PairRecord } from '../../../../main/api/contract';
import { evidenceLines, percent, signedWeight } from '../../lib/identity';

interface Props {
  readonly evidence: Evidence;
  readonly a: PairRecord | null;
  readonly b: PairRecord | null;
}

export function EvidenceList({ evidence, a, b }: Props): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <div className="evidence-words">
      <ul className="evidence-list" data-testid="evidence-list">
        <li className="evidence-prior">{t('identity.evidence.prior', { weight: signedWeight(evidence.prior, language) })}</li>
        {evidenceLines(t, evidence, a, b, language).map((line) => (
          <li key={line.comparison} className={line.level === null ? 'evidence-none' : line.weight >= 0 ? 'evidence-for' : 'evidence-against'} data-comparison={line.comparison}>
            {line.text}
          </li>
        ))}
      </ul>
      <p className="evidence-total">
        <strong>{t('identity.evidence.total', { score: signedWeight(evidence.logOdds, language), percent: percent(evidence.probability, language) })}</strong>
      </p>
      {evidence.vetoed ? <p className="alert alert-warning">{t('identity.review.vetoed')}</p> : null}
      <p className="field-hint">{t('identity.evidence.weightHint')}</p>
    </div>
  );
}
