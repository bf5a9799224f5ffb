import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * The consent review's derived state (main/consent/review*.ts, docs/consent.md "The review"): each
 * profile × purpose's state as derive.ts gives it from the ledger, with the review's findings as flags
 * and its month-end history, so that the review's counts are read, not computed, at a million people.
 *
 * Nothing here is a source of truth: every row can be rebuilt from `consent_event`, `profile_member`,
 * `source_record` and `source_purpose` alone (a test rebuilds it and compares), and a row is never edited
 * by hand. Triggers mark the profiles whose ledger or records changed (`consent_state_dirty`) and the
 * review refreshes only those; a change of any source's declaration (`declarations`, what the flags were
 * computed with, compared at each refresh: saving a source re-declares the same rows) rebuilds the whole
 * table, since a source declares for every one of its people at once.
 *
 * - `consent_state`: one row per profile × purpose with at least one ledger event in effect (state
 *   `none` is not stored). `lapses_at`: the end date of the grant in force. Flags: `disagree` (the
 *   latest words of two sources differ), `unevidenced` (the grant in force has no evidence), `still_used`
 *   (withdrawn or objected, yet a source declaring the purpose sent new data about the person since).
 *   `timeline`: the state at the end of each month where it changed, `YYYY-MM:g|w|e|o|n` joined by `;`.
 * - `consent_tally`: the counts the review reads. `month = ''`: how many rows per purpose are in each
 *   state or carry each flag now; `month = 'YYYY-MM'`: by how much the number of people in each state at
 *   that month's end differs from the month before (the coverage series are their running sums).
 * - `consent_state_meta`: one row; `built = 0` until the first build; `records_seen` is the latest `source_record.updated_at` the flags took into account.
 */
export function migration023(db: Database.Database): void {
  db.exec(`
    CREATE TABLE consent_state (
      profile_id INTEGER NOT NULL,
      purpose_id INTEGER NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('granted', 'withdrawn', 'expired', 'objected')),
      since TEXT,
      event_id INTEGER,
      lapses_at TEXT,
      disagree INTEGER NOT NULL DEFAULT 0 CHECK (disagree IN (0, 1)),
      unevidenced INTEGER NOT NULL DEFAULT 0 CHECK (unevidenced IN (0, 1)),
      still_used INTEGER NOT NULL DEFAULT 0 CHECK (still_used IN (0, 1)),
      timeline TEXT NOT NULL DEFAULT '',
      PRIMARY KEY (profile_id, purpose_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX consent_state_lapses ON consent_state (lapses_at, purpose_id) WHERE lapses_at IS NOT NULL;
    CREATE INDEX consent_state_disagree ON consent_state (purpose_id, profile_id) WHERE disagree = 1;
    CREATE INDEX consent_state_unevidenced ON consent_state (purpose_id, profile_id) WHERE unevidenced = 1;
    CREATE INDEX consent_state_still_used ON consent_state (purpose_id, profile_id) WHERE still_used = 1;
    CREATE INDEX consent_state_withdrawn ON consent_state (profile_id) WHERE state IN ('withdrawn', 'objected');

    CREATE TABLE consent_tally (
      purpose_id INTEGER NOT NULL,
      month TEXT NOT NULL,
      key TEXT NOT NULL,
      n INTEGER NOT NULL,
      PRIMARY KEY (purpose_id, month, key)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE consent_state_dirty (profile_id INTEGER PRIMARY KEY) STRICT;

    CREATE TABLE consent_state_meta (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      built INTEGER NOT NULL CHECK (built IN (0, 1)),
      refreshed_at TEXT,
      records_seen TEXT,
      declarations TEXT
    ) STRICT;
    INSERT INTO consent_state_meta (id, built) VALUES (1, 0);

    -- Marked only once built: before the first build, the build reads everything anyway.
    CREATE TRIGGER consent_state_event_added AFTER INSERT ON consent_event WHEN (SELECT built FROM consent_state_meta) = 1
    BEGIN
      INSERT OR IGNORE INTO consent_state_dirty (profile_id) SELECT profile_id FROM profile_member WHERE source_record_id = NEW.source_record_id;
    END;
    CREATE TRIGGER consent_state_event_removed AFTER DELETE ON consent_event WHEN (SELECT built FROM consent_state_meta) = 1
    BEGIN
      INSERT OR IGNORE INTO consent_state_dirty (profile_id) SELECT profile_id FROM profile_member WHERE source_record_id = OLD.source_record_id;
    END;
    CREATE TRIGGER consent_state_member_added AFTER INSERT ON profile_member WHEN (SELECT built FROM consent_state_meta) = 1
    BEGIN
      INSERT OR IGNORE INTO consent_state_dirty (profile_id) VALUES (NEW.profile_id);
    END;
    CREATE TRIGGER consent_state_member_moved AFTER UPDATE OF profile_id ON profile_member WHEN (SELECT built FROM consent_state_meta) = 1
    BEGIN
      INSERT OR IGNORE INTO consent_state_dirty (profile_id) VALUES (OLD.profile_id), (NEW.profile_id);
    END;
    CREATE TRIGGER consent_state_member_removed AFTER DELETE ON profile_member WHEN (SELECT built FROM consent_state_meta) = 1
    BEGIN
      INSERT OR IGNORE INTO consent_state_dirty (profile_id) VALUES (OLD.profile_id);
    END;
  `);
}
