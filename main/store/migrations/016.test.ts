import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from './index';

describe('migration 016', () => {
  it('adds identity runs, the review queue, decisions and undoable merges, keeping records and profiles', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, 15);
    db.exec(`
      INSERT INTO source (id, name, name_folded, kind, lawful_basis, created_at, updated_at) VALUES (1, 'CRM', 'crm', 'file', 'contract', 't', 't');
      INSERT INTO import_run (id, source_id, started_at, status) VALUES (1, 1, 't', 'completed');
      INSERT INTO source_record (id, source_id, external_id, content_hash, raw, first_run, last_run, created_at, updated_at) VALUES (1, 1, 'a', 'h', '{}', 1, 1, 't', 't'), (2, 1, 'b', 'h', '{}', 1, 1, 't', 't');
      INSERT INTO profile (id, created_at, updated_at) VALUES (1, 't', 't'), (2, 't', 't');
    `);
    expect(migrate(db, 16)).toEqual([16]);
    expect(db.prepare('SELECT id, national_id FROM source_record ORDER BY id').all()).toEqual([
      { id: 1, national_id: null },
      { id: 2, national_id: null },
    ]);
    db.exec(`
      INSERT INTO identity_run (id, kind, started_at, finished_at, records, candidate_pairs, profiles_before, profiles_after, moved, review_pairs, model, timings) VALUES (1, 'full', 't', 't', 2, 1, 2, 2, 0, 1, '{}', '{}');
      INSERT INTO identity_pair (record_a, record_b, log_odds, run_id) VALUES (1, 2, -1.5, 1);
      INSERT INTO identity_decision (record_a, record_b, same, origin, decided_at) VALUES (1, 2, 0, 'review', 't');
      INSERT INTO profile_merge (id, survivor_id, absorbed_id, how, merged_at) VALUES (1, 1, 2, 'steward', 't');
      INSERT INTO profile_merge_member (merge_id, source_record_id) VALUES (1, 2);
    `);
    // A pair is stored once, smaller record first.
    expect(() => db.exec(`INSERT INTO identity_pair (record_a, record_b, log_odds, run_id) VALUES (2, 1, 0, 1)`)).toThrow(/CHECK/);
    expect(() => db.exec(`INSERT INTO identity_decision (record_a, record_b, same, origin, decided_at) VALUES (1, 2, 1, 'review', 't')`)).toThrow(/UNIQUE/);
    // A record that goes (an import undone, an erasure) takes its pairs, decisions and merge entries with it.
    db.exec('DELETE FROM source_record WHERE id = 2');
    expect(
      db
        .prepare('SELECT (SELECT count(*) FROM identity_pair) + (SELECT count(*) FROM identity_decision) + (SELECT count(*) FROM profile_merge_member) AS n')
        .get(),
    ).toEqual({ n: 0 });
  });
});
