/**
 * The review queue, one pair at a time: the two records side by side, the evidence in words and as a
 * waterfall, and three decisions with single-key shortcuts (use-review-keys.ts). After a decision the next
 * pair is shown and focus moves to its heading, so a screen reader says which pair it is; what the
 * decision did stays in a notice above, with Undo for a merge.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { IdentitySettings, ReviewPair } from '../../../../main/api/contract';
import { ErrorAlert } from '../../components/alert';
import { useReviewKeys, type ReviewKeyAction } from '../../hooks/use-review-keys';
import { formatNumber } from '../../lib/format';
import { percent, signedWeight } from '../../lib/identity';
import { DecisionNotice } from './decision-notice';
import { EvidenceList } from './evidence-list';
import { EvidenceWaterfall } from './evidence-waterfall';
import { PairComparison } from './pair-comparison';
import { ReviewList } from './review-list';
import { useDecisions, type Decision } from './use-decisions';

interface Props {
  readonly pairs: readonly ReviewPair[] | null;
  readonly total: number;
  readonly everRun: boolean;
  readonly settings: IdentitySettings | null;
  readonly active: boolean;
  readonly onChanged: () => void;
  readonly onPerson: (profileId: number) => void;
}

const DECISIONS: ReadonlyArray<{ readonly decision: Decision; readonly keys: string; readonly className: string }> = [
  { decision: 'same', keys: 'S A', className: 'button button-primary' },
  { decision: 'different', keys: 'D R', className: 'button button-danger' },
  { decision: 'skip', keys: 'K N', className: 'button' },
];
const LABEL_KEYS = { same: 'identity.review.same', different: 'identity.review.different', skip: 'identity.review.skip' } as const;

export function ReviewPanel({ pairs, total, everRun, settings, active, onChanged, onPerson }: Props): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [chosen, setChosen] = useState<number | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const empty = useRef<HTMLParagraphElement>(null);
  const moveFocus = useRef(false);
  const decisions = useDecisions(onChanged);
  // A pair just settled stays out of view while the queue is read again: a second keypress meanwhile must
  // go to the next pair, not decide this one twice.
  const [settled, setSettled] = useState<number | null>(null);
  const list = (pairs ?? []).filter((candidate) => candidate.id !== settled);
  const index = Math.max(0, list.findIndex((pair) => pair.id === chosen));
  const pair = list[index] ?? null;

  // After the last pair, focus goes to the sentence saying the queue is empty rather than to the page's top.
  useEffect(() => {
    if (!moveFocus.current || pairs === null) return;
    moveFocus.current = false;
    (pair === null ? empty.current : heading.current)?.focus();
  }, [pair, pairs]);

  const decide = useCallback(
    async (decision: Decision): Promise<void> => {
      if (pair === null || decisions.busy) return;
      if (await decisions.decide(pair, decision)) {
        setChosen(null);
        if (decision !== 'skip') setSettled(pair.id);
        moveFocus.current = true;
      }
    },
    [pair, decisions],
  );

  const onKey = useCallback(
    (action: ReviewKeyAction): void => {
      if (action === 'undo') void decisions.undo();
      else void decide(action);
    },
    [decide, decisions],
  );
  useReviewKeys(active, onKey);

  return (
    <div className="stack review-panel" data-testid="review-panel">
      {decisions.last ? <DecisionNotice decision={decisions.last} busy={decisions.busy} onUndo={() => void decisions.undo()} onOpen={onPerson} /> : null}
      <ErrorAlert error={decisions.error} />
      {pairs !== null && list.length === 0 ? (
        <p className="empty" data-testid="review-empty" ref={empty} tabIndex={-1}>
          {t(everRun ? 'identity.review.empty' : 'identity.review.emptyNeverRun')}
        </p>
      ) : null}
      {pair ? (
        <section className="card review-pair" aria-labelledby="review-pair-title" data-testid="review-pair" data-pair-id={pair.id}>
          <div className="form-actions spread">
            <h2 className="card-title" id="review-pair-title" ref={heading} tabIndex={-1}>
              {t('identity.review.position', { position: formatNumber(index + 1, language), total: formatNumber(total, language) })}
              {pair.skipped ? <span className="badge badge-off">{t('identity.review.skipped')}</span> : null}
            </h2>
            <p className="review-probability" data-testid="review-probability">
              <strong>{t('identity.review.probability', { percent: percent(pair.evidence.probability, language) })}</strong>
              {settings ? (
                <span className="muted small">
                  {' '}
                  {t('identity.review.score', {
                    score: signedWeight(pair.evidence.logOdds, language),
                    match: signedWeight(settings.matchThreshold, language),
                    review: signedWeight(settings.reviewThreshold, language),
                  })}
                </span>
              ) : null}
            </p>
          </div>
          <PairComparison a={pair.a} b={pair.b} />
          <div className="review-actions" role="group" aria-label={t('identity.review.title')}>
            {DECISIONS.map(({ decision, keys, className }) => (
              <button key={decision} type="button" className={className} disabled={decisions.busy} aria-keyshortcuts={keys} onClick={() => void decide(decision)} data-decision={decision}>
                {t(LABEL_KEYS[decision])} <kbd aria-hidden="true">{keys.split(' ')[0]}</kbd>
              </button>
            ))}
          </div>
          <p className="field-hint" id="review-keys">
            {t('identity.review.keys')}
          </p>
          <div className="two-columns even evidence-columns">
            <div>
              <h3 className="evidence-title">{t('identity.evidence.title')}</h3>
              <EvidenceList evidence={pair.evidence} a={pair.a} b={pair.b} />
            </div>
            <div>
              <h3 className="evidence-title">{t('identity.chart.title')}</h3>
              <EvidenceWaterfall evidence={pair.evidence} matchThreshold={settings?.matchThreshold ?? null} />
            </div>
          </div>
        </section>
      ) : null}
      {list.length > 1 ? <ReviewList pairs={list} total={total} currentId={pair?.id ?? null} onShow={setChosen} /> : null}
    </div>
  );
}
