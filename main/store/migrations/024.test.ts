import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from './index';

function vault(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, 23);
  expect(migrate(db, 24)).toEqual([24]);
  db.exec(`
    INSERT INTO app_user (id, name, name_folded, role, created_at) VALUES (1, 'Alice', 'alice', 'administrator', 't');
    INSERT INTO source (id, name, name_folded, kind, lawful_basis, created_at, updated_at) VALUES (1, 'Shop', 'shop', 'file', 'contract', 't', 't');
    INSERT INTO import_run (id, source_id, started_at, status) VALUES (1, 1, 't', 'completed');
    INSERT INTO source_record (id, source_id, external_id, content_hash, raw, first_run, last_run, created_at, updated_at) VALUES (1, 1, 'k', 'h', '{}', 1, 1, 't', 't');
    INSERT INTO profile (id, created_at, updated_at) VALUES (1, 't', 't');
  `);
  return db;
}

const OPEN = `INSERT INTO request (id, type, requester_name, received_on, jurisdiction, due_on, created_by, created_at, updated_at)
  VALUES (1, 'access', 'Zoé Martin', '2026-01-31', 'eu', '2026-02-28', 1, 't', 't')`;

describe('migration 024', () => {
  it('creates the request register as strict tables', () => {
    const db = vault();
    const tables = db.prepare(`SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name LIKE 'request%'`).all() as {
      name: string;
      strict: number;
    }[];
    expect(tables.map((table) => table.name).sort()).toEqual(['request', 'request_profile', 'request_record', 'request_verification']);
    expect(tables.every((table) => table.strict === 1)).toBe(true);
    db.exec(OPEN);
    expect(db.prepare('SELECT status, extended_due_on, outcome FROM request').get()).toEqual({ status: 'open', extended_due_on: null, outcome: null });
  });

  it('refuses a bad type, jurisdiction or date, an extension without its reason, and a closing without an outcome', () => {
    const db = vault();
    const bad = (sql: string) => expect(() => db.exec(sql)).toThrow(/CHECK/);
    bad(OPEN.replace("'access'", "'gossip'"));
    bad(OPEN.replace("'eu'", "'mars'"));
    bad(OPEN.replace("'2026-01-31'", "'31/01/2026'"));
    // Due before it was received.
    bad(OPEN.replace("'2026-02-28'", "'2026-01-01'"));
    db.exec(OPEN);
    bad(`UPDATE request SET extended_due_on = '2026-04-28' WHERE id = 1`);
    bad(`UPDATE request SET extended_due_on = '2026-02-01', extension_reason = 'complex', extended_at = 't' WHERE id = 1`);
    db.exec(`UPDATE request SET extended_due_on = '2026-04-28', extension_reason = 'complex', extended_at = 't', extended_by = 1 WHERE id = 1`);
    bad(`UPDATE request SET status = 'closed' WHERE id = 1`);
    bad(`UPDATE request SET status = 'closed', closed_at = 't', outcome = 'done' WHERE id = 1`);
    db.exec(`UPDATE request SET status = 'closed', closed_at = 't', closed_by = 1, outcome = 'fulfilled' WHERE id = 1`);
    bad(`INSERT INTO request_verification (request_id, method, identifiers, verified_by, verified_at) VALUES (1, 'phone', 'email', 1, 't')`);
  });

  it('lists by the date that binds through an index, and lets an undone import take its records along', () => {
    const db = vault();
    db.exec(OPEN);
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT id FROM request WHERE status = 'open' ORDER BY coalesce(extended_due_on, due_on), id`)
      .all()
      .map((row) => (row as { detail: string }).detail)
      .join('\n');
    expect(plan).toMatch(/USING (COVERING )?INDEX request_due/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
    db.exec(`
      INSERT INTO request_profile (request_id, profile_id, matched_by, matched_at) VALUES (1, 1, 1, 't');
      INSERT INTO request_record (request_id, source_record_id, profile_id) VALUES (1, 1, 1);
      DELETE FROM profile_member; DELETE FROM source_record; DELETE FROM profile;
    `);
    expect(db.prepare('SELECT count(*) FROM request_profile').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM request_record').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM request').pluck().get()).toBe(1);
  });
});
