import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * The records changed since a time, found without reading every record: identity's incremental link and the
 * home screen's count of records waiting for it ask "new since the watermark, or changed since the last link"
 * after every import (main/identity/store/key-index.ts). Without an index that is a scan of the largest table,
 * raw JSON and all: 1.5 s at a million records, twice per import. An import stamps its records with one time
 * that only grows, so the index grows at its end.
 */
export function migration021(db: Database.Database): void {
  db.exec(`CREATE INDEX source_record_updated ON source_record (updated_at)`);
}
