import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * `source_record.language`: the language a source says the person prefers to be written to in, as an ISO
 * 639-1 code (`fr`, `en`, `pl`; main/ingest/normalize/language.ts). Null when the source does not say, or
 * says something unreadable (then the value stays raw in `record_flag`). A golden field, so that a partner
 * extract's audience can be chosen by it (docs/partners.md). Existing records keep null: their sources'
 * mappings have no language column, and their content hash does not include one (write-items.ts).
 */
export function migration030(db: Database.Database): void {
  db.exec(`ALTER TABLE source_record ADD COLUMN language TEXT CHECK (language IS NULL OR (length(language) = 2 AND language = lower(language)));`);
}
