/**
 * A person as the request register sees them: a profile followed to where merges led it, and the source
 * records it holds. Written here rather than imported from main/profiles, as consent does (main/consent/
 * person.ts): the rule is main/profiles/redirect.ts's, a merged profile redirects to the one it went into.
 */
import { AppError } from '../core/errors';
import { sql, type SqlRunner } from '../store/sql';

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
