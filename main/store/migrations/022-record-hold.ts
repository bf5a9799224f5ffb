import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * The consent intake gate (main/consent/gate.ts, docs/consent.md): a record whose source relies on consent
 * for every purpose it declares, and for which neither the record nor the person's ledger holds a consent,
 * is **held**. It keeps its values, identifiers and ledger events, but gets no profile, no search row and
 * is not linked by identity until a steward releases it (attaching a basis or a consent with evidence) or
 * deletes it.
 *
 * `record_hold`: one row per held record; `purposes` the JSON list of catalog codes that lack a basis;
 * `run_id` the run that held it. The row goes when the record is released or deleted.
 * `record_release`: what a release attached, per record and purpose (the basis and its evidence, who and
 * when), kept as long as the record: the proof of why the record was admitted.
 */
export function migration022(db: Database.Database): void {
  db.exec(`
    CREATE TABLE record_hold (
      source_record_id INTEGER PRIMARY KEY REFERENCES source_record (id) ON DELETE CASCADE,
      reason TEXT NOT NULL CHECK (reason IN ('noConsent')),
      purposes TEXT NOT NULL CHECK (json_valid(purposes)),
      held_at TEXT NOT NULL,
      run_id INTEGER NOT NULL REFERENCES import_run (id)
    ) STRICT;
    CREATE INDEX record_hold_run ON record_hold (run_id);

    CREATE TABLE record_release (
      id INTEGER PRIMARY KEY,
      source_record_id INTEGER NOT NULL REFERENCES source_record (id) ON DELETE CASCADE,
      purpose_id INTEGER NOT NULL REFERENCES purpose (id),
      basis TEXT NOT NULL CHECK (basis IN ('consent', 'contract', 'legal_obligation', 'vital_interests', 'public_task', 'legitimate_interests')),
      evidence TEXT NOT NULL CHECK (length(evidence) BETWEEN 1 AND 500),
      released_by INTEGER NOT NULL REFERENCES app_user (id),
      released_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX record_release_record ON record_release (source_record_id);
    CREATE INDEX record_release_purpose ON record_release (purpose_id);
    CREATE INDEX record_release_user ON record_release (released_by);
  `);
}
