import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * The golden record's survivorship rules (main/identity/golden): for each field of a person (given name,
 * email, city…), which of the values their records hold the profile shows.
 *
 * One row per field an administrator set to something other than the default. A field with no row follows
 * the default of the running version, so a better default reaches every vault that did not choose
 * otherwise (as `identity_settings` does). Rows rather than one JSON document so that each field's choice
 * is its own fact with who set it and when. `rule` has no CHECK: a vault opened by an older version keeps
 * a rule it does not know, and that version reads the field with its default instead.
 *
 * `sources` is the ordered list of source ids for the `sourcePriority` rule (JSON, `[]` otherwise): ids,
 * not names, because a source can be renamed. Nothing here is personal data.
 */
export function migration018(db: Database.Database): void {
  db.exec(`
    CREATE TABLE golden_rule (
      field TEXT PRIMARY KEY,
      rule TEXT NOT NULL,
      sources TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(sources) AND json_type(sources) = 'array'),
      updated_by INTEGER REFERENCES app_user (id),
      updated_at TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX golden_rule_user ON golden_rule (updated_by);
  `);
}
