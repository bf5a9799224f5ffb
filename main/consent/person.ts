/**
 * A person as the consent ledger sees them: a profile, followed to where merges led it, and the source
 * records it is made of. The ledger hangs from records, so identity's merges and splits need no step here.
 */
import { AppError } from '../core/errors';
import { sql, type SqlRunner } from '../store/sql';

/**
 * The profile an id leads to now, by the rule of main/profiles/redirect.ts (a merged profile redirects to
 * the one it was merged into). Written here as one query rather than imported: ingest depends on consent,
 * and profiles on ingest, so consent importing profiles would close a loop between the capabilities.
 */
export function activeProfileOf(db: SqlRunner, id: number): number {
  const row = db.get<{ id: number; status: string }>(sql`
    WITH RECURSIVE chain (id, status, merged_into, step) AS (
      SELECT id, status, merged_into, 0 FROM profile WHERE id = ${id}
      UNION ALL
      SELECT p.id, p.status, p.merged_into, chain.step + 1 FROM profile p JOIN chain ON p.id = chain.merged_into
      WHERE chain.status = 'merged' AND chain.step < 64
    )
    SELECT id, status FROM chain ORDER BY step DESC LIMIT 1`);
  if (row === undefined || row.status !== 'active') throw new AppError('NOT_FOUND', `There is no profile ${id}.`, { reason: 'unknownProfile', profileId: id });
  return row.id;
}

export function recordsOf(db: SqlRunner, profileId: number): number[] {
  return db
    .all<{ id: number }>(sql`SELECT source_record_id AS id FROM profile_member WHERE profile_id = ${profileId} ORDER BY source_record_id`)
    .map((row) => row.id);
}

/**
 * The record an event a steward records for a person hangs from: the person's oldest record. When identity
 * later splits the profile, the event stays with the person that record belongs to (docs/consent.md).
 */
export function anchorRecord(db: SqlRunner, profileId: number): number {
  const first = recordsOf(db, profileId)[0];
  if (first === undefined) throw new AppError('NOT_FOUND', `The profile ${profileId} has no records.`, { reason: 'unknownProfile', profileId });
  return first;
}
