import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from './index';

describe('migration 020', () => {
  it('moves consent observations into the ledger, with catalog entries for the codes the catalog lacks', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, 19);
    db.exec(`
      INSERT INTO source (id, name, name_folded, kind, lawful_basis, created_at, updated_at) VALUES (1, 'Shop', 'shop', 'file', 'contract', 't', 't');
      INSERT INTO import_run (id, source_id, started_at, status) VALUES (1, 1, '2026-01-02T00:00:00.000Z', 'completed');
      INSERT INTO source_record (id, source_id, external_id, content_hash, raw, first_run, last_run, created_at, updated_at) VALUES (1, 1, 'k', 'h', '{}', 1, 1, 't', 't');
      INSERT INTO consent_observation (source_record_id, purpose, granted, at, raw, run_id) VALUES
        (1, 'newsletter', 1, '2025-05-01T10:00:00.000Z', 'yes', 1),
        (1, 'newsletter', 0, NULL, 'no', 1),
        (1, 'email marketing', 1, NULL, 'Y', 1);
    `);
    expect(migrate(db, 20)).toEqual([20]);
    expect(
      db
        .prepare(
          `SELECT e.source_record_id AS record, p.code, e.kind, e.at, e.recorded_at AS recordedAt, e.source_id AS source, e.method, e.raw, e.run_id AS run
           FROM consent_event e JOIN purpose p ON p.id = e.purpose_id ORDER BY e.id`,
        )
        .all(),
    ).toEqual([
      {
        record: 1,
        code: 'newsletter',
        kind: 'grant',
        at: '2025-05-01T10:00:00.000Z',
        recordedAt: '2026-01-02T00:00:00.000Z',
        source: 1,
        method: 'import',
        raw: 'yes',
        run: 1,
      },
      { record: 1, code: 'newsletter', kind: 'withdrawal', at: null, recordedAt: '2026-01-02T00:00:00.000Z', source: 1, method: 'import', raw: 'no', run: 1 },
      { record: 1, code: 'email_marketing', kind: 'grant', at: null, recordedAt: '2026-01-02T00:00:00.000Z', source: 1, method: 'import', raw: 'Y', run: 1 },
    ]);
    expect(db.prepare(`SELECT b.basis FROM purpose_basis b JOIN purpose p ON p.id = b.purpose_id WHERE p.code = 'newsletter'`).pluck().all()).toEqual([
      'consent',
    ]);
    expect(db.prepare(`SELECT count(*) FROM sqlite_schema WHERE name = 'consent_observation'`).pluck().get()).toBe(0);
  });

  it('keeps the ledger append-only and every event tied to a source or a steward', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, 20);
    db.exec(`
      INSERT INTO source (id, name, name_folded, kind, lawful_basis, created_at, updated_at) VALUES (1, 'Shop', 'shop', 'file', 'contract', 't', 't');
      INSERT INTO import_run (id, source_id, started_at, status) VALUES (1, 1, 't', 'completed');
      INSERT INTO source_record (id, source_id, external_id, content_hash, raw, first_run, last_run, created_at, updated_at) VALUES (1, 1, 'k', 'h', '{}', 1, 1, 't', 't');
      INSERT INTO consent_event (source_record_id, purpose_id, kind, at, recorded_at, source_id, method, run_id) VALUES (1, 3, 'grant', '2025-01-01', 't', 1, 'import', 1);
    `);
    expect(() => db.exec(`UPDATE consent_event SET kind = 'withdrawal'`)).toThrow(/append-only/);
    expect(() => db.exec(`INSERT INTO consent_event (source_record_id, purpose_id, kind, recorded_at, method) VALUES (1, 3, 'grant', 't', 'paper')`)).toThrow(
      /CHECK/,
    );
    expect(() =>
      db.exec(`INSERT INTO consent_event (source_record_id, purpose_id, kind, recorded_at, source_id, method) VALUES (1, 3, 'maybe', 't', 1, 'paper')`),
    ).toThrow(/CHECK/);
    // The same dated event met again by an import is one event.
    expect(() =>
      db.exec(
        `INSERT INTO consent_event (source_record_id, purpose_id, kind, at, recorded_at, source_id, method, run_id) VALUES (1, 3, 'grant', '2025-01-01', 'u', 1, 'import', 1)`,
      ),
    ).toThrow(/UNIQUE/);
    // Events leave only with their record.
    db.exec('DELETE FROM source_record WHERE id = 1');
    expect(db.prepare('SELECT count(*) FROM consent_event').pluck().get()).toBe(0);
  });
});
