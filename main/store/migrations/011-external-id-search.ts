import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * Finding a person by their customer number (`100001`, `wsg_1lgt471`) in every source. The unique key
 * `(source_id, external_id)` leads with the source, so a lookup by number alone would scan every record.
 * This index is case-insensitive for ASCII letters (NOCASE), as the search is: `WSG_1LGT471` finds
 * `wsg_1lgt471`. A file's keys mostly arrive in order, so imports append to it.
 */
export function migration011(db: Database.Database): void {
  db.exec(`CREATE INDEX source_record_external_id ON source_record (external_id COLLATE NOCASE);`);
}
