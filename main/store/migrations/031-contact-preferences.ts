import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * Communication authorisations (main/contact): what a person said about being contacted by email, SMS, phone
 * or post, for one purpose of the catalog or for every purpose (`purpose_id` NULL), appended once and never
 * edited, like the consent ledger. A refusal for every purpose on a channel is do-not-contact on it.
 *
 * Every entry hangs from one of the person's records, as an event a steward records in the consent ledger
 * does (docs/contact.md): identity's merges and splits carry it, an erasure removes it with the record
 * (ON DELETE CASCADE), and an import undone keeps the record it hangs from. A trigger refuses any UPDATE.
 */
export function migration031(db: Database.Database): void {
  db.exec(`
    CREATE TABLE contact_preference (
      id INTEGER PRIMARY KEY,
      source_record_id INTEGER NOT NULL REFERENCES source_record (id) ON DELETE CASCADE,
      channel TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'phone', 'post')),
      purpose_id INTEGER REFERENCES purpose (id),
      kind TEXT NOT NULL CHECK (kind IN ('authorised', 'refused')),
      at TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      method TEXT NOT NULL CHECK (length(method) BETWEEN 1 AND 40),
      evidence TEXT CHECK (evidence IS NULL OR length(evidence) BETWEEN 1 AND 500),
      source_id INTEGER REFERENCES source (id),
      recorded_by INTEGER REFERENCES app_user (id),
      CHECK (source_id IS NOT NULL OR recorded_by IS NOT NULL)
    ) STRICT;
    CREATE INDEX contact_preference_record ON contact_preference (source_record_id, channel);
    CREATE INDEX contact_preference_purpose ON contact_preference (purpose_id);
    CREATE INDEX contact_preference_source ON contact_preference (source_id);
    CREATE INDEX contact_preference_user ON contact_preference (recorded_by);

    CREATE TRIGGER contact_preference_append_only BEFORE UPDATE ON contact_preference
    BEGIN
      SELECT RAISE(ABORT, 'contact_preference is append-only');
    END;
  `);
}
