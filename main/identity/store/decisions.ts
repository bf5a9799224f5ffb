/**
 * A steward's decisions: must-link (same person) and cannot-link (different people) between two source
 * records. Every resolution honours them; they are never resolved silently when they contradict each
 * other (A = B, B = C, A ≠ C): such a set is listed for the steward instead.
 */
import { sql, type SqlRunner } from '../../store/sql';

export type DecisionOrigin = 'review' | 'merge' | 'split' | 'undo';

export interface Decision {
  recordA: number;
  recordB: number;
  same: boolean;
}

/** Records one decision; a later decision on the same pair replaces the earlier one. */
export function recordDecision(db: SqlRunner, a: number, b: number, same: boolean, origin: DecisionOrigin, userId: number | null, stamp: string): void {
  if (a === b) return;
  const [low, high] = a < b ? [a, b] : [b, a];
  db.run(sql`
    INSERT INTO identity_decision (record_a, record_b, same, origin, decided_by, decided_at) VALUES (${low}, ${high}, ${same ? 1 : 0}, ${origin}, ${userId}, ${stamp})
    ON CONFLICT (record_a, record_b) DO UPDATE SET same = excluded.same, origin = excluded.origin, decided_by = excluded.decided_by, decided_at = excluded.decided_at`);
  db.run(sql`DELETE FROM identity_pair WHERE record_a = ${low} AND record_b = ${high}`);
}

export function allDecisions(db: SqlRunner): Decision[] {
  return db
    .all<{ record_a: number; record_b: number; same: number }>(sql`SELECT record_a, record_b, same FROM identity_decision ORDER BY id`)
    .map((row) => ({ recordA: row.record_a, recordB: row.record_b, same: row.same === 1 }));
}

export interface Conflict {
  /** Records held together by must-links… */
  records: number[];
  /** …of which these pairs were declared different. */
  cannotLinks: [number, number][];
}

/** How many sets of decisions contradict each other now. */
export function countConflicts(db: SqlRunner): number {
  return findConflicts(allDecisions(db)).length;
}

/** Groups of records joined by must-links that also contain a cannot-link. */
export function findConflicts(decisions: readonly Decision[]): Conflict[] {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let root = x;
    while ((parent.get(root) ?? root) !== root) root = parent.get(root) as number;
    parent.set(x, root);
    return root;
  };
  for (const { recordA, recordB, same } of decisions) {
    if (!same) continue;
    const [x, y] = [find(recordA), find(recordB)];
    if (x !== y) parent.set(Math.max(x, y), Math.min(x, y));
  }
  const byGroup = new Map<number, Conflict>();
  for (const { recordA, recordB, same } of decisions) {
    if (same || find(recordA) !== find(recordB)) continue;
    const root = find(recordA);
    const conflict = byGroup.get(root) ?? { records: [], cannotLinks: [] };
    conflict.cannotLinks.push([recordA, recordB]);
    byGroup.set(root, conflict);
  }
  for (const record of parent.keys()) byGroup.get(find(record))?.records.push(record);
  return [...byGroup.values()].map((conflict) => ({ ...conflict, records: conflict.records.sort((x, y) => x - y) }));
}
