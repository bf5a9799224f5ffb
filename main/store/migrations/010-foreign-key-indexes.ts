import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * An index for every foreign key that had none. Deleting a parent row makes SQLite look for rows that
 * still point at it; without an index leading with the child columns that is a scan of the whole child
 * table per deleted row. Undoing an import deletes one profile per record, and `profile.merged_into`
 * pointed at `profile` unindexed: 37,492 records took 84 s, each delete scanning every profile.
 *
 * The nullable ones are partial: they are NULL on almost every row (merging has not landed, runs started
 * by a connector have no user), and `column = ?` implies NOT NULL, so the lookup still uses them. The run
 * columns grow with each run's ids, so imports append to them rather than spreading writes across pages.
 */
export function migration010(db: Database.Database): void {
  db.exec(`
    CREATE INDEX profile_merged_into ON profile (merged_into) WHERE merged_into IS NOT NULL;
    CREATE INDEX source_record_first_run ON source_record (first_run);
    CREATE INDEX source_record_last_run ON source_record (last_run);
    CREATE INDEX event_run ON event (run_id);
    CREATE INDEX consent_observation_run ON consent_observation (run_id);
    CREATE INDEX import_run_started_by ON import_run (started_by) WHERE started_by IS NOT NULL;
    CREATE INDEX audit_checkpoint_taken_by ON audit_checkpoint (taken_by);
  `);
}
