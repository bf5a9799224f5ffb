import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * Sources, import runs with their rejected rows, source records keyed by (source, external id), the
 * identifiers used for search and later for identity merging, profiles and their members, events,
 * and the contentless full-text index over folded names, emails, phones and cities.
 */
export function migration002(db: Database.Database): void {
  db.exec(`
    CREATE TABLE source (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      name_folded TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL CHECK (kind IN ('file', 'postgres', 'mysql', 'folder', 'rest')),
      purposes TEXT NOT NULL DEFAULT '[]',
      lawful_basis TEXT NOT NULL CHECK (lawful_basis IN ('consent', 'contract', 'legal_obligation', 'vital_interests', 'public_task', 'legitimate_interests')),
      default_country TEXT,
      mapping TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE import_run (
      id INTEGER PRIMARY KEY,
      source_id INTEGER NOT NULL REFERENCES source (id),
      started_by INTEGER REFERENCES app_user (id),
      started_at TEXT NOT NULL,
      finished_at TEXT,
      status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'cancelled', 'interrupted')),
      file_name TEXT,
      file_sha256 TEXT,
      file_bytes INTEGER,
      cursor_before TEXT,
      cursor_after TEXT,
      rows_read INTEGER NOT NULL DEFAULT 0,
      inserted INTEGER NOT NULL DEFAULT 0,
      updated INTEGER NOT NULL DEFAULT 0,
      unchanged INTEGER NOT NULL DEFAULT 0,
      rejected INTEGER NOT NULL DEFAULT 0,
      held INTEGER NOT NULL DEFAULT 0,
      last_line INTEGER NOT NULL DEFAULT 0,
      error TEXT
    ) STRICT;
    CREATE INDEX import_run_source ON import_run (source_id, id);

    CREATE TABLE import_reject (
      id INTEGER PRIMARY KEY,
      run_id INTEGER NOT NULL REFERENCES import_run (id),
      line INTEGER NOT NULL,
      reasons TEXT NOT NULL,
      raw TEXT NOT NULL
    ) STRICT;
    CREATE INDEX import_reject_run ON import_reject (run_id, line);

    CREATE TABLE profile (
      id INTEGER PRIMARY KEY,
      status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'merged', 'erased')),
      merged_into INTEGER REFERENCES profile (id),
      display_name TEXT NOT NULL DEFAULT '',
      sort_key TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX profile_sort ON profile (status, sort_key, id);

    CREATE TABLE source_record (
      id INTEGER PRIMARY KEY,
      source_id INTEGER NOT NULL REFERENCES source (id),
      external_id TEXT NOT NULL,
      content_hash TEXT NOT NULL,
      given_name TEXT,
      family_name TEXT,
      full_name TEXT,
      street TEXT,
      city TEXT,
      postal_code TEXT,
      region TEXT,
      country TEXT,
      birth_date TEXT,
      raw TEXT NOT NULL,
      first_run INTEGER NOT NULL REFERENCES import_run (id),
      last_run INTEGER NOT NULL REFERENCES import_run (id),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      UNIQUE (source_id, external_id)
    ) STRICT;

    CREATE TABLE profile_member (
      source_record_id INTEGER PRIMARY KEY REFERENCES source_record (id),
      profile_id INTEGER NOT NULL REFERENCES profile (id),
      how TEXT NOT NULL CHECK (how IN ('import', 'rule', 'steward')),
      added_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX profile_member_profile ON profile_member (profile_id);

    CREATE TABLE identifier (
      id INTEGER PRIMARY KEY,
      source_record_id INTEGER NOT NULL REFERENCES source_record (id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('email', 'phone')),
      value TEXT NOT NULL,
      raw TEXT NOT NULL
    ) STRICT;
    CREATE INDEX identifier_value ON identifier (kind, value);
    CREATE INDEX identifier_record ON identifier (source_record_id);

    CREATE TABLE event (
      id INTEGER PRIMARY KEY,
      source_record_id INTEGER NOT NULL REFERENCES source_record (id) ON DELETE CASCADE,
      external_id TEXT NOT NULL,
      type TEXT NOT NULL,
      at TEXT NOT NULL,
      amount REAL,
      currency TEXT,
      place TEXT,
      raw TEXT NOT NULL,
      run_id INTEGER NOT NULL REFERENCES import_run (id),
      UNIQUE (source_record_id, external_id)
    ) STRICT;
    CREATE INDEX event_record_at ON event (source_record_id, at);

    CREATE TABLE consent_observation (
      id INTEGER PRIMARY KEY,
      source_record_id INTEGER NOT NULL REFERENCES source_record (id) ON DELETE CASCADE,
      purpose TEXT NOT NULL,
      granted INTEGER NOT NULL CHECK (granted IN (0, 1)),
      at TEXT,
      raw TEXT NOT NULL,
      run_id INTEGER NOT NULL REFERENCES import_run (id)
    ) STRICT;
    -- An observation without a date is still one observation: NULLs must not make re-imports add copies.
    CREATE UNIQUE INDEX consent_observation_key ON consent_observation (source_record_id, purpose, granted, coalesce(at, ''));

    CREATE VIRTUAL TABLE profile_search USING fts5 (terms, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');
  `);
}
