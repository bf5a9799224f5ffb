import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from './index';

describe('migration 004', () => {
  it('gives runs an owner and a heartbeat, keeping the runs already there', () => {
    const db = new Database(':memory:');
    migrate(db, 3);
    db.prepare(
      `INSERT INTO source (id, name, name_folded, kind, lawful_basis, created_at, updated_at) VALUES (1, 'CRM', 'crm', 'file', 'contract', 't', 't')`,
    ).run();
    db.prepare(`INSERT INTO import_run (source_id, started_at, status, rows_read) VALUES (1, '2026-11-01T10:00:00.000Z', 'running', 42)`).run();
    expect(migrate(db, 4)).toEqual([4]);
    expect(db.prepare('SELECT status, rows_read, owner, heartbeat_at FROM import_run').get()).toEqual({
      status: 'running',
      rows_read: 42,
      owner: null,
      heartbeat_at: null,
    });
    // STRICT: a number is not an owner.
    expect(() => db.prepare(`UPDATE import_run SET owner = x'00'`).run()).toThrow(/cannot store BLOB/);
  });
});
