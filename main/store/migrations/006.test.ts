import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from './index';

describe('migration 006', () => {
  it('lets rejected rows carry reason codes as JSON, leaving the rows already there without', () => {
    const db = new Database(':memory:');
    migrate(db, 5);
    db.prepare(
      `INSERT INTO source (id, name, name_folded, kind, lawful_basis, created_at, updated_at) VALUES (1, 'CRM', 'crm', 'file', 'contract', 't', 't')`,
    ).run();
    db.prepare(`INSERT INTO import_run (id, source_id, started_at, status) VALUES (1, 1, 't', 'completed')`).run();
    db.prepare(`INSERT INTO import_reject (run_id, line, reasons, raw) VALUES (1, 4, '["x"]', '{}')`).run();
    expect(migrate(db, 6)).toEqual([6]);
    expect(db.prepare('SELECT line, details FROM import_reject').get()).toEqual({ line: 4, details: null });
    expect(() => db.prepare(`UPDATE import_reject SET details = 'not json'`).run()).toThrow(/CHECK/);
    db.prepare(`UPDATE import_reject SET details = '[{"code":"email","params":{"column":"courriel"}}]'`).run();
  });
});
