import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * A code and parameters beside each rejected row's English reasons, so the interface can say them in the
 * steward's language (see ingest/reasons.ts). NULL for rows rejected before, and for reasons without a
 * code: those are shown as written.
 */
export function migration006(db: Database.Database): void {
  db.exec(`ALTER TABLE import_reject ADD COLUMN details TEXT CHECK (details IS NULL OR json_valid(details));`);
}
