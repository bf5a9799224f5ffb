import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from './index';

describe('migration 005', () => {
  it('gives source records a row fingerprint, empty for the records already there', () => {
    const db = new Database(':memory:');
    migrate(db, 4);
    db.prepare(
      `INSERT INTO source (id, name, name_folded, kind, lawful_basis, created_at, updated_at) VALUES (1, 'CRM', 'crm', 'file', 'contract', 't', 't')`,
    ).run();
    db.prepare(`INSERT INTO import_run (id, source_id, started_at, status) VALUES (1, 1, 't', 'completed')`).run();
    db.prepare(
      `INSERT INTO source_record (source_id, external_id, content_hash, raw, first_run, last_run, created_at, updated_at) VALUES (1, 'C1', 'h', '{}', 1, 1, 't', 't')`,
    ).run();
    expect(migrate(db, 5)).toEqual([5]);
    expect(db.prepare('SELECT external_id, row_hash FROM source_record').get()).toEqual({ external_id: 'C1', row_hash: null });
    expect(() => db.prepare(`UPDATE source_record SET row_hash = x'00'`).run()).toThrow(/cannot store BLOB/);
  });
});
