import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * Incremental identity linking (main/identity/store/incremental.ts): after each import or sync, only the new
 * and changed records are compared, with records found through their blocking keys instead of a full run.
 *
 * - `identity_key`: each record's blocking-key values as 52-bit hashes (model/key-hash.ts), so candidates for
 *   a new record are an index lookup, not a scan of every record. Hashes of keys such as "family name sound +
 *   birth year", not the values. No foreign key: a key of a record since removed, or of a record's old values,
 *   only proposes a candidate that is then read (and found gone or different) before anything is scored;
 *   a full resolution rewrites the table when the blocking settings change. Erasure removes a record's keys
 *   by recomputing them.
 * - `identity_watermark`: how far the key table and the links reach: records with a larger id, or changed
 *   since `linked_at`, are pending. `blocking` names the keys the table was built with.
 */
export function migration017(db: Database.Database): void {
  db.exec(`
    CREATE TABLE identity_key (
      key INTEGER NOT NULL,
      source_record_id INTEGER NOT NULL,
      PRIMARY KEY (key, source_record_id)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE identity_watermark (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      linked_through INTEGER NOT NULL,
      linked_at TEXT NOT NULL,
      blocking TEXT NOT NULL
    ) STRICT;
  `);
}
