import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from './index';

function vault(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, 26);
  expect(migrate(db, 27)).toEqual([27]);
  db.exec(`
    INSERT INTO app_user (id, name, name_folded, role, created_at) VALUES (1, 'Alice', 'alice', 'administrator', 't');
    INSERT INTO partner (id, name, name_folded, role, country, created_by, created_at, updated_at) VALUES (1, 'Envoi', 'envoi', 'processor', 'CA', 1, 't', 't');
  `);
  return db;
}

const AGREEMENT = (columns: string, values: string) =>
  `INSERT INTO agreement (partner_id, title, basis, fields, valid_from, valid_to, delivery, created_at, updated_at${columns})
   VALUES (1, 'Infolettre', 'consent', '["email"]', '2026-01-01', '2026-12-31', 'folder', 't', 't'${values})`;

describe('migration 027', () => {
  it('keeps partners, agreements, schedules, the register and disclosures in strict tables', () => {
    const db = vault();
    for (const table of ['partner', 'agreement', 'agreement_purpose', 'agreement_event', 'extract_schedule', 'extract', 'disclosure', 'recipient_notice']) {
      expect(db.prepare(`SELECT strict FROM pragma_table_list WHERE name = ?`).get(table)).toEqual({ strict: 1 });
    }
    db.exec(AGREEMENT('', ''));
    db.exec(`INSERT INTO extract (agreement_id, partner_id, at, purposes, fields, format, people, excluded, file_name, sha256, bytes, delivered_to)
      VALUES (1, 1, 't', '["newsletter"]', '["email"]', 'csv', 2, 1, 'x.csv', '${'a'.repeat(64)}', 10, 'file')`);
    db.exec(`INSERT INTO profile (id, created_at, updated_at) VALUES (5, 't', 't'); INSERT INTO disclosure (profile_id, extract_id) VALUES (5, 1)`);
    expect(() => db.exec(`INSERT INTO disclosure (profile_id, extract_id) VALUES (5, 1)`)).toThrow(/UNIQUE|PRIMARY/);
  });

  it('refuses a lease that ends before it starts, no fields, SFTP without its target, a bad country', () => {
    const db = vault();
    const bad = (statement: string, error: RegExp) => expect(() => db.exec(statement)).toThrow(error);
    bad(AGREEMENT('', '').replace("'2026-12-31'", "'2025-12-31'"), /CHECK/);
    bad(AGREEMENT('', '').replace(`'["email"]'`, `'[]'`), /CHECK/);
    bad(AGREEMENT('', '').replace(`'folder'`, `'sftp'`), /CHECK/);
    bad(`INSERT INTO partner (name, name_folded, role, country, created_at, updated_at) VALUES ('X', 'x', 'processor', 'ca', 't', 't')`, /CHECK/);
    bad(`INSERT INTO partner (name, name_folded, role, country, created_at, updated_at) VALUES ('Envoi', 'envoi', 'processor', 'CA', 't', 't')`, /UNIQUE/);
    bad(`INSERT INTO extract_schedule (agreement_id, every, at_time, next_due, created_at) VALUES (1, 'weekly', '08:00', 't', 't')`, /CHECK|FOREIGN/);
  });
});
