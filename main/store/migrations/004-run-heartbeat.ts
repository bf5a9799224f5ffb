import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * Who is running an import, and when it last showed signs of life: a run whose process is gone (or has
 * been silent for minutes) was cut short and is marked interrupted, while a run that is really going
 * on in another window or a cron job keeps a second import of the same source from starting beside it.
 * `owner` is `host:pid`; `heartbeat_at` moves with every batch.
 */
export function migration004(db: Database.Database): void {
  db.exec(`
    ALTER TABLE import_run ADD COLUMN owner TEXT;
    ALTER TABLE import_run ADD COLUMN heartbeat_at TEXT;
  `);
}
