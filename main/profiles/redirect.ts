import { sql, type SqlRunner } from '../store/sql';

/** Longest chain followed: merges are few per person; a longer chain can only be a damaged vault. */
const MAX_REDIRECTS = 64;

/**
 * The profile a person's id leads to now: a merged profile redirects to the one it was merged into, so an id
 * noted in a request or a ticket keeps working after merges. Unknown ids come back as they are.
 */
export function currentProfileId(db: SqlRunner, id: number): number {
  let current = id;
  for (let step = 0; step < MAX_REDIRECTS; step += 1) {
    const row = db.get<{ merged_into: number | null; status: string }>(sql`SELECT merged_into, status FROM profile WHERE id = ${current}`);
    if (row === undefined || row.status !== 'merged' || row.merged_into === null) return current;
    current = row.merged_into;
  }
  return current;
}
