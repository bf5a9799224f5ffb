/**
 * What the last decision did, kept on screen while the next pair is shown, with Undo for a merge: the
 * review moves fast, and a wrong keypress must cost one more keypress, not a hunt through the person.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../components/alert';
import { formatNumber } from '../../lib/format';

export type LastDecision =
  | { readonly kind: 'merged'; readonly a: string; readonly b: string; readonly survivorId: number; readonly absorbed: readonly number[]; readonly conflicts: number }
  | { readonly kind: 'different' | 'skipped'; readonly conflicts: number }
  | { readonly kind: 'undone'; readonly a: string; readonly b: string };

interface Props {
  readonly decision: LastDecision;
  readonly busy: boolean;
  readonly onUndo: () => void;
  readonly onOpen: (profileId: number) => void;
}

export function DecisionNotice({ decision, busy, onUndo, onOpen }: Props): ReactNode {
  const { t, i18n } = useTranslation();
  const conflicts = decision.kind === 'undone' ? 0 : decision.conflicts;
  return (
    <Notice tone={conflicts > 0 ? 'warning' : decision.kind === 'merged' ? 'success' : 'info'} testId="decision-notice">
      <span className="decision-text">
        {decision.kind === 'merged'
          ? t('identity.review.merged', { a: decision.a, b: decision.b })
          : decision.kind === 'undone'
            ? t('identity.review.undone', { a: decision.a, b: decision.b })
            : t(decision.kind === 'different' ? 'identity.review.markedDifferent' : 'identity.review.markedSkipped')}
        {conflicts > 0 ? ` ${t('identity.review.conflict', { count: conflicts, formatted: formatNumber(conflicts, i18n.language) })}` : null}
      </span>
      {decision.kind === 'merged' ? (
        <span className="decision-actions">
          <button type="button" className="button button-small decision-undo" onClick={onUndo} disabled={busy} aria-keyshortcuts="U">
            {t('identity.review.undo')} <kbd aria-hidden="true">U</kbd>
          </button>
          <button type="button" className="button button-small" onClick={() => onOpen(decision.survivorId)}>
            {t('identity.review.openPerson')}
          </button>
        </span>
      ) : null}
    </Notice>
  );
}
