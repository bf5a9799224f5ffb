import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from './index';

describe('migration 013', () => {
  it('adds the one-time passphrase mark and the last unlock, leaving the users there as they were', () => {
    const db = new Database(':memory:');
    migrate(db, 12);
    db.prepare(`INSERT INTO app_user (id, name, name_folded, role, created_at) VALUES (1, 'Alice', 'alice', 'administrator', 't')`).run();
    expect(migrate(db, 13)).toEqual([13]);
    expect(db.prepare('SELECT name, role, must_change_passphrase, last_unlock_at FROM app_user').get()).toEqual({
      name: 'Alice',
      role: 'administrator',
      must_change_passphrase: 0,
      last_unlock_at: null,
    });
    expect(() => db.prepare('UPDATE app_user SET must_change_passphrase = 2').run()).toThrow(/CHECK/);
  });
});
