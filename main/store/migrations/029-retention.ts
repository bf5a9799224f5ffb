import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * Retention and maintain-until (main/retention, docs/retention.md).
 *
 * - `retention_rule`: how long a purpose's data may be kept, counted from an anchor (the person's last
 *   activity, last purchase, last contact, the end of their contract, their consent's withdrawal, the closing
 *   of their account), and what is done when it is reached (`anonymize` or `review`). A rule is never edited:
 *   a change retires it and adds its successor (`replaces`), so that any past date can be explained. A rule
 *   marked `obligation` is what a law requires (its `legal_ref` says which): it is a floor that no later
 *   rule of the purpose may go below, and it cannot be retired.
 * - `retention_anchor_type`: which event types count as a purchase, a contact, a contract's end or an
 *   account's closing (event types are a source's own words), editable by administrators.
 * - `retention_profile`: derived, never a source of truth. One row per active profile: its maintain-until
 *   date overall (`until`, the latest date any live purpose allows; NULL while a purpose has no end yet),
 *   the purpose and rule that give it, and every purpose's own date in `purposes`
 *   (`purposeId:YYYY-MM-DD|open:ruleId|:live|ended` joined by `;`). Every row can be rebuilt from the rules,
 *   events, records, declarations and the consent ledger (a test rebuilds it and compares). Triggers that
 *   mark the profiles whose inputs changed (`retention_dirty`) are installed by the first build
 *   (main/retention/marks.ts): a vault that never asks for dates pays nothing on each event it imports. A
 *   change of rules or declarations rebuilds the whole table.
 * - `legal_hold` is rebuilt to hold three kinds on a profile (litigation, audit, legal obligation), each of
 *   which suspends the profile's retention and stops its erasure; a legal obligation on a source stays what
 *   it was (the source's records of an erased person are kept).
 * - `retention_sweep`: a sweep's preview (the day, its token, the profiles it covers) and its approval, with
 *   the time it is to run (`run_at`: now, or later while the app is open or from cron). A run whose plans
 *   changed since the preview is refused (`refusal`); each profile it anonymizes is certified by the erasure
 *   engine (`erasure.reason = 'retention'`).
 */
export function migration029(db: Database.Database): void {
  db.exec(`
    CREATE TABLE retention_rule (
      id INTEGER PRIMARY KEY,
      purpose_id INTEGER NOT NULL REFERENCES purpose (id),
      keep_count INTEGER NOT NULL CHECK (keep_count BETWEEN 1 AND 36500),
      keep_unit TEXT NOT NULL CHECK (keep_unit IN ('year', 'month', 'day')),
      anchor TEXT NOT NULL CHECK (anchor IN ('last_activity', 'last_purchase', 'last_contact', 'contract_end', 'consent_withdrawn', 'account_closed')),
      action TEXT NOT NULL CHECK (action IN ('anonymize', 'review')),
      legal_ref TEXT CHECK (legal_ref IS NULL OR length(legal_ref) BETWEEN 1 AND 300),
      obligation INTEGER NOT NULL DEFAULT 0 CHECK (obligation IN (0, 1)),
      replaces INTEGER REFERENCES retention_rule (id),
      created_by INTEGER NOT NULL REFERENCES app_user (id),
      created_at TEXT NOT NULL,
      retired_by INTEGER REFERENCES app_user (id),
      retired_at TEXT,
      CHECK (obligation = 0 OR legal_ref IS NOT NULL),
      CHECK ((retired_at IS NULL) = (retired_by IS NULL))
    ) STRICT;
    CREATE INDEX retention_rule_purpose ON retention_rule (purpose_id) WHERE retired_at IS NULL;
    CREATE INDEX retention_rule_replaces ON retention_rule (replaces) WHERE replaces IS NOT NULL;
    CREATE INDEX retention_rule_created_by ON retention_rule (created_by);
    CREATE INDEX retention_rule_retired_by ON retention_rule (retired_by);

    CREATE TABLE retention_anchor_type (
      anchor TEXT NOT NULL CHECK (anchor IN ('last_purchase', 'last_contact', 'contract_end', 'account_closed')),
      event_type TEXT NOT NULL CHECK (length(event_type) BETWEEN 1 AND 100),
      PRIMARY KEY (anchor, event_type)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE retention_profile (
      profile_id INTEGER PRIMARY KEY,
      until TEXT,
      purpose_id INTEGER,
      rule_id INTEGER,
      action TEXT CHECK (action IS NULL OR action IN ('anonymize', 'review')),
      purposes TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX retention_profile_until ON retention_profile (until, purpose_id) WHERE until IS NOT NULL;

    CREATE TABLE retention_dirty (profile_id INTEGER PRIMARY KEY) STRICT;

    CREATE TABLE retention_meta (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      built INTEGER NOT NULL CHECK (built IN (0, 1)),
      inputs TEXT,
      refreshed_at TEXT
    ) STRICT;
    INSERT INTO retention_meta (id, built) VALUES (1, 0);

    CREATE TABLE retention_sweep (
      id INTEGER PRIMARY KEY,
      on_day TEXT NOT NULL CHECK (on_day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
      token TEXT NOT NULL,
      people INTEGER NOT NULL CHECK (people >= 0),
      profile_ids TEXT NOT NULL CHECK (json_valid(profile_ids) AND json_type(profile_ids) = 'array'),
      previewed_by INTEGER NOT NULL REFERENCES app_user (id),
      previewed_at TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'previewed' CHECK (status IN ('previewed', 'approved', 'running', 'done', 'refused', 'cancelled')),
      approved_by INTEGER REFERENCES app_user (id),
      approved_at TEXT,
      run_at TEXT,
      finished_at TEXT,
      erased INTEGER,
      skipped INTEGER,
      refusal TEXT,
      CHECK ((approved_at IS NULL) = (approved_by IS NULL)),
      CHECK (status IN ('previewed', 'cancelled') OR approved_at IS NOT NULL)
    ) STRICT;
    CREATE INDEX retention_sweep_previewed_by ON retention_sweep (previewed_by);
    CREATE INDEX retention_sweep_approved_by ON retention_sweep (approved_by);
    CREATE INDEX retention_sweep_waiting ON retention_sweep (run_at) WHERE status = 'approved';

  `);
  seedAnchorTypes(db);
  rebuildLegalHold(db);
}

/** Event types as sources spell them, folded (lower case, `_` for spaces and hyphens), in EN, FR and PL. */
const ANCHOR_TYPES: Record<string, readonly string[]> = {
  last_purchase: [
    'purchase',
    'order',
    'sale',
    'invoice',
    'payment',
    'achat',
    'commande',
    'vente',
    'facture',
    'paiement',
    'zakup',
    'zamowienie',
    'zamówienie',
    'faktura',
    'platnosc',
    'płatność',
  ],
  last_contact: [
    'contact',
    'call',
    'phone_call',
    'email',
    'visit',
    'message',
    'meeting',
    'support',
    'ticket',
    'appel',
    'courriel',
    'visite',
    'rendez_vous',
    'rencontre',
    'kontakt',
    'telefon',
    'wizyta',
    'spotkanie',
  ],
  contract_end: [
    'contract_end',
    'contract_ended',
    'contract_terminated',
    'termination',
    'cancellation',
    'fin_contrat',
    'fin_de_contrat',
    'resiliation',
    'résiliation',
    'koniec_umowy',
    'rozwiazanie_umowy',
    'rozwiązanie_umowy',
  ],
  account_closed: [
    'account_closed',
    'account_closure',
    'closure',
    'fermeture',
    'fermeture_compte',
    'fermeture_de_compte',
    'compte_ferme',
    'compte_fermé',
    'zamkniecie_konta',
    'zamknięcie_konta',
  ],
};

function seedAnchorTypes(db: Database.Database): void {
  const insert = db.prepare('INSERT INTO retention_anchor_type (anchor, event_type) VALUES (?, ?)');
  for (const [anchor, types] of Object.entries(ANCHOR_TYPES)) for (const type of types) insert.run(anchor, type);
}

/** SQLite cannot change a CHECK: the table is copied into its new shape (nothing references it). */
function rebuildLegalHold(db: Database.Database): void {
  db.exec(`
    CREATE TABLE legal_hold_next (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('litigation', 'audit', 'legal_obligation')),
      profile_id INTEGER REFERENCES profile (id),
      source_id INTEGER REFERENCES source (id),
      reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
      reference TEXT CHECK (reference IS NULL OR length(reference) BETWEEN 1 AND 200),
      until TEXT CHECK (until IS NULL OR until GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
      created_by INTEGER NOT NULL REFERENCES app_user (id),
      created_at TEXT NOT NULL,
      released_by INTEGER REFERENCES app_user (id),
      released_at TEXT,
      CHECK ((profile_id IS NULL) <> (source_id IS NULL)),
      CHECK (source_id IS NULL OR kind = 'legal_obligation'),
      CHECK ((released_at IS NULL) = (released_by IS NULL))
    ) STRICT;
    INSERT INTO legal_hold_next SELECT id, kind, profile_id, source_id, reason, reference, until, created_by, created_at, released_by, released_at FROM legal_hold;
    DROP TABLE legal_hold;
    ALTER TABLE legal_hold_next RENAME TO legal_hold;
    CREATE INDEX legal_hold_profile ON legal_hold (profile_id) WHERE profile_id IS NOT NULL;
    CREATE INDEX legal_hold_source ON legal_hold (source_id) WHERE source_id IS NOT NULL;
    CREATE INDEX legal_hold_created_by ON legal_hold (created_by);
    CREATE INDEX legal_hold_released_by ON legal_hold (released_by);
  `);
}
