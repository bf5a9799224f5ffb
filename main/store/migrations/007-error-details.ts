import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * The code and parameters of what went wrong, beside the English text of a run's error and of a
 * connector's last error, so the interface can say them in the steward's language as it does live errors
 * (see ingest/stored-error.ts). The English text stays: the command line and `--json` users read it.
 * NULL for errors stored before, and for errors that carry no code: those are shown as written.
 */
export function migration007(db: Database.Database): void {
  db.exec(`
    ALTER TABLE import_run ADD COLUMN error_detail TEXT CHECK (error_detail IS NULL OR json_valid(error_detail));
    ALTER TABLE connector ADD COLUMN last_error_detail TEXT CHECK (last_error_detail IS NULL OR json_valid(last_error_detail));
  `);
}
