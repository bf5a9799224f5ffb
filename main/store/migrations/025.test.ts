import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from './index';

function vault(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, 24);
  expect(migrate(db, 25)).toEqual([25]);
  db.exec(`
    INSERT INTO app_user (id, name, name_folded, role, created_at) VALUES (1, 'Alice', 'alice', 'administrator', 't');
    INSERT INTO request (id, type, requester_name, received_on, jurisdiction, due_on, created_by, created_at, updated_at)
      VALUES (1, 'access', 'Zoé Martin', '2026-01-31', 'eu', '2026-02-28', 1, 't', 't');
  `);
  return db;
}

const BUILT = `INSERT INTO request_package (request_id, built_by, built_at, range_from, range_to, time_zone, language, encrypted, sha256, manifest_sha256, bytes, files, records, events, consent_events, withheld)
  VALUES (1, 1, 't', '2026-01-01', '2026-01-31', 'America/Toronto', 'fr', 0, '${'a'.repeat(64)}', '${'b'.repeat(64)}', 100, 12, 2, 3, 1, 0)`;

describe('migration 025', () => {
  it('keeps the packages built for a request as a strict table, with their hashes', () => {
    const db = vault();
    expect(db.prepare(`SELECT strict FROM pragma_table_list WHERE name = 'request_package'`).get()).toEqual({ strict: 1 });
    db.exec(BUILT);
    expect(db.prepare('SELECT request_id, encrypted, files FROM request_package').get()).toEqual({ request_id: 1, encrypted: 0, files: 12 });
  });

  it('refuses a reversed range, a short hash, an unknown language or request', () => {
    const db = vault();
    const bad = (sql: string, error: RegExp) => expect(() => db.exec(sql)).toThrow(error);
    bad(BUILT.replace("'2026-01-01', '2026-01-31'", "'2026-02-01', '2026-01-31'"), /CHECK/);
    bad(BUILT.replace(`'${'a'.repeat(64)}'`, "'abc'"), /CHECK/);
    bad(BUILT.replace("'fr'", "'de'"), /CHECK/);
    bad(BUILT.replace('VALUES (1, 1,', 'VALUES (9, 1,'), /FOREIGN KEY/);
  });
});
