import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors';
import { LATEST_VERSION, migrate, schemaVersion } from './index';

function fresh(): Database.Database {
  return new Database(':memory:');
}

describe('migrations', () => {
  it('bring an empty database to the latest version, one step at a time', () => {
    const db = fresh();
    expect(migrate(db)).toEqual(Array.from({ length: LATEST_VERSION }, (_, index) => index + 1));
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(migrate(db)).toEqual([]);
  });

  it('001 creates strict tables and an append-only audit log', () => {
    const db = fresh();
    migrate(db, 1);
    const tables = db.prepare(`SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%'`).all() as Array<{
      name: string;
      strict: number;
    }>;
    expect(tables.map((table) => table.name).sort()).toEqual(['app_user', 'audit_checkpoint', 'audit_log', 'setting', 'vault_meta']);
    expect(tables.every((table) => table.strict === 1)).toBe(true);
    db.prepare(
      `INSERT INTO audit_log (seq, entry, prev_hash, hash) VALUES (1, '{"action":"vault.created","actor":null,"at":"t","details":{"n":1},"objectId":null,"objectType":null,"seq":1}', 'p', 'h')`,
    ).run();
    // The filterable columns are generated from the hashed entry, so they cannot say anything else.
    expect(db.prepare('SELECT action, actor_id, details FROM audit_log').get()).toEqual({ action: 'vault.created', actor_id: null, details: '{"n":1}' });
    expect(() => db.prepare(`UPDATE audit_log SET entry = '{}'`).run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() => db.prepare(`INSERT INTO app_user (name, name_folded, role, created_at) VALUES ('a', 'a', 'superuser', 't')`).run()).toThrow(
      /CHECK constraint/,
    );
  });

  it('refuse a database written by a newer version, without touching it', () => {
    const db = fresh();
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    expect(() => migrate(db)).toThrow(AppError);
    try {
      migrate(db);
    } catch (error) {
      expect((error as AppError).code).toBe('VAULT_TOO_NEW');
    }
    expect(db.prepare(`SELECT count(*) AS n FROM sqlite_master`).get()).toEqual({ n: 0 });
  });

  it('002 adds the ingest tables to a vault that already has users and an audit trail', () => {
    const db = fresh();
    migrate(db, 1);
    db.prepare(`INSERT INTO app_user (id, name, name_folded, role, created_at) VALUES (1, 'Alice', 'alice', 'administrator', 't')`).run();
    db.prepare(
      `INSERT INTO audit_log (seq, entry, prev_hash, hash) VALUES (1, '{"action":"vault.created","actor":1,"at":"t","details":{},"objectId":null,"objectType":null,"seq":1}', 'p', 'h')`,
    ).run();
    expect(migrate(db)).toContain(2);
    expect(db.prepare('SELECT name FROM app_user').pluck().all()).toEqual(['Alice']);
    expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(1);
    db.prepare(
      `INSERT INTO source (name, name_folded, kind, lawful_basis, created_at, updated_at) VALUES ('Till', 'till', 'file', 'contract', 't', 't')`,
    ).run();
    expect(() =>
      db.prepare(`INSERT INTO source (name, name_folded, kind, lawful_basis, created_at, updated_at) VALUES ('X', 'x', 'file', 'because', 't', 't')`).run(),
    ).toThrow(/CHECK/);
    // The search index: since migration 028, in shards by profile id (7 → shard 7).
    db.prepare(`INSERT INTO profile_search_7 (rowid, terms) VALUES (7, 'helene tremblay lodz')`).run();
    expect(db.prepare(`SELECT rowid FROM profile_search_7 WHERE profile_search_7 MATCH '"lodz"*'`).pluck().all()).toEqual([7]);
    db.prepare('DELETE FROM profile_search_7 WHERE rowid = 7').run();
    expect(db.prepare(`SELECT count(*) FROM profile_search_7 WHERE profile_search_7 MATCH 'helene'`).pluck().get()).toBe(0);
  });
});
