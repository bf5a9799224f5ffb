/**
 * A steward's decisions on review pairs, and undoing the last merge. Undo goes through the merge history
 * (identity.explain), since a decision answers with profiles, not with the merge it made: the merge to
 * undo is the one still in effect that absorbed either record's former profile.
 */
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewPair } from '../../../../main/api/contract';
import { api, type ClientError } from '../../api/client';
import { recordLabel } from '../../lib/identity';
import type { LastDecision } from './decision-notice';

export type Decision = 'same' | 'different' | 'skip';

export interface Decisions {
  readonly last: LastDecision | null;
  readonly busy: boolean;
  readonly error: ClientError | null;
  readonly decide: (pair: ReviewPair, decision: Decision) => Promise<boolean>;
  readonly undo: () => Promise<void>;
}

export function useDecisions(onChanged: () => void): Decisions {
  const { t } = useTranslation();
  const [last, setLast] = useState<LastDecision | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ClientError | null>(null);

  const decide = useCallback(
    async (pair: ReviewPair, decision: Decision): Promise<boolean> => {
      setBusy(true);
      setError(null);
      try {
        const result = await api.call('identity.decide', { recordA: pair.a.recordId, recordB: pair.b.recordId, decision });
        if (!result.ok) {
          setError(result.error);
          return false;
        }
        const { profileA, conflicts } = result.value;
        if (decision === 'same' && profileA !== null) {
          const absorbed = [pair.a.profileId, pair.b.profileId].filter((id): id is number => id !== null && id !== profileA);
          setLast({ kind: 'merged', a: recordLabel(t, pair.a), b: recordLabel(t, pair.b), survivorId: profileA, absorbed, conflicts });
        } else {
          setLast({ kind: decision === 'different' ? 'different' : 'skipped', conflicts });
        }
        onChanged();
        return true;
      } finally {
        setBusy(false);
      }
    },
    [onChanged, t],
  );

  const undo = useCallback(async (): Promise<void> => {
    if (last?.kind !== 'merged') return;
    setBusy(true);
    setError(null);
    try {
      const explained = await api.call('identity.explain', { profileId: last.survivorId });
      if (!explained.ok) {
        setError(explained.error);
        return;
      }
      const merge = explained.value.merges.find((entry) => entry.undoneAt === null && last.absorbed.includes(entry.absorbedId));
      if (merge === undefined) return;
      const undone = await api.call('identity.undoMerge', { mergeId: merge.id });
      if (!undone.ok) {
        setError(undone.error);
        return;
      }
      setLast({ kind: 'undone', a: last.a, b: last.b });
      onChanged();
    } finally {
      setBusy(false);
    }
  }, [last, onChanged]);

  return { last, busy, error, decide, undo };
}
