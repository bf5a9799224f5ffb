import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * The delimiter a run's file was read with (`,`, `;`, a tab…; detected or chosen), so its rejected rows are
 * written back with the same one: a French Excel export comes back as a `;` file its spreadsheet opens in
 * columns, and importing the corrected file reads it as the original was. NULL for runs before this, for
 * database and API syncs and for formats without a delimiter (JSON, workbooks): their rejects use `,`.
 */
export function migration012(db: Database.Database): void {
  db.exec(`ALTER TABLE import_run ADD COLUMN delimiter TEXT;`);
}
