import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from './index';

function vaultAtVersion7(): Database.Database {
  const db = new Database(':memory:');
  migrate(db, 7);
  db.prepare(
    `INSERT INTO source (id, name, name_folded, kind, lawful_basis, mapping, created_at, updated_at) VALUES (1, 'Boutique', 'boutique', 'file', 'contract', '{}', 't', 't')`,
  ).run();
  return db;
}

describe('migration 008', () => {
  it('gives sources their read options, leaving the sources already there without', () => {
    const db = vaultAtVersion7();
    expect(migrate(db, 8)).toEqual([8]);
    expect(db.prepare('SELECT name, mapping, read_options FROM source').get()).toEqual({ name: 'Boutique', mapping: '{}', read_options: null });
  });

  it('accepts only a JSON object as read options', () => {
    const db = vaultAtVersion7();
    migrate(db);
    const set = db.prepare('UPDATE source SET read_options = ?');
    expect(() => set.run('Clients')).toThrow(/CHECK/);
    expect(() => set.run('{"sheet":')).toThrow(/CHECK/);
    expect(() => set.run('["Clients"]')).toThrow(/CHECK/);
    expect(() => set.run(42)).toThrow(/CHECK|cannot store/);
    set.run('{"sheet":"Clients"}');
    expect(db.prepare('SELECT read_options FROM source').pluck().get()).toBe('{"sheet":"Clients"}');
  });
});
