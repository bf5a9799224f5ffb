import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from './index';

describe('migration 017', () => {
  it('adds the blocking-key index and its watermark, one row per key and record', () => {
    const db = new Database(':memory:');
    migrate(db, 16);
    expect(migrate(db, 17)).toEqual([17]);
    db.exec(`INSERT INTO identity_key (key, source_record_id) VALUES (4503599627370495, 1), (4503599627370495, 2), (7, 1)`);
    // A key is a 52-bit integer and is stored exactly.
    expect(
      db
        .prepare('SELECT source_record_id FROM identity_key WHERE key = ? ORDER BY 1')
        .pluck()
        .all(2 ** 52 - 1),
    ).toEqual([1, 2]);
    expect(() => db.exec(`INSERT INTO identity_key (key, source_record_id) VALUES (7, 1)`)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.exec(`INSERT INTO identity_key (key, source_record_id) VALUES ('x', 1)`)).toThrow(/cannot store TEXT/);
    db.exec(`INSERT INTO identity_watermark (id, linked_through, linked_at, blocking) VALUES (1, 10, 't', 'a|b')`);
    expect(() => db.exec(`INSERT INTO identity_watermark (id, linked_through, linked_at, blocking) VALUES (2, 10, 't', 'a|b')`)).toThrow(/CHECK/);
  });
});
