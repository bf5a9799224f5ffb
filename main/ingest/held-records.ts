/**
 * Ingest's side of the consent intake gate (main/consent/gate.ts): a held record has no profile, so
 * admitting it gives it one (with its search row) and marks it changed for identity's next link; deleting
 * it removes what hangs from it. Consent decides and keeps the holds; the backend plugs these in
 * (main/backend/backend.ts), since consent cannot import ingest.
 */
import { removeRecordsLedger } from '../consent/index';
import { sql, type SqlRunner } from '../store/sql';
import { refreshProfile } from './profile-refresh';

/** Gives a stored record without a profile one of its own; returns the profile id. */
export function admitRecord(db: SqlRunner, recordId: number, stamp: string): number {
  const existing = db.get<{ id: number }>(sql`SELECT profile_id AS id FROM profile_member WHERE source_record_id = ${recordId}`);
  if (existing !== undefined) return existing.id;
  const profileId = Number(
    db.run(sql`INSERT INTO profile (display_name, sort_key, created_at, updated_at) VALUES ('', '', ${stamp}, ${stamp})`).lastInsertRowid,
  );
  db.run(sql`INSERT INTO profile_member (source_record_id, profile_id, how, added_at) VALUES (${recordId}, ${profileId}, 'import', ${stamp})`);
  // Changed now: identity's next link reads it, whatever the watermark (key-index.ts).
  db.run(sql`UPDATE source_record SET updated_at = ${stamp} WHERE id = ${recordId}`);
  refreshProfile(db, profileId, stamp);
  return profileId;
}

/** Removes records that have no profile (held ones) and everything that hangs from them. */
export function removeUnadmittedRecords(db: SqlRunner, recordIds: readonly number[]): number {
  if (recordIds.length === 0) return 0;
  const ids = sql`(SELECT value FROM json_each(${JSON.stringify(recordIds)}) WHERE NOT EXISTS (SELECT 1 FROM profile_member m WHERE m.source_record_id = value))`;
  db.run(sql`DELETE FROM identifier WHERE source_record_id IN ${ids}`);
  db.run(sql`DELETE FROM event WHERE source_record_id IN ${ids}`);
  db.run(sql`DELETE FROM record_flag WHERE source_record_id IN ${ids}`);
  removeRecordsLedger(db, ids);
  return db.run(sql`DELETE FROM source_record WHERE id IN ${ids}`).changes;
}
