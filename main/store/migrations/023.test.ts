import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from './index';

function plan(db: Database.Database, query: string, ...params: unknown[]): string {
  return db
    .prepare(`EXPLAIN QUERY PLAN ${query}`)
    .all(...params)
    .map((row) => (row as { detail: string }).detail)
    .join('\n');
}

describe('migration 023', () => {
  it('adds the review’s derived state, strict, read through indexes, and marks profiles only once built', () => {
    const db = new Database(':memory:');
    migrate(db, 22);
    expect(migrate(db, 23)).toEqual([23]);
    for (const table of ['consent_state', 'consent_tally', 'consent_state_dirty', 'consent_state_meta']) {
      expect(db.prepare(`SELECT strict FROM pragma_table_list WHERE name = ?`).get(table), table).toEqual({ strict: 1 });
    }
    expect(() => db.prepare(`INSERT INTO consent_state (profile_id, purpose_id, state) VALUES (1, 1, 'none')`).run()).toThrow(/CHECK/);
    expect(
      plan(db, `SELECT count(*) FROM consent_state WHERE lapses_at IS NOT NULL AND lapses_at > ? AND lapses_at <= ? GROUP BY purpose_id`, 'a', 'b'),
    ).toMatch(/consent_state_lapses/);
    expect(plan(db, `SELECT profile_id FROM consent_state s WHERE s.disagree = 1 AND s.purpose_id = ? ORDER BY s.purpose_id, s.profile_id`, 1)).toMatch(
      /consent_state_disagree/,
    );
    expect(plan(db, `SELECT profile_id FROM consent_state s WHERE s.still_used = 1 ORDER BY s.purpose_id, s.profile_id`)).toMatch(/consent_state_still_used/);

    // A ledger event, a member: before the first build nothing is marked; after it, the person is.
    db.exec(`
      INSERT INTO source (id, name, name_folded, kind, lawful_basis, created_at, updated_at) VALUES (1, 'CRM', 'crm', 'file', 'consent', 't', 't');
      INSERT INTO import_run (id, source_id, started_at, status) VALUES (1, 1, 't', 'completed');
      INSERT INTO source_record (id, source_id, external_id, content_hash, raw, first_run, last_run, created_at, updated_at) VALUES (1, 1, 'a', 'h', '{}', 1, 1, 't', 't');
      INSERT INTO profile (id, created_at, updated_at) VALUES (7, 't', 't'), (8, 't', 't');
      INSERT INTO profile_member (source_record_id, profile_id, how, added_at) VALUES (1, 7, 'import', 't');`);
    const event = `INSERT INTO consent_event (source_record_id, purpose_id, kind, at, recorded_at, source_id, method) VALUES (1, (SELECT min(id) FROM purpose), 'grant', '2025-01-01', 't', 1, 'import')`;
    db.exec(event);
    expect(db.prepare('SELECT profile_id FROM consent_state_dirty').all()).toEqual([]);
    db.exec('UPDATE consent_state_meta SET built = 1');
    db.exec(event.replace("'grant'", "'withdrawal'"));
    expect(db.prepare('SELECT profile_id FROM consent_state_dirty').all()).toEqual([{ profile_id: 7 }]);
    db.exec('UPDATE profile_member SET profile_id = 8 WHERE source_record_id = 1');
    expect(db.prepare('SELECT profile_id FROM consent_state_dirty ORDER BY 1').all()).toEqual([{ profile_id: 7 }, { profile_id: 8 }]);
  });
});
