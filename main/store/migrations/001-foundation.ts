import type Database from 'better-sqlite3-multiple-ciphers';

/** Users, settings, the vault's identity and the append-only audit trail. */
export function migration001(db: Database.Database): void {
  db.exec(`
    CREATE TABLE vault_meta (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE app_user (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      name_folded TEXT NOT NULL UNIQUE,
      role TEXT NOT NULL CHECK (role IN ('administrator', 'steward', 'auditor')),
      status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
      created_at TEXT NOT NULL,
      signing_public_key TEXT
    ) STRICT;

    CREATE TABLE setting (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    -- Each entry is stored once, as the canonical JSON that was hashed; the columns people filter on are
    -- generated from it, so what is shown can never differ from what the chain verifies.
    CREATE TABLE audit_log (
      seq INTEGER PRIMARY KEY,
      entry TEXT NOT NULL,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL,
      at TEXT GENERATED ALWAYS AS (json_extract(entry, '$.at')) VIRTUAL,
      actor_id INTEGER GENERATED ALWAYS AS (json_extract(entry, '$.actor')) VIRTUAL,
      action TEXT GENERATED ALWAYS AS (json_extract(entry, '$.action')) VIRTUAL,
      object_type TEXT GENERATED ALWAYS AS (json_extract(entry, '$.objectType')) VIRTUAL,
      object_id TEXT GENERATED ALWAYS AS (json_extract(entry, '$.objectId')) VIRTUAL,
      details TEXT GENERATED ALWAYS AS (json_extract(entry, '$.details')) VIRTUAL
    ) STRICT;
    CREATE INDEX audit_log_action ON audit_log (action, seq);
    CREATE INDEX audit_log_actor ON audit_log (actor_id, seq);
    CREATE INDEX audit_log_at ON audit_log (at);

    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;

    CREATE TABLE audit_checkpoint (
      id INTEGER PRIMARY KEY,
      seq INTEGER NOT NULL,
      head_hash TEXT NOT NULL,
      entry_count INTEGER NOT NULL,
      taken_at TEXT NOT NULL,
      taken_by INTEGER NOT NULL REFERENCES app_user (id),
      fingerprint TEXT,
      file TEXT
    ) STRICT;
  `);
}
