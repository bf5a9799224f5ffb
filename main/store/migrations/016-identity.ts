import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * Identity resolution's storage (main/identity). Profiles already gather source records through
 * `profile_member`; merging moves members between profiles, never rewrites a record, so nothing a record
 * carries (events, consents, flags) can be lost by a merge.
 *
 * - `identity_run`: each finished resolution, with its counts and the trained weights (m, u per level: no
 *   personal data) so later explanations and incremental links score pairs with the same model. A run is
 *   written in the transaction that applies it: a job killed before that leaves no trace and the previous
 *   clustering as it was.
 * - `identity_pair`: the review queue, pairs of records in the uncertain band, replaced by each run.
 * - `identity_decision`: a steward's must-link (`same` = 1) or cannot-link (0) between two records, which
 *   every later run respects. Records, not profiles: a profile id can be merged away, a record cannot.
 * - `profile_merge` and its members: which records moved from which profile to which, so a merge can be
 *   undone after later imports (only those records move back) and the absorbed id redirects meanwhile
 *   (`profile.merged_into`).
 * - `identity_settings`: the administrator's settings as JSON (one row).
 * - `source_record.national_id`: a national identifier when a source has one, compared only when both
 *   records carry it.
 */
export function migration016(db: Database.Database): void {
  db.exec(`
    CREATE TABLE identity_run (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('full', 'incremental')),
      started_by INTEGER REFERENCES app_user (id),
      started_at TEXT NOT NULL,
      finished_at TEXT NOT NULL,
      records INTEGER NOT NULL,
      candidate_pairs INTEGER NOT NULL,
      profiles_before INTEGER NOT NULL,
      profiles_after INTEGER NOT NULL,
      moved INTEGER NOT NULL,
      review_pairs INTEGER NOT NULL,
      model TEXT NOT NULL,
      timings TEXT NOT NULL
    ) STRICT;
    CREATE INDEX identity_run_user ON identity_run (started_by);

    CREATE TABLE identity_pair (
      id INTEGER PRIMARY KEY,
      record_a INTEGER NOT NULL REFERENCES source_record (id) ON DELETE CASCADE,
      record_b INTEGER NOT NULL REFERENCES source_record (id) ON DELETE CASCADE,
      log_odds REAL NOT NULL,
      run_id INTEGER NOT NULL REFERENCES identity_run (id),
      skipped_at TEXT,
      CHECK (record_a < record_b),
      UNIQUE (record_a, record_b)
    ) STRICT;
    CREATE INDEX identity_pair_record_b ON identity_pair (record_b);
    CREATE INDEX identity_pair_run ON identity_pair (run_id);
    CREATE INDEX identity_pair_queue ON identity_pair (skipped_at, log_odds);

    CREATE TABLE identity_decision (
      id INTEGER PRIMARY KEY,
      record_a INTEGER NOT NULL REFERENCES source_record (id) ON DELETE CASCADE,
      record_b INTEGER NOT NULL REFERENCES source_record (id) ON DELETE CASCADE,
      same INTEGER NOT NULL CHECK (same IN (0, 1)),
      origin TEXT NOT NULL CHECK (origin IN ('review', 'merge', 'split', 'undo')),
      decided_by INTEGER REFERENCES app_user (id),
      decided_at TEXT NOT NULL,
      CHECK (record_a < record_b),
      UNIQUE (record_a, record_b)
    ) STRICT;
    CREATE INDEX identity_decision_record_b ON identity_decision (record_b);
    CREATE INDEX identity_decision_user ON identity_decision (decided_by);

    CREATE TABLE profile_merge (
      id INTEGER PRIMARY KEY,
      survivor_id INTEGER NOT NULL REFERENCES profile (id),
      absorbed_id INTEGER NOT NULL REFERENCES profile (id),
      how TEXT NOT NULL CHECK (how IN ('rule', 'steward')),
      run_id INTEGER REFERENCES identity_run (id),
      merged_by INTEGER REFERENCES app_user (id),
      merged_at TEXT NOT NULL,
      undone_by INTEGER REFERENCES app_user (id),
      undone_at TEXT
    ) STRICT;
    CREATE INDEX profile_merge_survivor ON profile_merge (survivor_id);
    CREATE INDEX profile_merge_absorbed ON profile_merge (absorbed_id);
    CREATE INDEX profile_merge_run ON profile_merge (run_id);
    CREATE INDEX profile_merge_merged_by ON profile_merge (merged_by);
    CREATE INDEX profile_merge_undone_by ON profile_merge (undone_by);

    CREATE TABLE profile_merge_member (
      merge_id INTEGER NOT NULL REFERENCES profile_merge (id) ON DELETE CASCADE,
      source_record_id INTEGER NOT NULL REFERENCES source_record (id) ON DELETE CASCADE,
      PRIMARY KEY (merge_id, source_record_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX profile_merge_member_record ON profile_merge_member (source_record_id);

    CREATE TABLE identity_settings (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      settings TEXT NOT NULL,
      updated_by INTEGER REFERENCES app_user (id),
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX identity_settings_user ON identity_settings (updated_by);

    ALTER TABLE source_record ADD COLUMN national_id TEXT;
  `);
}
