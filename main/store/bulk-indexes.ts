/**
 * Indexes whose keys arrive in random order: every new email, phone or name lands on a different page
 * of them. During a bulk import of hundreds of thousands of records, keeping them up to date row by row
 * rewrites most of their pages at every commit (at 1 M records that was 15 GB written for a 1.1 GB
 * vault). A bulk import drops them and builds them again at the end, which SQLite does by sorting: one
 * pass. If the process dies in between, `ensureBulkIndexes` (run at every open, after the migrations)
 * builds them again, so the schema is never left without them for longer than one run.
 */
import type Database from 'better-sqlite3-multiple-ciphers';

export const BULK_INDEXES: Readonly<Record<string, string>> = {
  identifier_value: 'CREATE INDEX IF NOT EXISTS identifier_value ON identifier (kind, value)',
  profile_sort: 'CREATE INDEX IF NOT EXISTS profile_sort ON profile (status, sort_key, id)',
};

function present(db: Database.Database): Set<string> {
  const names = Object.keys(BULK_INDEXES);
  const rows = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'index' AND name IN (${names.map(() => '?').join(', ')})`).all(...names) as {
    name: string;
  }[];
  return new Set(rows.map((row) => row.name));
}

/** True when every bulk index exists. */
export function bulkIndexesPresent(db: Database.Database): boolean {
  return present(db).size === Object.keys(BULK_INDEXES).length;
}

export function dropBulkIndexes(db: Database.Database): void {
  db.transaction(() => {
    for (const name of Object.keys(BULK_INDEXES)) db.exec(`DROP INDEX IF EXISTS ${name}`);
  }).immediate();
}

/** Builds the missing ones; returns their names. */
export function ensureBulkIndexes(db: Database.Database): string[] {
  const missing = Object.keys(BULK_INDEXES).filter((name) => !present(db).has(name));
  if (missing.length === 0) return [];
  db.transaction(() => {
    for (const name of missing) db.exec(BULK_INDEXES[name]!);
  }).immediate();
  return missing;
}
