import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * The register of data-subject requests (main/requests, docs/requests.md): what a person asked, when, under
 * which law, by when it must be answered, how their identity was verified and which profiles and records
 * the answer covers.
 *
 * - `request`: one per request. Dates the law counts in (`received_on`, `due_on`, `extended_due_on`) are
 *   calendar days (`YYYY-MM-DD`) in the vault's time zone; instants (`created_at`, `closed_at`…) are UTC.
 *   An extension is granted once, with its reason (the CHECKs keep the three together). `status` goes
 *   open → verified → closed (a request may also be closed unverified: identity could not be confirmed).
 * - `request_verification`: how the requester's identity was verified: the method, the kinds of
 *   identifiers that matched (a JSON array of codes, never the values), the document seen, by whom, when.
 * - `request_profile`: the profiles the request was matched to, as they were confirmed.
 * - `request_record`: the source records those profiles held at verification time, so that a later split
 *   of a profile does not change what the request was verified for.
 *
 * A record or a profile that leaves the vault (an import undone) leaves these tables with it.
 */
export function migration024(db: Database.Database): void {
  db.exec(`
    CREATE TABLE request (
      id INTEGER PRIMARY KEY,
      type TEXT NOT NULL CHECK (type IN ('access', 'portability', 'rectification', 'erasure', 'objection', 'restriction', 'opt_out_sale')),
      requester_name TEXT NOT NULL CHECK (length(requester_name) BETWEEN 1 AND 200),
      contact TEXT CHECK (contact IS NULL OR length(contact) BETWEEN 1 AND 200),
      channel TEXT CHECK (channel IS NULL OR length(channel) BETWEEN 1 AND 100),
      received_on TEXT NOT NULL CHECK (received_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
      jurisdiction TEXT NOT NULL CHECK (jurisdiction IN ('quebec', 'eu', 'california', 'other')),
      due_on TEXT NOT NULL CHECK (due_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND due_on > received_on),
      extended_due_on TEXT CHECK (extended_due_on IS NULL OR extended_due_on > due_on),
      extension_reason TEXT CHECK (extension_reason IS NULL OR length(extension_reason) BETWEEN 1 AND 500),
      extended_by INTEGER REFERENCES app_user (id),
      extended_at TEXT,
      status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'verified', 'closed')),
      outcome TEXT CHECK (outcome IS NULL OR outcome IN ('fulfilled', 'partially_fulfilled', 'refused', 'identity_not_verified', 'withdrawn', 'no_data')),
      outcome_note TEXT CHECK (outcome_note IS NULL OR length(outcome_note) BETWEEN 1 AND 1000),
      closed_at TEXT,
      closed_by INTEGER REFERENCES app_user (id),
      created_by INTEGER NOT NULL REFERENCES app_user (id),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CHECK ((extended_due_on IS NULL) = (extension_reason IS NULL) AND (extended_due_on IS NULL) = (extended_at IS NULL)),
      CHECK ((status = 'closed') = (closed_at IS NOT NULL) AND (closed_at IS NULL) = (outcome IS NULL))
    ) STRICT;
    -- The register lists by the date that binds now (an extension's, else the first), open ones first.
    CREATE INDEX request_due ON request (status, coalesce(extended_due_on, due_on), id);
    CREATE INDEX request_received ON request (received_on);
    CREATE INDEX request_created_by ON request (created_by);
    CREATE INDEX request_extended_by ON request (extended_by);
    CREATE INDEX request_closed_by ON request (closed_by);

    CREATE TABLE request_verification (
      id INTEGER PRIMARY KEY,
      request_id INTEGER NOT NULL REFERENCES request (id),
      method TEXT NOT NULL CHECK (length(method) BETWEEN 1 AND 200),
      identifiers TEXT NOT NULL CHECK (json_valid(identifiers) AND json_type(identifiers) = 'array'),
      document TEXT CHECK (document IS NULL OR length(document) BETWEEN 1 AND 200),
      verified_by INTEGER NOT NULL REFERENCES app_user (id),
      verified_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX request_verification_request ON request_verification (request_id);
    CREATE INDEX request_verification_user ON request_verification (verified_by);

    CREATE TABLE request_profile (
      request_id INTEGER NOT NULL REFERENCES request (id),
      profile_id INTEGER NOT NULL REFERENCES profile (id) ON DELETE CASCADE,
      matched_by INTEGER NOT NULL REFERENCES app_user (id),
      matched_at TEXT NOT NULL,
      PRIMARY KEY (request_id, profile_id)
    ) STRICT;
    CREATE INDEX request_profile_profile ON request_profile (profile_id);
    CREATE INDEX request_profile_user ON request_profile (matched_by);

    CREATE TABLE request_record (
      request_id INTEGER NOT NULL REFERENCES request (id),
      source_record_id INTEGER NOT NULL REFERENCES source_record (id) ON DELETE CASCADE,
      profile_id INTEGER NOT NULL,
      PRIMARY KEY (request_id, source_record_id)
    ) STRICT;
    CREATE INDEX request_record_record ON request_record (source_record_id);
  `);
}
