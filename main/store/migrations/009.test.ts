import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from './index';

describe('migration 009', () => {
  it('lets runs be marked undone, leaving the runs already there as they were', () => {
    const db = new Database(':memory:');
    migrate(db, 8);
    db.prepare(
      `INSERT INTO source (id, name, name_folded, kind, lawful_basis, created_at, updated_at) VALUES (1, 'Boutique', 'boutique', 'file', 'contract', 't', 't')`,
    ).run();
    db.prepare(`INSERT INTO import_run (id, source_id, started_at, status, inserted) VALUES (7, 1, 't', 'completed', 3)`).run();
    expect(migrate(db, 9)).toEqual([9]);
    expect(db.prepare('SELECT id, status, inserted, undone_at FROM import_run').get()).toEqual({ id: 7, status: 'completed', inserted: 3, undone_at: null });
    db.prepare(`UPDATE import_run SET undone_at = '2026-12-01T10:00:00.000Z' WHERE id = 7`).run();
    // STRICT: a mark that is not text is refused.
    expect(() => db.prepare('UPDATE import_run SET undone_at = ? WHERE id = 7').run(Buffer.from('x'))).toThrow(/cannot store/);
    expect(db.prepare('SELECT undone_at FROM import_run').pluck().get()).toBe('2026-12-01T10:00:00.000Z');
  });
});
