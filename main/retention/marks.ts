/**
 * The triggers that mark profiles whose dates may have changed (`retention_dirty`): new or removed events,
 * changed records, members moved by merges and splits, a profile's status, consent states. Installed by the
 * first build rather than by the migration, so that a vault that never asks for dates pays nothing for them
 * on each of the events its imports write.
 */
import type { SqlRunner } from '../store/sql';

const MARKS = `
    CREATE TRIGGER IF NOT EXISTS retention_event_added AFTER INSERT ON event
    BEGIN
      INSERT OR IGNORE INTO retention_dirty (profile_id) SELECT profile_id FROM profile_member WHERE source_record_id = NEW.source_record_id;
    END;
    CREATE TRIGGER IF NOT EXISTS retention_event_removed AFTER DELETE ON event
    BEGIN
      INSERT OR IGNORE INTO retention_dirty (profile_id) SELECT profile_id FROM profile_member WHERE source_record_id = OLD.source_record_id;
    END;
    CREATE TRIGGER IF NOT EXISTS retention_record_changed AFTER UPDATE OF updated_at ON source_record
    BEGIN
      INSERT OR IGNORE INTO retention_dirty (profile_id) SELECT profile_id FROM profile_member WHERE source_record_id = NEW.id;
    END;
    CREATE TRIGGER IF NOT EXISTS retention_member_added AFTER INSERT ON profile_member
    BEGIN
      INSERT OR IGNORE INTO retention_dirty (profile_id) VALUES (NEW.profile_id);
    END;
    CREATE TRIGGER IF NOT EXISTS retention_member_moved AFTER UPDATE OF profile_id ON profile_member
    BEGIN
      INSERT OR IGNORE INTO retention_dirty (profile_id) VALUES (OLD.profile_id), (NEW.profile_id);
    END;
    CREATE TRIGGER IF NOT EXISTS retention_member_removed AFTER DELETE ON profile_member
    BEGIN
      INSERT OR IGNORE INTO retention_dirty (profile_id) VALUES (OLD.profile_id);
    END;
    CREATE TRIGGER IF NOT EXISTS retention_profile_status AFTER UPDATE OF status ON profile
    BEGIN
      INSERT OR IGNORE INTO retention_dirty (profile_id) VALUES (NEW.id);
    END;
    CREATE TRIGGER IF NOT EXISTS retention_consent_added AFTER INSERT ON consent_state
    BEGIN
      INSERT OR IGNORE INTO retention_dirty (profile_id) VALUES (NEW.profile_id);
    END;
    CREATE TRIGGER IF NOT EXISTS retention_consent_changed AFTER UPDATE ON consent_state
    BEGIN
      INSERT OR IGNORE INTO retention_dirty (profile_id) VALUES (NEW.profile_id);
    END;
    CREATE TRIGGER IF NOT EXISTS retention_consent_removed AFTER DELETE ON consent_state
    BEGIN
      INSERT OR IGNORE INTO retention_dirty (profile_id) VALUES (OLD.profile_id);
    END;
`;

export function installMarks(db: SqlRunner): void {
  db.raw.exec(MARKS);
}
