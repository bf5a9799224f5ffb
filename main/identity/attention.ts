/**
 * What identity asks a person to look at, for the home screen: pairs waiting for a steward's decision,
 * decisions that contradict each other, and records an import could not link. Counts only, no names: the overview gathers them with the rest.
 */
import type { SqlRunner } from '../store/sql';
import { countConflicts } from './store/decisions';
import { countPending } from './store/key-index';
import { pendingPairs } from './store/review';
import { chosenModel, readSettings } from './store/settings';

export interface IdentityAttentionItem {
  readonly kind: 'identityReview' | 'identityConflicts' | 'identityUnlinked';
  readonly severity: 'warning' | 'info';
  readonly count: number;
  readonly sourceId: null;
  readonly name: string;
  readonly at: null;
  readonly target: { readonly place: 'identity'; readonly view: 'review' | 'conflicts' };
}

export function identityAttention(db: SqlRunner): IdentityAttentionItem[] {
  const items: IdentityAttentionItem[] = [];
  // A contradiction is worse news than a queue: decisions that cannot all hold, which nothing settles alone.
  const conflicts = countConflicts(db);
  if (conflicts > 0)
    items.push({
      kind: 'identityConflicts',
      severity: 'warning',
      count: conflicts,
      sourceId: null,
      name: '',
      at: null,
      target: { place: 'identity', view: 'conflicts' },
    });
  // Imports link their records themselves: records left waiting mean a link failed or was cancelled.
  const unlinked = countPending(db, chosenModel(readSettings(db)).blocking);
  if (unlinked > 0)
    items.push({
      kind: 'identityUnlinked',
      severity: 'warning',
      count: unlinked,
      sourceId: null,
      name: '',
      at: null,
      target: { place: 'identity', view: 'review' },
    });
  const pairs = pendingPairs(db);
  if (pairs > 0)
    items.push({ kind: 'identityReview', severity: 'info', count: pairs, sourceId: null, name: '', at: null, target: { place: 'identity', view: 'review' } });
  return items;
}
