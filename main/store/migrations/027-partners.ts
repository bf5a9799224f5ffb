import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * Partner access registers (main/partners, docs/partners.md): who data goes to, under which lease, and every
 * extract that left.
 *
 * - `partner`: a recipient, processor or third party, with where it is (country, and the province or state
 *   for Canada and the US: a transfer outside Quebec is one too) and the transfer assessment on file.
 * - `agreement`: a lease: purposes (`agreement_purpose`), the exact fields allowed, the basis, valid from/to
 *   (days, inclusive, in the vault's time zone), an optional access window and monthly limit, the delivery
 *   (a folder, or SFTP with the server's pinned host key and a credential stored here, never shown back).
 *   `status` is what a person decided (active, suspended, revoked); expiry follows from `valid_to`.
 * - `agreement_event`: its history (created, renewed, suspended, resumed, revoked, edited), audited too.
 * - `extract_schedule`: automated extracts of an agreement, daily or weekly, with their audience.
 * - `extract`: the register, one row per extract that left, written in the same transaction as its
 *   `disclosure` rows (one per person included), after the file is complete and before it is given its
 *   final name: an extract cancelled or killed halfway leaves neither. `line`: the person's data row in the
 *   file (1 = the first after a CSV header), so that a partner told of an erasure can find it.
 * - `recipient_notice`: for an erasure, each partner the person's data had gone to and the extracts concerned
 *   (GDPR Art. 19): the agreement's register shows it, the certificate lists it. The erasure deletes the
 *   person's `disclosure` rows; `lines` keeps `[extractId, line]` pairs, what the notification letter cites.
 */
export function migration027(db: Database.Database): void {
  db.exec(`
    CREATE TABLE partner (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      name_folded TEXT NOT NULL UNIQUE,
      role TEXT NOT NULL CHECK (role IN ('processor', 'third_party')),
      contact TEXT,
      country TEXT NOT NULL CHECK (length(country) = 2 AND country = upper(country)),
      subdivision TEXT CHECK (subdivision IS NULL OR length(subdivision) BETWEEN 1 AND 3),
      assessment_date TEXT CHECK (assessment_date IS NULL OR assessment_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
      assessment_ref TEXT,
      created_by INTEGER REFERENCES app_user (id),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX partner_creator ON partner (created_by);

    CREATE TABLE agreement (
      id INTEGER PRIMARY KEY,
      partner_id INTEGER NOT NULL REFERENCES partner (id),
      title TEXT NOT NULL,
      basis TEXT NOT NULL CHECK (basis IN ('consent', 'contract', 'legal_obligation', 'vital_interests', 'public_task', 'legitimate_interests')),
      fields TEXT NOT NULL CHECK (json_valid(fields) AND json_type(fields) = 'array' AND json_array_length(fields) > 0),
      valid_from TEXT NOT NULL CHECK (valid_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
      valid_to TEXT NOT NULL CHECK (valid_to GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
      access_window TEXT,
      max_per_month INTEGER CHECK (max_per_month IS NULL OR max_per_month > 0),
      delivery TEXT NOT NULL CHECK (delivery IN ('folder', 'sftp')),
      folder TEXT,
      sftp TEXT CHECK (sftp IS NULL OR json_valid(sftp)),
      legal_ref TEXT,
      document TEXT,
      notice_days INTEGER NOT NULL DEFAULT 30 CHECK (notice_days BETWEEN 0 AND 365),
      status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'revoked')),
      created_by INTEGER REFERENCES app_user (id),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CHECK (valid_to >= valid_from),
      CHECK ((delivery = 'folder') = (sftp IS NULL))
    ) STRICT;
    CREATE INDEX agreement_partner ON agreement (partner_id);
    CREATE INDEX agreement_creator ON agreement (created_by);
    CREATE INDEX agreement_ends ON agreement (status, valid_to);

    CREATE TABLE agreement_purpose (
      agreement_id INTEGER NOT NULL REFERENCES agreement (id) ON DELETE CASCADE,
      purpose_id INTEGER NOT NULL REFERENCES purpose (id),
      PRIMARY KEY (agreement_id, purpose_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX agreement_purpose_purpose ON agreement_purpose (purpose_id);

    CREATE TABLE agreement_event (
      id INTEGER PRIMARY KEY,
      agreement_id INTEGER NOT NULL REFERENCES agreement (id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('created', 'edited', 'renewed', 'suspended', 'resumed', 'revoked')),
      at TEXT NOT NULL,
      user_id INTEGER REFERENCES app_user (id),
      reason TEXT,
      valid_to TEXT
    ) STRICT;
    CREATE INDEX agreement_event_agreement ON agreement_event (agreement_id, id);
    CREATE INDEX agreement_event_user ON agreement_event (user_id);

    CREATE TABLE extract_schedule (
      id INTEGER PRIMARY KEY,
      agreement_id INTEGER NOT NULL REFERENCES agreement (id) ON DELETE CASCADE,
      every TEXT NOT NULL CHECK (every IN ('daily', 'weekly')),
      weekday INTEGER CHECK (weekday IS NULL OR weekday BETWEEN 1 AND 7),
      at_time TEXT NOT NULL CHECK (at_time GLOB '[0-2][0-9]:[0-5][0-9]'),
      audience TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(audience)),
      format TEXT NOT NULL DEFAULT 'csv' CHECK (format IN ('csv', 'json')),
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      next_due TEXT NOT NULL,
      last_run_at TEXT,
      last_outcome TEXT,
      created_by INTEGER REFERENCES app_user (id),
      created_at TEXT NOT NULL,
      CHECK ((every = 'weekly') = (weekday IS NOT NULL))
    ) STRICT;
    CREATE INDEX extract_schedule_agreement ON extract_schedule (agreement_id);
    CREATE INDEX extract_schedule_due ON extract_schedule (active, next_due);
    CREATE INDEX extract_schedule_creator ON extract_schedule (created_by);

    CREATE TABLE extract (
      id INTEGER PRIMARY KEY,
      agreement_id INTEGER NOT NULL REFERENCES agreement (id),
      partner_id INTEGER NOT NULL REFERENCES partner (id),
      schedule_id INTEGER REFERENCES extract_schedule (id) ON DELETE SET NULL,
      user_id INTEGER REFERENCES app_user (id),
      at TEXT NOT NULL,
      purposes TEXT NOT NULL CHECK (json_valid(purposes) AND json_type(purposes) = 'array'),
      fields TEXT NOT NULL CHECK (json_valid(fields) AND json_type(fields) = 'array'),
      audience TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(audience)),
      format TEXT NOT NULL CHECK (format IN ('csv', 'json')),
      people INTEGER NOT NULL CHECK (people >= 0),
      excluded INTEGER NOT NULL CHECK (excluded >= 0),
      file_name TEXT NOT NULL,
      sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
      bytes INTEGER NOT NULL,
      delivered_to TEXT NOT NULL CHECK (delivered_to IN ('file', 'folder', 'sftp'))
    ) STRICT;
    CREATE INDEX extract_at ON extract (at);
    CREATE INDEX extract_partner_at ON extract (partner_id, at);
    CREATE INDEX extract_agreement_at ON extract (agreement_id, at);
    CREATE INDEX extract_schedule_ref ON extract (schedule_id);
    CREATE INDEX extract_user ON extract (user_id);

    CREATE TABLE disclosure (
      profile_id INTEGER NOT NULL REFERENCES profile (id),
      extract_id INTEGER NOT NULL REFERENCES extract (id),
      line INTEGER CHECK (line IS NULL OR line > 0),
      PRIMARY KEY (profile_id, extract_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX disclosure_extract ON disclosure (extract_id);

    CREATE TABLE recipient_notice (
      id INTEGER PRIMARY KEY,
      erasure_id INTEGER NOT NULL REFERENCES erasure (id),
      partner_id INTEGER NOT NULL REFERENCES partner (id),
      agreement_id INTEGER NOT NULL REFERENCES agreement (id),
      extracts INTEGER NOT NULL CHECK (extracts > 0),
      lines TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(lines) AND json_type(lines) = 'array'),
      first_at TEXT NOT NULL,
      last_at TEXT NOT NULL,
      created_at TEXT NOT NULL,
      UNIQUE (erasure_id, agreement_id)
    ) STRICT;
    CREATE INDEX recipient_notice_partner ON recipient_notice (partner_id);
    CREATE INDEX recipient_notice_agreement ON recipient_notice (agreement_id);
  `);
}
