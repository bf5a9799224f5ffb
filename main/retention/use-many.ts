/**
 * "Has this person's maintain-until date for purpose P passed by day D?" for many people at once (a partner
 * extract's audience): the dates as refreshed now, read in one pass and kept only for the purposes asked
 * about. A vault with no retention rule and no catalog default has no date to pass, and reads nothing.
 */
import { sql, type SqlRunner } from '../store/sql';
import { decodePurposes } from './compute';
import { refreshRetention } from './refresh';

export interface RetentionOfMany {
  /** Whether the purpose's date for the person is before `day` (a purpose with no date never ends). */
  endedBefore(profileId: number, purposeCode: string, day: string): boolean;
}

export function retentionOfMany(db: SqlRunner, now: Date, purposeCodes: readonly string[]): RetentionOfMany {
  const ids = new Map(db.all<{ id: number; code: string }>(sql`SELECT id, code FROM purpose`).map((row) => [row.code, row.id]));
  const wanted = new Set(purposeCodes.map((code) => ids.get(code)).filter((id): id is number => id !== undefined));
  const dated =
    db.get(sql`SELECT 1 AS found FROM retention_rule WHERE retired_at IS NULL UNION ALL SELECT 1 FROM purpose WHERE retention_days IS NOT NULL LIMIT 1`) !==
    undefined;
  const dates = new Map<number, Map<number, string>>();
  if (dated && wanted.size > 0) {
    refreshRetention(db, now);
    const statement = db.statement(`SELECT profile_id, purposes FROM retention_profile WHERE purposes <> ''`);
    statement.raw(true);
    for (const [profileId, purposes] of statement.iterate() as IterableIterator<[number, string]>) {
      for (const date of decodePurposes(purposes)) {
        if (date.until === null || !wanted.has(date.purposeId)) continue;
        let byPurpose = dates.get(profileId);
        if (byPurpose === undefined) dates.set(profileId, (byPurpose = new Map()));
        byPurpose.set(date.purposeId, date.until);
      }
    }
  }
  return {
    endedBefore(profileId, purposeCode, day) {
      const purposeId = ids.get(purposeCode);
      const until = purposeId === undefined ? undefined : dates.get(profileId)?.get(purposeId);
      return until !== undefined && until < day;
    },
  };
}
