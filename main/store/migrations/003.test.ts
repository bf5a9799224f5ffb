import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from './index';

describe('migration 003', () => {
  it('adds a strict connector table to a vault that already has sources and runs, one connector per source', () => {
    const db = new Database(':memory:');
    migrate(db, 2);
    db.prepare(
      `INSERT INTO source (id, name, name_folded, kind, lawful_basis, created_at, updated_at) VALUES (1, 'CRM', 'crm', 'postgres', 'contract', 't', 't')`,
    ).run();
    db.prepare(
      `INSERT INTO source (id, name, name_folded, kind, lawful_basis, created_at, updated_at) VALUES (2, 'Till', 'till', 'file', 'contract', 't', 't')`,
    ).run();
    db.prepare(`INSERT INTO import_run (source_id, started_at, status, cursor_after) VALUES (1, 't', 'completed', '{"value":"x"}')`).run();
    expect(migrate(db, 3)).toEqual([3]);

    const table = db.prepare(`SELECT strict FROM pragma_table_list WHERE name = 'connector'`).get() as { strict: number };
    expect(table.strict).toBe(1);
    expect(db.prepare('SELECT count(*) FROM source').pluck().get()).toBe(2);
    expect(db.prepare('SELECT cursor_after FROM import_run').pluck().get()).toBe('{"value":"x"}');

    const insert = db.prepare(`INSERT INTO connector (source_id, kind, config, schedule_minutes, created_at, updated_at) VALUES (?, ?, ?, ?, 't', 't')`);
    insert.run(1, 'postgres', '{"host":"db"}', 15);
    expect(db.prepare('SELECT enabled, consecutive_failures, next_attempt_at FROM connector').get()).toEqual({
      enabled: 1,
      consecutive_failures: 0,
      next_attempt_at: null,
    });
    expect(() => insert.run(1, 'postgres', '{}', null)).toThrow(/UNIQUE/);
    expect(() => insert.run(2, 'ftp', '{}', null)).toThrow(/CHECK/);
    expect(() => insert.run(2, 'rest', 'not json', null)).toThrow(/CHECK/);
    expect(() => insert.run(2, 'rest', '{}', 0)).toThrow(/CHECK/);
    // STRICT still converts a text that is an integer, as every other table here.
    expect(() => insert.run(2, 'rest', '{}', '15')).not.toThrow();
    expect(() => insert.run(99, 'rest', '{}', null)).toThrow(/FOREIGN KEY/);
  });
});
