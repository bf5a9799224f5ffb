import type Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN, createVault, ok, openBackend } from '../test-support/temp-vault';
import { bulkIndexesPresent } from './bulk-indexes';
import { enterBulkMode, leaveBulkMode } from './bulk-mode';

function journalOf(db: Database.Database): string {
  return db.pragma('journal_mode', { simple: true }) as string;
}

describe('bulk mode', () => {
  it('writes with a rollback journal and no random-order indexes, then goes back to the log with every index', async () => {
    const { backend, dir } = await createVault();
    const db = backend.vaults.current().db.raw;
    expect(journalOf(db)).toBe('wal');

    expect(enterBulkMode(db)).toBe('rollback');
    expect(journalOf(db)).toBe('truncate');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL while the journal is in use
    expect(bulkIndexesPresent(db)).toBe(false);
    db.transaction(() => db.prepare(`INSERT INTO profile (display_name, sort_key, created_at, updated_at) VALUES ('A', 'a', 'now', 'now')`).run())();

    leaveBulkMode(db);
    expect(journalOf(db)).toBe('wal');
    expect(fs.existsSync(path.join(dir, 'vault.db-journal'))).toBe(false);
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    expect(bulkIndexesPresent(db)).toBe(true);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    // The log file is back beside the vault once something is written.
    db.transaction(() => db.prepare(`INSERT INTO profile (display_name, sort_key, created_at, updated_at) VALUES ('B', 'b', 'now', 'now')`).run())();
    expect((db.prepare('SELECT count(*) AS n FROM profile').get() as { n: number }).n).toBe(2);
    expect(fs.existsSync(path.join(dir, 'vault.db-wal'))).toBe(true);
  });

  it('keeps the log, without waiting, when another connection has the vault open', async () => {
    const { backend, dir } = await createVault();
    const db = backend.vaults.current().db.raw;
    // Another window or a cron sync on the same vault.
    const other = openBackend(dir);
    await ok(other, 'vault.unlock', { userName: ADMIN.name, passphrase: ADMIN.passphrase });
    try {
      const started = Date.now();
      expect(enterBulkMode(db)).toBe('wal');
      expect(Date.now() - started).toBeLessThan(1_000); // busy_timeout is 5 s: it did not wait for it
      expect(journalOf(db)).toBe('wal');
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(bulkIndexesPresent(db)).toBe(false);
    } finally {
      await other.close();
    }
    leaveBulkMode(db);
    expect(journalOf(db)).toBe('wal');
    expect(bulkIndexesPresent(db)).toBe(true);
  });

  it('goes on, in WAL mode, when another process opens the vault in the middle of a bulk import', async () => {
    const { backend, dir } = await createVault();
    const db = backend.vaults.current().db.raw;
    expect(enterBulkMode(db)).toBe('rollback');
    const insert = db.prepare(`INSERT INTO profile (display_name, sort_key, created_at, updated_at) VALUES (?, ?, 'now', 'now')`);
    db.transaction(() => insert.run('Before', 'before'))();
    // A cron sync starting up: its connection settings put the vault back in WAL mode between two batches.
    const other = openBackend(dir);
    await ok(other, 'vault.unlock', { userName: ADMIN.name, passphrase: ADMIN.passphrase });
    db.transaction(() => insert.run('After', 'after'))();
    expect(journalOf(db)).toBe('wal');
    const seen = other.vaults.current().db.raw.prepare('SELECT display_name AS name FROM profile ORDER BY id').all();
    expect(seen).toEqual([{ name: 'Before' }, { name: 'After' }]);
    await other.close();
    leaveBulkMode(db);
    expect(journalOf(db)).toBe('wal');
    expect(bulkIndexesPresent(db)).toBe(true);
  });
});
