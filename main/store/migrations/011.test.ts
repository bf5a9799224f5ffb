import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from './index';

describe('migration 011', () => {
  it('indexes customer numbers case-insensitively, keeping the records already there', () => {
    const db = new Database(':memory:');
    migrate(db, 10);
    db.exec(`
      INSERT INTO source (id, name, name_folded, kind, lawful_basis, created_at, updated_at) VALUES (1, 'Boutique', 'boutique', 'file', 'contract', 't', 't');
      INSERT INTO import_run (id, source_id, started_at, status) VALUES (7, 1, 't', 'completed');
      INSERT INTO source_record (source_id, external_id, content_hash, raw, first_run, last_run, created_at, updated_at) VALUES (1, 'wsg_1lgt471', 'h', '{}', 7, 7, 't', 't');
    `);
    expect(migrate(db, 11)).toEqual([11]);
    expect(db.prepare(`SELECT external_id FROM source_record WHERE external_id = ? COLLATE NOCASE`).pluck().all('WSG_1LGT471')).toEqual(['wsg_1lgt471']);
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT id FROM source_record WHERE external_id = ? COLLATE NOCASE').all('x') as Array<{ detail: string }>;
    expect(plan.map((step) => step.detail).join(' ')).toMatch(/INDEX source_record_external_id/);
  });
});
