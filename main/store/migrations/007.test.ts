import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from './index';

function vaultAtVersion6(): Database.Database {
  const db = new Database(':memory:');
  migrate(db, 6);
  db.prepare(
    `INSERT INTO source (id, name, name_folded, kind, lawful_basis, created_at, updated_at) VALUES (1, 'CRM', 'crm', 'postgres', 'contract', 't', 't')`,
  ).run();
  db.prepare(
    `INSERT INTO import_run (id, source_id, started_at, status, error) VALUES (1, 1, 't', 'failed', 'The connection to PostgreSQL at db:5432 was cut.')`,
  ).run();
  db.prepare(
    `INSERT INTO connector (source_id, kind, config, consecutive_failures, last_error, created_at, updated_at)
     VALUES (1, 'postgres', '{}', 2, 'The connection to PostgreSQL at db:5432 was cut.', 't', 't')`,
  ).run();
  return db;
}

describe('migration 007', () => {
  it('gives runs and connectors an error detail beside their English error, leaving the errors already there without', () => {
    const db = vaultAtVersion6();
    expect(migrate(db, 7)).toEqual([7]);
    expect(db.prepare('SELECT status, error, error_detail FROM import_run').get()).toEqual({
      status: 'failed',
      error: 'The connection to PostgreSQL at db:5432 was cut.',
      error_detail: null,
    });
    expect(db.prepare('SELECT consecutive_failures, last_error, last_error_detail FROM connector').get()).toEqual({
      consecutive_failures: 2,
      last_error: 'The connection to PostgreSQL at db:5432 was cut.',
      last_error_detail: null,
    });
  });

  it('accepts only JSON in the new columns', () => {
    const db = vaultAtVersion6();
    migrate(db);
    expect(() => db.prepare(`UPDATE import_run SET error_detail = 'CONNECTOR_FAILED'`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`UPDATE connector SET last_error_detail = '{"code":'`).run()).toThrow(/CHECK/);
    const detail = '{"code":"CONNECTOR_FAILED","params":{"reason":"cut","server":"PostgreSQL","host":"db","port":5432}}';
    db.prepare('UPDATE import_run SET error_detail = ?').run(detail);
    db.prepare('UPDATE connector SET last_error_detail = ?').run(detail);
    expect(db.prepare('SELECT error_detail FROM import_run').pluck().get()).toBe(detail);
    expect(db.prepare('SELECT last_error_detail FROM connector').pluck().get()).toBe(detail);
  });
});
