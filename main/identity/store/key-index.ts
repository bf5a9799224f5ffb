/**
 * The vault's blocking-key index (migration 017) and its watermark: which records' keys are written and
 * linked. Pending records are those past the watermark (new) or changed since it (a re-import, a correction).
 */
import { BatchedInsert, ROWS_PER_STATEMENT } from '../../store/batched-insert';
import { sql, type SqlRunner } from '../../store/sql';
import type { BlockingKey } from '../model/blocking';
import { forEachKeyHash, orderByHash } from '../model/key-hash';
import type { Features } from '../model/record';

export interface Watermark {
  linkedThrough: number;
  linkedAt: string;
  /** The blocking keys the index was built with, by name. */
  blocking: string;
}

export function blockingSignature(keys: readonly BlockingKey[]): string {
  return keys.map((key) => key.name).join('|');
}

export function readWatermark(db: SqlRunner): Watermark | null {
  const row = db.get<{ linked_through: number; linked_at: string; blocking: string }>(
    sql`SELECT linked_through, linked_at, blocking FROM identity_watermark WHERE id = 1`,
  );
  return row === undefined ? null : { linkedThrough: row.linked_through, linkedAt: row.linked_at, blocking: row.blocking };
}

export function writeWatermark(db: SqlRunner, watermark: Watermark): void {
  db.run(sql`
    INSERT INTO identity_watermark (id, linked_through, linked_at, blocking) VALUES (1, ${watermark.linkedThrough}, ${watermark.linkedAt}, ${watermark.blocking})
    ON CONFLICT (id) DO UPDATE SET linked_through = excluded.linked_through, linked_at = excluded.linked_at, blocking = excluded.blocking`);
}

/**
 * The ids of the pending records, as a query: all of them with no watermark, or one built with other blocking
 * keys; else those past the watermark and those changed since the last link, each found through its own index
 * (the primary key, source_record_updated of migration 021) rather than a scan of every record.
 */
function pendingIdsQuery(watermark: Watermark | null, keys: readonly BlockingKey[]) {
  // A record without a profile (held by the consent gate until a steward releases it) is not identity's yet.
  const admitted = sql`EXISTS (SELECT 1 FROM profile_member m WHERE m.source_record_id = source_record.id)`;
  if (watermark === null || watermark.blocking !== blockingSignature(keys)) return sql`SELECT id FROM source_record WHERE ${admitted}`;
  return sql`SELECT id FROM source_record WHERE id > ${watermark.linkedThrough} AND ${admitted} UNION ALL SELECT id FROM source_record WHERE updated_at > ${watermark.linkedAt} AND ${admitted}`;
}

/** Records not yet keyed and linked. */
export function pendingRecordIds(db: SqlRunner, watermark: Watermark | null, keys: readonly BlockingKey[]): number[] {
  return db.all<{ id: number }>(sql`SELECT DISTINCT id FROM (${pendingIdsQuery(watermark, keys)}) ORDER BY id`).map((row) => row.id);
}

export function hasResolved(db: SqlRunner): boolean {
  return db.get(sql`SELECT 1 AS one FROM identity_run WHERE kind = 'full' LIMIT 1`) !== undefined;
}

/** Records waiting for a link; none before the first full resolution (it links them all). */
export function countPending(db: SqlRunner, keys: readonly BlockingKey[]): number {
  if (!hasResolved(db)) return 0;
  return db.get<{ n: number }>(sql`SELECT count(DISTINCT id) AS n FROM (${pendingIdsQuery(readWatermark(db), keys)})`)?.n ?? 0;
}

/** Writes the keys of these records (sorted, so the index grows in order). Old keys of changed records stay: see migration 017. */
export function writeKeys(db: SqlRunner, records: readonly Features[], recordIds: ArrayLike<number>, keys: readonly BlockingKey[]): void {
  let hashes = new Float64Array(Math.max(16, records.length * 8));
  let owners = new Float64Array(hashes.length);
  let count = 0;
  records.forEach((record, index) => {
    forEachKeyHash(record, keys, (_key, hash) => {
      if (count === hashes.length) {
        const grownHashes = new Float64Array(count * 2);
        const grownOwners = new Float64Array(count * 2);
        grownHashes.set(hashes);
        grownOwners.set(owners);
        hashes = grownHashes;
        owners = grownOwners;
      }
      hashes[count] = hash;
      owners[count] = recordIds[index] as number;
      count += 1;
    });
  });
  // Records come in id order, so a stable sort by hash orders the rows by (key, record): the primary key's order.
  const order = orderByHash(hashes, count);
  // Many rows a statement: a resolution writes a dozen keys for each of a million records.
  const insert = new BatchedInsert(db, 'INSERT OR IGNORE INTO identity_key (key, source_record_id)', 2);
  for (const position of order) {
    insert.add(hashes[position] as number, owners[position] as number);
    if (insert.pending === ROWS_PER_STATEMENT) insert.flush();
  }
  insert.flush();
}

/** A full rebuild, when the blocking keys changed. */
export function clearKeys(db: SqlRunner): void {
  db.run(sql`DELETE FROM identity_key`);
}

/** Records under one key, at most `limit` of them (a caller asks one more than a block may hold, to see it is too large). */
export function recordsWithKey(db: SqlRunner, hash: number, limit: number): number[] {
  return db.statement('SELECT source_record_id FROM identity_key WHERE key = ? LIMIT ?').pluck().all(hash, limit) as number[];
}

/**
 * After a full resolution: every record it read is linked. Keys are written for those not keyed yet (all of
 * them when the blocking keys changed) and the watermark moves to the records read; anything imported or
 * changed while it ran stays pending.
 */
export function keyResolvedRecords(
  db: SqlRunner,
  records: readonly Features[],
  recordIds: ArrayLike<number>,
  keys: readonly BlockingKey[],
  linkedAt: string,
): void {
  const watermark = readWatermark(db);
  const signature = blockingSignature(keys);
  const rebuild = watermark === null || watermark.blocking !== signature;
  // Every key written again: the record index is built once at the end by sorting, not kept up row by row in
  // random record order. Inside the resolution's transaction, so a crash never leaves the table without it.
  if (rebuild) {
    clearKeys(db);
    db.run(sql`DROP INDEX IF EXISTS identity_key_record`);
  }
  const pending = new Set(pendingRecordIds(db, watermark, keys));
  const chosen: Features[] = [];
  const chosenIds: number[] = [];
  let through = watermark?.linkedThrough ?? 0;
  for (let index = 0; index < records.length; index += 1) {
    const id = recordIds[index] as number;
    through = Math.max(through, id);
    if (!pending.has(id)) continue;
    chosen.push(records[index] as Features);
    chosenIds.push(id);
  }
  writeKeys(db, chosen, chosenIds, keys);
  if (rebuild) db.run(sql`CREATE INDEX IF NOT EXISTS identity_key_record ON identity_key (source_record_id)`);
  writeWatermark(db, { linkedThrough: through, linkedAt, blocking: signature });
}
