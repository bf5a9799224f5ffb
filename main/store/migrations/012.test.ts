import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from './index';

describe('migration 012', () => {
  it('gives runs the delimiter their file was read with, NULL for the runs already there', () => {
    const db = new Database(':memory:');
    migrate(db, 11);
    db.exec(`
      INSERT INTO source (id, name, name_folded, kind, lawful_basis, created_at, updated_at) VALUES (1, 'Boutique', 'boutique', 'file', 'contract', 't', 't');
      INSERT INTO import_run (id, source_id, started_at, status) VALUES (7, 1, 't', 'completed');
    `);
    expect(migrate(db, 12)).toEqual([12]);
    expect(db.prepare('SELECT id, delimiter FROM import_run').all()).toEqual([{ id: 7, delimiter: null }]);
    db.prepare(`UPDATE import_run SET delimiter = ';' WHERE id = 7`).run();
    expect(db.prepare('SELECT delimiter FROM import_run').pluck().get()).toBe(';');
  });
});
