import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from './index';

describe('migration 014', () => {
  it('adds record flags and the run counts of flagged records and anonymous transactions, keeping the runs there', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, 13);
    db.exec(`
      INSERT INTO source (id, name, name_folded, kind, lawful_basis, created_at, updated_at) VALUES (1, 'Till', 'till', 'file', 'contract', 't', 't');
      INSERT INTO import_run (id, source_id, started_at, status, rows_read, rejected) VALUES (1, 1, 't', 'completed', 10, 2);
      INSERT INTO source_record (id, source_id, external_id, content_hash, raw, first_run, last_run, created_at, updated_at) VALUES (1, 1, 'k', 'h', '{}', 1, 1, 't', 't');
    `);
    expect(migrate(db, 14)).toEqual([14]);
    expect(db.prepare('SELECT rows_read, rejected, flagged, anonymous FROM import_run').get()).toEqual({
      rows_read: 10,
      rejected: 2,
      flagged: 0,
      anonymous: 0,
    });
    const insert = db.prepare(
      `INSERT INTO record_flag (source_record_id, run_id, field, column_name, code, reason, raw) VALUES (1, 1, 'phone', 'tel', 'phone', 'tel: not a valid phone number for CA', '601 234 567')`,
    );
    insert.run();
    expect(() => insert.run()).toThrow(/UNIQUE/);
    db.exec('DELETE FROM source_record WHERE id = 1');
    expect(db.prepare('SELECT count(*) AS n FROM record_flag').get()).toEqual({ n: 0 });
  });
});
