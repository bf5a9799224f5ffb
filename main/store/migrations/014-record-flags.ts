import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * Values kept raw because they could not be read as their field (ingest/mapping/row-context.ts): the
 * record is stored, and each such value is a flag the data quality view lists and a bulk correction can
 * re-read. A run counts the records it kept with flags and the anonymous transactions it met (events with
 * no key and no personal data), next to its inserted / updated / unchanged / rejected rows.
 *
 * `detail` holds the reason's parameters and, for an event whose date could not be read, the rest of the
 * event (JSON). One flag per record, column, reason and raw value: the same bad cell met again on a
 * re-import or on another till row of the same customer is the same flag.
 */
export function migration014(db: Database.Database): void {
  db.exec(`
    CREATE TABLE record_flag (
      id INTEGER PRIMARY KEY,
      source_record_id INTEGER NOT NULL REFERENCES source_record (id) ON DELETE CASCADE,
      run_id INTEGER NOT NULL REFERENCES import_run (id),
      field TEXT NOT NULL,
      column_name TEXT NOT NULL,
      code TEXT NOT NULL,
      reason TEXT NOT NULL,
      raw TEXT NOT NULL,
      detail TEXT
    ) STRICT;
    CREATE UNIQUE INDEX record_flag_key ON record_flag (source_record_id, column_name, code, raw);
    CREATE INDEX record_flag_run ON record_flag (run_id);
    CREATE INDEX record_flag_field ON record_flag (field, code);

    ALTER TABLE import_run ADD COLUMN flagged INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE import_run ADD COLUMN anonymous INTEGER NOT NULL DEFAULT 0;
  `);
}
