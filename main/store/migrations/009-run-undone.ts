import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * When a steward removed what a run added (ingest/undo-run.ts). The run itself stays in the history, with
 * its counts as they were, so the trail of what came in and what was taken back reads in one place. NULL
 * for every run until then.
 */
export function migration009(db: Database.Database): void {
  db.exec(`ALTER TABLE import_run ADD COLUMN undone_at TEXT;`);
}
