import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * The access packages built for a request (main/requests/package, docs/requests.md): what period, in which
 * language, whether encrypted, and the hashes that let the organisation prove later what it sent: the
 * archive's SHA-256 and its manifest's (the same for every build of one vault state, password or not), with
 * the counts the report states. The package itself is not kept: it is personal data, handed to the
 * requester, and can be built again from the vault.
 */
export function migration025(db: Database.Database): void {
  db.exec(`
    CREATE TABLE request_package (
      id INTEGER PRIMARY KEY,
      request_id INTEGER NOT NULL REFERENCES request (id),
      built_by INTEGER NOT NULL REFERENCES app_user (id),
      built_at TEXT NOT NULL,
      range_from TEXT CHECK (range_from IS NULL OR range_from GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
      range_to TEXT CHECK (range_to IS NULL OR range_to GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
      time_zone TEXT NOT NULL,
      language TEXT NOT NULL CHECK (language IN ('en', 'fr', 'pl')),
      encrypted INTEGER NOT NULL CHECK (encrypted IN (0, 1)),
      sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
      manifest_sha256 TEXT NOT NULL CHECK (length(manifest_sha256) = 64),
      bytes INTEGER NOT NULL CHECK (bytes > 0),
      files INTEGER NOT NULL,
      records INTEGER NOT NULL,
      events INTEGER NOT NULL,
      consent_events INTEGER NOT NULL,
      withheld INTEGER NOT NULL,
      CHECK (range_from IS NULL OR range_to IS NULL OR range_from <= range_to)
    ) STRICT;
    CREATE INDEX request_package_request ON request_package (request_id, id);
    CREATE INDEX request_package_built_by ON request_package (built_by);
  `);
}
