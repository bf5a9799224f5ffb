import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from './index';

describe('migration 022', () => {
  it('keeps a hold per record, refuses an unknown reason, and leaves with its record', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, 21);
    expect(migrate(db, 22)).toEqual([22]);
    db.exec(`
      INSERT INTO source (id, name, name_folded, kind, lawful_basis, created_at, updated_at) VALUES (1, 'List', 'list', 'file', 'consent', 't', 't');
      INSERT INTO import_run (id, source_id, started_at, status) VALUES (1, 1, '2026-01-02T00:00:00.000Z', 'completed');
      INSERT INTO source_record (id, source_id, external_id, content_hash, raw, first_run, last_run, created_at, updated_at) VALUES (1, 1, 'k', 'h', '{}', 1, 1, 't', 't');
      INSERT INTO record_hold (source_record_id, reason, purposes, held_at, run_id) VALUES (1, 'noConsent', '["email_marketing"]', 't', 1);
    `);
    expect(() => db.exec(`INSERT INTO record_hold (source_record_id, reason, purposes, held_at, run_id) VALUES (1, 'noConsent', '[]', 't', 1)`)).toThrow(
      /UNIQUE|PRIMARY/,
    );
    expect(() => db.exec(`UPDATE record_hold SET reason = 'whim'`)).toThrow(/CHECK/);
    expect(() => db.exec(`UPDATE record_hold SET purposes = 'not json'`)).toThrow(/CHECK/);
    db.exec('DELETE FROM source_record WHERE id = 1');
    expect(db.prepare('SELECT count(*) AS n FROM record_hold').get()).toEqual({ n: 0 });
  });
});
