import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from './index';

describe('migration 010', () => {
  it('indexes the foreign keys that had none, keeping the rows already there', () => {
    const db = new Database(':memory:');
    migrate(db, 9);
    db.exec(`
      INSERT INTO source (id, name, name_folded, kind, lawful_basis, created_at, updated_at) VALUES (1, 'Boutique', 'boutique', 'file', 'contract', 't', 't');
      INSERT INTO import_run (id, source_id, started_at, status) VALUES (7, 1, 't', 'completed');
      INSERT INTO profile (id, created_at, updated_at) VALUES (1, 't', 't'), (2, 't', 't');
      UPDATE profile SET merged_into = 1 WHERE id = 2;
    `);
    expect(migrate(db, 10)).toEqual([10]);
    const indexes = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`).pluck().all();
    expect(indexes).toEqual(
      expect.arrayContaining([
        'audit_checkpoint_taken_by',
        'consent_observation_run',
        'event_run',
        'import_run_started_by',
        'profile_merged_into',
        'source_record_first_run',
        'source_record_last_run',
      ]),
    );
    expect(db.prepare('SELECT id, merged_into FROM profile ORDER BY id').all()).toEqual([
      { id: 1, merged_into: null },
      { id: 2, merged_into: 1 },
    ]);
    // What the foreign-key check on deleting a profile asks is answered from the index, not a scan.
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT 1 FROM profile WHERE merged_into = ?').all(1) as Array<{ detail: string }>;
    expect(plan.map((step) => step.detail).join(' ')).toMatch(/USING COVERING INDEX profile_merged_into/);
    const runPlan = db.prepare('EXPLAIN QUERY PLAN SELECT 1 FROM source_record WHERE last_run = ?').all(7) as Array<{ detail: string }>;
    expect(runPlan.map((step) => step.detail).join(' ')).toMatch(/INDEX source_record_last_run/);
  });
});
