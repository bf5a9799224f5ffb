import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from './index';

function vault(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, 25);
  expect(migrate(db, 26)).toEqual([26]);
  db.exec(`
    INSERT INTO app_user (id, name, name_folded, role, created_at) VALUES (1, 'Alice', 'alice', 'administrator', 't');
    INSERT INTO profile (id, status, created_at, updated_at) VALUES (1, 'erased', 't', 't');
    INSERT INTO source (id, name, name_folded, kind, lawful_basis, created_at, updated_at) VALUES (1, 'Billing', 'billing', 'file', 'legal_obligation', 't', 't');
  `);
  return db;
}

const ERASURE = `INSERT INTO erasure (id, profile_id, reason, erased_at, erased_by, k, removed, generalized, kept, suppression_entries, hash)
  VALUES (1, 1, 'steward', 't', 1, 5, '{"records":2}', '{"events":3}', '{}', 3, '${'a'.repeat(64)}')`;

describe('migration 026', () => {
  it('keeps certificates, suppression digests, holds and statistics in strict tables', () => {
    const db = vault();
    for (const table of ['legal_hold', 'erasure', 'suppression', 'erasure_statistic']) {
      expect(db.prepare(`SELECT strict FROM pragma_table_list WHERE name = ?`).get(table)).toEqual({ strict: 1 });
    }
    db.exec(ERASURE);
    db.exec(`INSERT INTO suppression (erasure_id, kind, digest) VALUES (1, 'record', '${'b'.repeat(64)}')`);
    expect(() => db.exec(`INSERT INTO suppression (erasure_id, kind, digest) VALUES (1, 'record', '${'b'.repeat(64)}')`)).toThrow(/UNIQUE/);
    expect(
      db.prepare('SELECT suppressed FROM pragma_table_info(?) JOIN (SELECT 0 AS suppressed) WHERE name = ?').get('import_run', 'suppressed'),
    ).toBeDefined();
  });

  it('refuses a hold of the wrong shape, a certificate without its hash, a profile erased twice', () => {
    const db = vault();
    const bad = (statement: string, error: RegExp) => expect(() => db.exec(statement)).toThrow(error);
    bad(`INSERT INTO legal_hold (kind, source_id, reason, created_by, created_at) VALUES ('litigation', 1, 'x', 1, 't')`, /CHECK/);
    bad(`INSERT INTO legal_hold (kind, profile_id, reason, created_by, created_at) VALUES ('legal_obligation', 1, 'x', 1, 't')`, /CHECK/);
    db.exec(`INSERT INTO legal_hold (kind, source_id, reason, until, created_by, created_at) VALUES ('legal_obligation', 1, 'Tax law', '2032-12-31', 1, 't')`);
    bad(ERASURE.replace(`'${'a'.repeat(64)}'`, "'abc'"), /CHECK/);
    db.exec(ERASURE);
    bad(ERASURE.replace('VALUES (1, 1,', 'VALUES (2, 1,'), /UNIQUE/);
  });
});
