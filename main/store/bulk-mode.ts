/**
 * How the vault takes a bulk import: without the random-order indexes (bulk-indexes.ts) and with a
 * rollback journal instead of the write-ahead log.
 *
 * Why the journal: in WAL mode every page is written twice, once to the log and once more when the log
 * is checkpointed into vault.db, and every page read consults the log's index first. A rollback journal
 * only saves pages that existed before the transaction, and a bulk import mostly appends new ones. It is
 * truncated after each commit rather than deleted (`TRUNCATE`): truncating is the cheaper of the two on
 * most file systems, and on Windows SQLite has to retry deletes that virus scanners block. Going back to
 * WAL removes the file.
 * Measured on 200 k generated CRM rows: the writer took 5.5 s instead of 8.3 s and wrote 305 MB
 * instead of 510 MB. Durability does not change: synchronous = FULL while the journal is in use, so a
 * crash or `kill -9` still leaves the vault as it was after the last committed batch (SQLite rolls the
 * hot journal back at the next open, and the connection settings put the vault back in WAL mode).
 *
 * Leaving WAL mode needs the vault to itself. When another connection has it open (an auditor's
 * verification, a cron sync in another process), the import keeps the log and is only slower.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { dropBulkIndexes, ensureBulkIndexes } from './bulk-indexes';

export type BulkJournal = 'rollback' | 'wal';

/** Switches to a rollback journal if no other connection holds the vault; returns the journal in use. */
function useRollbackJournal(db: Database.Database): BulkJournal {
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  // Another connection's lock means "keep the log", not "wait for it".
  db.pragma('busy_timeout = 0');
  try {
    if (db.pragma('journal_mode = TRUNCATE', { simple: true }) !== 'truncate') return 'wal';
    db.pragma('synchronous = FULL');
    return 'rollback';
  } catch {
    return 'wal';
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
}

/** Back to the write-ahead log and its usual durability (see applyConnectionSettings). */
export function restoreWal(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
}

/** Called between transactions, after the first batch showed that the run is a bulk import. */
export function enterBulkMode(db: Database.Database): BulkJournal {
  dropBulkIndexes(db);
  return useRollbackJournal(db);
}

/**
 * Whatever the outcome of the run. The indexes are built while the rollback journal is still in use:
 * building them writes only new pages.
 */
export function leaveBulkMode(db: Database.Database): void {
  try {
    ensureBulkIndexes(db);
  } finally {
    restoreWal(db);
  }
}
