/**
 * Test helper: what the erasure engine (main/erasure, built apart) leaves behind for the suppression list,
 * an `erasure` row satisfying migration 026 and its digests, without the engine itself.
 */
import { sql, type SqlRunner } from '../store/sql';
import { addSuppression, type SuppressionDigest } from './index';

export function listErasure(db: SqlRunner, profileId: number, digests: readonly SuppressionDigest[], erasedAt = '2026-06-01T12:00:00.000Z'): number {
  const userId = db.get<{ id: number }>(sql`SELECT min(id) AS id FROM app_user`)!.id;
  const erasureId = Number(
    db.run(sql`
      INSERT INTO erasure (profile_id, reason, erased_at, erased_by, k, removed, generalized, kept, suppression_entries, hash)
      VALUES (${profileId}, 'steward', ${erasedAt}, ${userId}, 2, '{}', '{}', '{}', ${digests.length}, ${'0'.repeat(64)})`).lastInsertRowid,
  );
  addSuppression(db, erasureId, digests);
  return erasureId;
}
