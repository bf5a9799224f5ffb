import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * How a source's files are read, as the steward chose it for the last one (a workbook's sheet, the list
 * inside a JSON document, an encoding, a delimiter): the next file of the source is read the same way
 * without choosing again (see ingest/read-options.ts). A JSON object; NULL until an import completes with
 * such a choice, and for connectors.
 */
export function migration008(db: Database.Database): void {
  db.exec(`
    ALTER TABLE source ADD COLUMN read_options TEXT
      CHECK (read_options IS NULL OR (json_valid(read_options) AND json_type(read_options) = 'object'));
  `);
}
