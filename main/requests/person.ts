/**
 * A person as the request register sees them: a profile followed to where merges led it (profiles' own rule,
 * main/profiles/redirect.ts), which must still be active, and the source records it holds.
 */
import { AppError } from '../core/errors';
import { currentProfileId } from '../profiles/index';
import { sql, type SqlRunner } from '../store/sql';

export function activeProfileOf(db: SqlRunner, id: number): number {
  const current = currentProfileId(db, id);
  const status = db.get<{ status: string }>(sql`SELECT status FROM profile WHERE id = ${current}`)?.status;
  if (status !== 'active') throw new AppError('NOT_FOUND', `There is no profile ${id}.`, { reason: 'unknownProfile', profileId: id });
  return current;
}

export function recordsOf(db: SqlRunner, profileId: number): number[] {
  return db
    .all<{ id: number }>(sql`SELECT source_record_id AS id FROM profile_member WHERE profile_id = ${profileId} ORDER BY source_record_id`)
    .map((row) => row.id);
}

/**
 * A profile a request may be matched to: an active one, or the tombstone of an erased one (a person asking
 * what is held about them after their erasure is answered from the erasure record).
 */
export function matchableProfileOf(db: SqlRunner, id: number): { id: number; erased: boolean } {
  const current = currentProfileId(db, id);
  const status = db.get<{ status: string }>(sql`SELECT status FROM profile WHERE id = ${current}`)?.status;
  if (status === 'erased') return { id: current, erased: true };
  return { id: activeProfileOf(db, id), erased: false };
}
