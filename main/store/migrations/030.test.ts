import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from './index';

describe('migration 030', () => {
  it('adds a nullable language to records, kept null on existing ones, two lower-case letters when set', () => {
    const db = new Database(':memory:');
    migrate(db, 29);
    db.exec(`
      INSERT INTO source (id, name, name_folded, kind, lawful_basis, created_at, updated_at) VALUES (1, 'List', 'list', 'file', 'consent', 't', 't');
      INSERT INTO import_run (id, source_id, started_at, status) VALUES (1, 1, '2026-01-02T00:00:00.000Z', 'completed');
      INSERT INTO source_record (id, source_id, external_id, content_hash, raw, first_run, last_run, created_at, updated_at) VALUES (1, 1, 'k', 'h', '{}', 1, 1, 't', 't');
    `);
    expect(migrate(db, 30)).toEqual([30]);
    expect(db.prepare('SELECT language, content_hash AS hash FROM source_record WHERE id = 1').get()).toEqual({ language: null, hash: 'h' });
    db.exec(`UPDATE source_record SET language = 'fr' WHERE id = 1`);
    expect(db.prepare('SELECT language FROM source_record WHERE id = 1').pluck().get()).toBe('fr');
    expect(() => db.exec(`UPDATE source_record SET language = 'FR'`)).toThrow(/CHECK/);
    expect(() => db.exec(`UPDATE source_record SET language = 'français'`)).toThrow(/CHECK/);
    db.exec(`UPDATE source_record SET language = NULL`);
    expect(db.prepare('SELECT language FROM source_record WHERE id = 1').pluck().get()).toBeNull();
  });
});
