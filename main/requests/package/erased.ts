/**
 * A request matched to a person the vault erased is answered from the erasure record: when, under which
 * certificate, with its hash. Read from the erasure capability's table directly: erasure builds on the
 * register (it answers erasure requests), so the register cannot import it back.
 */
import { currentProfileId } from '../../profiles/index';
import { sql, type SqlRunner } from '../../store/sql';

export interface ErasureRecord {
  readonly certificateId: number;
  readonly erasedAt: string;
  readonly hash: string;
}

export function erasuresOf(db: SqlRunner, profileIds: readonly number[]): ErasureRecord[] {
  const current = [...new Set(profileIds.map((id) => currentProfileId(db, id)))];
  return db.all<ErasureRecord>(sql`
    SELECT id AS certificateId, erased_at AS erasedAt, hash FROM erasure
    WHERE profile_id IN (SELECT value FROM json_each(${JSON.stringify(current)})) ORDER BY id`);
}
