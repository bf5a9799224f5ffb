import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * Connectors: a source that Custodia reads by itself (a PostgreSQL or MySQL table, a REST API, a watched
 * folder), with its configuration, its schedule and the state of its retries. One connector per source.
 * The configuration holds credentials: it lives here, inside the encrypted vault, and nowhere else.
 * Where a connector stands (its cursor) is not kept here but in its runs' `cursor_after`, written in the
 * same transaction as each batch, so a crash resumes from the last whole batch.
 * `lease_until` keeps two syncs of one connector from running at once, even from two processes (the app
 * and a cron job): a sync takes the lease, renews it as it goes, and gives it back; a crashed one's lease
 * simply expires.
 */
export function migration003(db: Database.Database): void {
  db.exec(`
    CREATE TABLE connector (
      id INTEGER PRIMARY KEY,
      source_id INTEGER NOT NULL UNIQUE REFERENCES source (id),
      kind TEXT NOT NULL CHECK (kind IN ('postgres', 'mysql', 'rest', 'folder')),
      config TEXT NOT NULL CHECK (json_valid(config)),
      schedule_minutes INTEGER CHECK (schedule_minutes IS NULL OR schedule_minutes BETWEEN 1 AND 525600),
      enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
      consecutive_failures INTEGER NOT NULL DEFAULT 0 CHECK (consecutive_failures >= 0),
      next_attempt_at TEXT,
      last_success_at TEXT,
      last_error TEXT,
      lease_until TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
  `);
}
