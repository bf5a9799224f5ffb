/**
 * The review queue replaced by a resolution: hundreds of thousands of pairs at a million records. Inserted row by
 * row, each lands on a random page of the queue's secondary indexes; so those are dropped and built again after
 * the inserts (SQLite builds an index by sorting, in one pass), inside the caller's transaction, which a failure
 * rolls back whole, the indexes with it. Their definitions are read from the schema, so they come back as the
 * migrations made them.
 */
import { sql, type SqlRunner } from '../../store/sql';

/** Pairs of source record ids with their scores, as columns. */
export interface ReviewPairs {
  a: Float64Array;
  b: Float64Array;
  logOdds: Float64Array;
  length: number;
}

/** Below this many pairs, rebuilding the indexes costs more than it saves. */
const REBUILD_FROM = 10_000;

/** Replaces the queue with `pairs` (source record ids), leaving out decided pairs and records gone since. Returns the pairs queued. */
export function replaceReviewQueue(db: SqlRunner, pairs: ReviewPairs, runId: number): number {
  db.run(sql`DELETE FROM identity_pair`);
  const indexes =
    pairs.length < REBUILD_FROM
      ? []
      : db.all<{ name: string; sql: string }>(sql`SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'identity_pair' AND sql IS NOT NULL`);
  for (const { name } of indexes) db.raw.exec(`DROP INDEX "${name.replaceAll('"', '""')}"`);
  const queued = queuePairs(db, pairs, runId);
  for (const index of indexes) db.raw.exec(index.sql);
  return queued;
}

/** Adds pairs (source record ids) to the queue, leaving out decided pairs, records gone since and pairs queued already. */
export function queuePairs(db: SqlRunner, pairs: ReviewPairs, runId: number): number {
  const insertPair = db.statement(`
    INSERT INTO identity_pair (record_a, record_b, log_odds, run_id)
    SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM source_record WHERE id = ?) AND EXISTS (SELECT 1 FROM source_record WHERE id = ?)
    ON CONFLICT DO NOTHING`);
  const decided = db.statement('SELECT 1 FROM identity_decision WHERE record_a = ? AND record_b = ?').pluck();
  let queued = 0;
  for (let pair = 0; pair < pairs.length; pair += 1) {
    const a = pairs.a[pair] as number;
    const b = pairs.b[pair] as number;
    const [low, high] = a < b ? [a, b] : [b, a];
    if (decided.get(low, high) !== undefined) continue;
    queued += insertPair.run(low, high, pairs.logOdds[pair] as number, runId, low, high).changes;
  }
  return queued;
}
