import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * The fingerprint of the source row behind each record (the row as sent, the mapping, and the version
 * of the normalization rules): a re-import recognizes a row it has already written without normalizing
 * it again (see ingest/known-rows.ts). NULL for records written before this column existed; they take
 * the full path until they change.
 */
export function migration005(db: Database.Database): void {
  db.exec(`ALTER TABLE source_record ADD COLUMN row_hash TEXT;`);
}
