import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * "Who accessed profile 42" (the auditor's filter by object, Law 25 s. 3.1–3.2) read the whole audit
 * trail: a steward's busy day adds about 700 entries, a year a quarter of a million. An index on the
 * object the entries name answers it from the entries about that object alone.
 */
export function migration015(db: Database.Database): void {
  db.exec(`CREATE INDEX audit_log_object ON audit_log (object_type, object_id, seq);`);
}
