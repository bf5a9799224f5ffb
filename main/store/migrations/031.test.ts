import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migration031 } from './031-contact-preferences';
import { migrate, MIGRATIONS } from './index';

/** Its place in the list, not a number written here: 029 and 030 come from other branches. */
const VERSION = MIGRATIONS.indexOf(migration031) + 1;

function vaultBefore(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, VERSION - 1);
  db.exec(`
    INSERT INTO source (id, name, name_folded, kind, lawful_basis, created_at, updated_at) VALUES (1, 'Shop', 'shop', 'file', 'contract', 't', 't');
    INSERT INTO import_run (id, source_id, started_at, status) VALUES (1, 1, 't', 'completed');
    INSERT INTO source_record (id, source_id, external_id, content_hash, raw, first_run, last_run, created_at, updated_at) VALUES (1, 1, 'k', 'h', '{}', 1, 1, 't', 't');
  `);
  return db;
}

describe('migration 031', () => {
  it('adds the contact preference ledger: a channel, a purpose or every purpose, authorised or refused', () => {
    expect(VERSION).toBeGreaterThan(28);
    const db = vaultBefore();
    expect(migrate(db, VERSION)).toEqual([VERSION]);
    db.exec(`
      INSERT INTO contact_preference (source_record_id, channel, purpose_id, kind, at, recorded_at, method, source_id) VALUES (1, 'email', 3, 'authorised', 'a', 'r', 'import', 1);
      INSERT INTO contact_preference (source_record_id, channel, purpose_id, kind, at, recorded_at, method, evidence, source_id) VALUES (1, 'post', NULL, 'refused', 'a', 'r', 'paper', 'letter 12', 1);
    `);
    expect(db.prepare('SELECT channel, purpose_id AS purpose, kind FROM contact_preference ORDER BY id').all()).toEqual([
      { channel: 'email', purpose: 3, kind: 'authorised' },
      { channel: 'post', purpose: null, kind: 'refused' },
    ]);
  });

  it('keeps the ledger append-only, each entry tied to a source or a steward, and lets entries go only with their record', () => {
    const db = vaultBefore();
    migrate(db, VERSION);
    const insert = (values: string) =>
      db.exec(`INSERT INTO contact_preference (source_record_id, channel, purpose_id, kind, at, recorded_at, method, source_id) VALUES ${values}`);
    insert(`(1, 'sms', NULL, 'refused', 'a', 'r', 'phone', 1)`);
    expect(() => db.exec(`UPDATE contact_preference SET kind = 'authorised'`)).toThrow(/append-only/);
    expect(() => insert(`(1, 'fax', NULL, 'refused', 'a', 'r', 'phone', 1)`)).toThrow(/CHECK/);
    expect(() => insert(`(1, 'sms', NULL, 'maybe', 'a', 'r', 'phone', 1)`)).toThrow(/CHECK/);
    expect(() => insert(`(1, 'sms', 999, 'refused', 'a', 'r', 'phone', 1)`)).toThrow(/FOREIGN KEY/);
    expect(() =>
      db.exec(`INSERT INTO contact_preference (source_record_id, channel, kind, at, recorded_at, method) VALUES (1, 'sms', 'refused', 'a', 'r', 'phone')`),
    ).toThrow(/CHECK/);
    db.exec('DELETE FROM source_record WHERE id = 1');
    expect(db.prepare('SELECT count(*) FROM contact_preference').pluck().get()).toBe(0);
  });
});
