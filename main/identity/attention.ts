/**
 * What identity asks a person to look at, for the home screen: pairs waiting for a steward's decision, and
 * decisions that contradict each other. Counts only, no names: the overview gathers them with the rest.
 */
import type { SqlRunner } from '../store/sql';
import { countConflicts } from './store/decisions';
import { pendingPairs } from './store/review';

export interface IdentityAttentionItem {
  readonly kind: 'identityReview' | 'identityConflicts';
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
  if (conflicts > 0) items.push({ kind: 'identityConflicts', severity: 'warning', count: conflicts, sourceId: null, name: '', at: null, target: { place: 'identity', view: 'conflicts' } });
  const pairs = pendingPairs(db);
  if (pairs > 0) items.push({ kind: 'identityReview', severity: 'info', count: pairs, sourceId: null, name: '', at: null, target: { place: 'identity', view: 'review' } });
  return items;
}
