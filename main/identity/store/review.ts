/**
 * The review queue: pairs the last resolution left in the uncertain band, nearest to the match threshold
 * first (where a steward's answer settles the most), skipped pairs last.
 */
import { sql, type SqlRunner } from '../../store/sql';
import type { ReviewPair } from '../contract';
import { evidenceFor, latestModel, pairRecords, recordFeatures } from './evidence';
import { readSettings } from './settings';

export function pendingPairs(db: SqlRunner): number {
  return db.get<{ n: number }>(sql`SELECT count(*) AS n FROM identity_pair`)?.n ?? 0;
}

export function reviewQueue(db: SqlRunner, offset: number, limit: number): { total: number; pairs: ReviewPair[] } {
  const { matchThreshold } = readSettings(db);
  const rows = db.all<{ id: number; record_a: number; record_b: number; skipped_at: string | null }>(sql`
    SELECT id, record_a, record_b, skipped_at FROM identity_pair
    ORDER BY skipped_at IS NOT NULL, skipped_at, abs(log_odds - ${matchThreshold}), id LIMIT ${limit} OFFSET ${offset}`);
  const model = latestModel(db);
  const ids = [...new Set(rows.flatMap((row) => [row.record_a, row.record_b]))];
  const records = pairRecords(db, ids);
  const featured = recordFeatures(db, ids);
  const pairs = rows.flatMap((row): ReviewPair[] => {
    const a = records.get(row.record_a);
    const b = records.get(row.record_b);
    const fa = featured.get(row.record_a);
    const fb = featured.get(row.record_b);
    if (a === undefined || b === undefined || fa === undefined || fb === undefined || model === null) return [];
    return [{ id: row.id, a, b, evidence: evidenceFor(model, fa, fb), skipped: row.skipped_at !== null }];
  });
  return { total: pendingPairs(db), pairs };
}

export function skipPair(db: SqlRunner, a: number, b: number, stamp: string): void {
  const [low, high] = a < b ? [a, b] : [b, a];
  db.run(sql`UPDATE identity_pair SET skipped_at = ${stamp} WHERE record_a = ${low} AND record_b = ${high}`);
}
