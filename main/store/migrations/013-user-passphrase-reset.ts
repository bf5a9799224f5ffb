import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * An administrator can reset a user's forgotten passphrase with a one-time passphrase that the user must
 * replace at the next unlock (users/users.ts), and the list of users shows when each last unlocked.
 */
export function migration013(db: Database.Database): void {
  db.exec(`
    ALTER TABLE app_user ADD COLUMN must_change_passphrase INTEGER NOT NULL DEFAULT 0 CHECK (must_change_passphrase IN (0, 1));
    ALTER TABLE app_user ADD COLUMN last_unlock_at TEXT;
  `);
}
