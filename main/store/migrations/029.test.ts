import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from './index';

function vault(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, 28);
  db.exec(`
    INSERT INTO app_user (id, name, name_folded, role, created_at) VALUES (1, 'Alice', 'alice', 'administrator', 't');
    INSERT INTO profile (id, status, created_at, updated_at) VALUES (1, 'active', 't', 't');
    INSERT INTO source (id, name, name_folded, kind, lawful_basis, created_at, updated_at) VALUES (1, 'Billing', 'billing', 'file', 'legal_obligation', 't', 't');
    INSERT INTO legal_hold (kind, profile_id, reason, created_by, created_at) VALUES ('litigation', 1, 'Case 12', 1, 't');
    INSERT INTO legal_hold (kind, source_id, reason, until, created_by, created_at) VALUES ('legal_obligation', 1, 'Tax law', '2032-12-31', 1, 't');
  `);
  expect(migrate(db, 29)).toEqual([29]);
  return db;
}

describe('migration 029', () => {
  it('keeps the holds it reshapes and accepts audit and legal-obligation holds on a profile', () => {
    const db = vault();
    expect(db.prepare('SELECT id, kind, profile_id, source_id, until FROM legal_hold ORDER BY id').all()).toEqual([
      { id: 1, kind: 'litigation', profile_id: 1, source_id: null, until: null },
      { id: 2, kind: 'legal_obligation', profile_id: null, source_id: 1, until: '2032-12-31' },
    ]);
    db.exec(`INSERT INTO legal_hold (kind, profile_id, reason, until, created_by, created_at) VALUES ('audit', 1, 'Audit 2026', '2027-06-30', 1, 't')`);
    db.exec(`INSERT INTO legal_hold (kind, profile_id, reason, created_by, created_at) VALUES ('legal_obligation', 1, 'Court order', 1, 't')`);
    const bad = (statement: string) => expect(() => db.exec(statement)).toThrow(/CHECK/);
    bad(`INSERT INTO legal_hold (kind, source_id, reason, created_by, created_at) VALUES ('audit', 1, 'x', 1, 't')`);
    bad(`INSERT INTO legal_hold (kind, profile_id, source_id, reason, created_by, created_at) VALUES ('legal_obligation', 1, 1, 'x', 1, 't')`);
    bad(`INSERT INTO legal_hold (kind, reason, created_by, created_at) VALUES ('litigation', 'x', 1, 't')`);
    expect(db.prepare(`SELECT strict FROM pragma_table_list WHERE name = 'legal_hold'`).get()).toEqual({ strict: 1 });
  });

  it('refuses a legal obligation rule without its reference and an unknown anchor, and seeds the anchor types', () => {
    const db = vault();
    const rule = (columns: string) =>
      db.exec(
        `INSERT INTO retention_rule (purpose_id, keep_count, keep_unit, anchor, action, legal_ref, obligation, created_by, created_at) VALUES (${columns}, 1, 't')`,
      );
    rule(`1, 3, 'year', 'last_activity', 'anonymize', NULL, 0`);
    rule(`2, 7, 'year', 'last_purchase', 'review', 'Tax Administration Act s. 35', 1`);
    expect(() => rule(`2, 7, 'year', 'last_purchase', 'review', NULL, 1`)).toThrow(/CHECK/);
    expect(() => rule(`2, 7, 'year', 'birthday', 'review', NULL, 0`)).toThrow(/CHECK/);
    expect(() => rule(`2, 0, 'year', 'last_purchase', 'review', NULL, 0`)).toThrow(/CHECK/);
    const anchors = db.prepare('SELECT anchor, count(*) AS n FROM retention_anchor_type GROUP BY anchor ORDER BY anchor').all() as {
      anchor: string;
      n: number;
    }[];
    expect(anchors.map((row) => row.anchor)).toEqual(['account_closed', 'contract_end', 'last_contact', 'last_purchase']);
    expect(db.prepare(`SELECT 1 FROM retention_anchor_type WHERE anchor = 'last_purchase' AND event_type = 'commande'`).get()).toBeDefined();
  });
});
