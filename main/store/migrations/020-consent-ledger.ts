import type Database from 'better-sqlite3-multiple-ciphers';
import { purposeForFreeText019 } from './019-purposes';

/**
 * The consent ledger (main/consent): every grant, withdrawal, expiry or objection, as an event appended
 * once and never edited. The current state of a person's consent is derived from these rows alone.
 *
 * Every event hangs from a source record, so that identity's merges and splits carry it along: a profile's
 * ledger is the events of its members. An event a steward records by hand hangs from one of the person's
 * records (docs/consent.md) and names the steward (`recorded_by`) instead of a source.
 *
 * `at` is when it happened as the source or the steward said; NULL when an import gave no date, and then
 * `recorded_at` (when the vault learned it) orders it. `notice_version` is the purpose's notice version the
 * person was shown, NULL when the source did not say. Rows leave the ledger only with their record (an
 * import undone, an erasure): a trigger refuses any UPDATE.
 *
 * consent_observation (from migration 002) moves into the ledger: a given consent is a grant, a refused one
 * a withdrawal, both from the record's source by import, at the time its run started; a purpose code the
 * catalog lacks becomes a catalog entry allowing consent.
 */
export function migration020(db: Database.Database): void {
  db.exec(`
    CREATE TABLE consent_event (
      id INTEGER PRIMARY KEY,
      source_record_id INTEGER NOT NULL REFERENCES source_record (id) ON DELETE CASCADE,
      purpose_id INTEGER NOT NULL REFERENCES purpose (id),
      kind TEXT NOT NULL CHECK (kind IN ('grant', 'withdrawal', 'expiry', 'objection')),
      at TEXT,
      recorded_at TEXT NOT NULL,
      source_id INTEGER REFERENCES source (id),
      recorded_by INTEGER REFERENCES app_user (id),
      method TEXT NOT NULL CHECK (length(method) BETWEEN 1 AND 40),
      notice_version INTEGER,
      evidence TEXT CHECK (evidence IS NULL OR length(evidence) BETWEEN 1 AND 500),
      expires_at TEXT,
      raw TEXT,
      run_id INTEGER REFERENCES import_run (id),
      CHECK (source_id IS NOT NULL OR recorded_by IS NOT NULL)
    ) STRICT;
    CREATE INDEX consent_event_record ON consent_event (source_record_id, purpose_id);
    CREATE INDEX consent_event_purpose ON consent_event (purpose_id);
    CREATE INDEX consent_event_source ON consent_event (source_id);
    CREATE INDEX consent_event_user ON consent_event (recorded_by);
    CREATE INDEX consent_event_run ON consent_event (run_id);
    -- A dated event an import met again is the same event: re-importing a file adds nothing.
    CREATE UNIQUE INDEX consent_event_imported ON consent_event (source_record_id, purpose_id, kind, at) WHERE run_id IS NOT NULL AND at IS NOT NULL;

    CREATE TRIGGER consent_event_append_only BEFORE UPDATE ON consent_event
    BEGIN
      SELECT RAISE(ABORT, 'consent_event is append-only');
    END;
  `);
  moveObservations(db);
  db.exec('DROP TABLE consent_observation');
}

function moveObservations(db: Database.Database): void {
  const stamp = new Date().toISOString();
  const purposes = db.prepare('SELECT DISTINCT purpose FROM consent_observation').pluck().all() as string[];
  const allow = db.prepare(`INSERT OR IGNORE INTO purpose_basis (purpose_id, basis) VALUES (?, 'consent')`);
  const purposeIds = new Map<string, number>();
  for (const text of purposes) {
    const id = purposeForFreeText019(db, text, stamp);
    allow.run(id);
    purposeIds.set(text, id);
  }
  // One statement for the rows, through a temporary map of the free codes to their catalog entries.
  db.exec('CREATE TEMP TABLE purpose_code_020 (text TEXT PRIMARY KEY, purpose_id INTEGER NOT NULL)');
  const put = db.prepare('INSERT INTO purpose_code_020 (text, purpose_id) VALUES (?, ?)');
  for (const [text, id] of purposeIds) put.run(text, id);
  db.exec(`
    INSERT INTO consent_event (source_record_id, purpose_id, kind, at, recorded_at, source_id, method, raw, run_id)
    SELECT o.source_record_id, m.purpose_id, CASE o.granted WHEN 1 THEN 'grant' ELSE 'withdrawal' END, o.at, run.started_at, r.source_id, 'import', o.raw, o.run_id
    FROM consent_observation o
    JOIN purpose_code_020 m ON m.text = o.purpose
    JOIN source_record r ON r.id = o.source_record_id
    JOIN import_run run ON run.id = o.run_id
    ORDER BY o.id;
    DROP TABLE purpose_code_020;
  `);
}
