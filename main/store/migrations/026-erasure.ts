import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * Erasure by irreversible anonymization (main/erasure, docs/erasure.md) and the suppression list that keeps
 * an erased person from coming back (main/suppression).
 *
 * - `legal_hold`: what stops or limits an erasure. A `litigation` hold on a profile stops its erasure until
 *   released; a `legal_obligation` hold on a source (invoices kept for tax law) keeps that source's records
 *   of an erased person, cut off from search and profiles, until `until`. Either names its reason and
 *   reference; releasing one is recorded, never deleted.
 * - `erasure`: the certificate of one profile's erasure. Ids, counts and hashes only: what was removed,
 *   generalized, kept under a legal obligation, how many suppression entries stand for the person, the
 *   verification scan's result, and the SHA-256 of the certificate's canonical JSON (`hash`).
 * - `suppression`: keyed hashes (HMAC-SHA-256 under `setting.suppression_secret`) of the minimum needed to
 *   recognise an erased person in an incoming record: a source's record key, or a folded name with an email
 *   or a phone (a household's shared mailbox or phone alone never suppresses anyone else).
 * - `erasure_statistic`: what is kept for statistics, generalized (month, event type, amount band, region
 *   from the postal code's first three characters, age band) and counted; a row is only written for a
 *   (region, age band) group that had at least k people when it was written.
 * - `import_run.suppressed`: incoming records dropped before anything of them was written.
 * - `identity_key_record`: a record's blocking keys found by the record, for the erasure that deletes them.
 */
export function migration026(db: Database.Database): void {
  db.exec(`
    CREATE TABLE legal_hold (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('litigation', 'legal_obligation')),
      profile_id INTEGER REFERENCES profile (id),
      source_id INTEGER REFERENCES source (id),
      reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
      reference TEXT CHECK (reference IS NULL OR length(reference) BETWEEN 1 AND 200),
      until TEXT CHECK (until IS NULL OR until GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
      created_by INTEGER NOT NULL REFERENCES app_user (id),
      created_at TEXT NOT NULL,
      released_by INTEGER REFERENCES app_user (id),
      released_at TEXT,
      CHECK ((kind = 'litigation') = (profile_id IS NOT NULL) AND (kind = 'legal_obligation') = (source_id IS NOT NULL)),
      CHECK ((released_at IS NULL) = (released_by IS NULL))
    ) STRICT;
    CREATE INDEX legal_hold_profile ON legal_hold (profile_id) WHERE profile_id IS NOT NULL;
    CREATE INDEX legal_hold_source ON legal_hold (source_id) WHERE source_id IS NOT NULL;
    CREATE INDEX legal_hold_created_by ON legal_hold (created_by);
    CREATE INDEX legal_hold_released_by ON legal_hold (released_by);

    CREATE TABLE erasure (
      id INTEGER PRIMARY KEY,
      profile_id INTEGER NOT NULL UNIQUE REFERENCES profile (id),
      request_id INTEGER REFERENCES request (id),
      reason TEXT NOT NULL CHECK (reason IN ('request', 'retention', 'steward', 'restore')),
      erased_at TEXT NOT NULL,
      erased_by INTEGER NOT NULL REFERENCES app_user (id),
      k INTEGER NOT NULL CHECK (k >= 2),
      removed TEXT NOT NULL CHECK (json_valid(removed) AND json_type(removed) = 'object'),
      generalized TEXT NOT NULL CHECK (json_valid(generalized) AND json_type(generalized) = 'object'),
      kept TEXT NOT NULL CHECK (json_valid(kept) AND json_type(kept) = 'object'),
      suppression_entries INTEGER NOT NULL CHECK (suppression_entries >= 0),
      scan TEXT CHECK (scan IS NULL OR (json_valid(scan) AND json_type(scan) = 'object')),
      scanned_at TEXT,
      hash TEXT NOT NULL CHECK (length(hash) = 64),
      CHECK ((scan IS NULL) = (scanned_at IS NULL))
    ) STRICT;
    CREATE INDEX erasure_request ON erasure (request_id) WHERE request_id IS NOT NULL;
    CREATE INDEX erasure_erased_by ON erasure (erased_by);
    CREATE INDEX erasure_at ON erasure (erased_at);

    CREATE TABLE suppression (
      id INTEGER PRIMARY KEY,
      erasure_id INTEGER NOT NULL REFERENCES erasure (id),
      kind TEXT NOT NULL CHECK (kind IN ('record', 'name_email', 'name_phone')),
      digest TEXT NOT NULL CHECK (length(digest) = 64),
      UNIQUE (kind, digest)
    ) STRICT;
    CREATE INDEX suppression_erasure ON suppression (erasure_id);

    CREATE TABLE erasure_statistic (
      month TEXT NOT NULL,
      event_type TEXT NOT NULL,
      amount_band TEXT NOT NULL,
      region TEXT NOT NULL,
      age_band TEXT NOT NULL,
      events INTEGER NOT NULL CHECK (events > 0),
      PRIMARY KEY (month, event_type, amount_band, region, age_band)
    ) STRICT, WITHOUT ROWID;

    ALTER TABLE import_run ADD COLUMN suppressed INTEGER NOT NULL DEFAULT 0;

    -- An erasure deletes a person's blocking keys (hashes of their names and postal codes are not
    -- anonymous); without this index that is a scan of every key of the vault (0.55 s at a million records).
    CREATE INDEX identity_key_record ON identity_key (source_record_id);
  `);
}
