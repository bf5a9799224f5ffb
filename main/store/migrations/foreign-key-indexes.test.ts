import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from './index';

interface ForeignKey {
  readonly table: string;
  readonly from: readonly string[];
  readonly to: string;
}

/**
 * Deleting a parent row makes SQLite look for its children through the child columns. Without an index
 * leading with them that is a scan of the whole child table per deleted row: undoing 37,492 records took
 * 84 s because `profile.merged_into` had none. So every foreign key of every table, present and future,
 * must be the leading columns of an index (or of the primary key).
 */
function foreignKeys(db: Database.Database): ForeignKey[] {
  const tables = db
    .prepare(`SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'`)
    .pluck()
    .all() as string[];
  return tables.flatMap((table) => {
    const rows = db.prepare('SELECT id, seq, "table" AS target, "from" AS column FROM pragma_foreign_key_list(?) ORDER BY id, seq').all(table) as Array<{
      id: number;
      target: string;
      column: string;
    }>;
    const byId = new Map<number, ForeignKey>();
    for (const row of rows) {
      const key = byId.get(row.id) ?? { table, from: [], to: row.target };
      byId.set(row.id, { ...key, from: [...key.from, row.column] });
    }
    return [...byId.values()];
  });
}

/** The leading columns of each index of a table, the primary key's among them (a rowid table's INTEGER PRIMARY KEY is the rowid itself). */
function indexPrefixes(db: Database.Database, table: string): string[][] {
  const indexes = db.prepare('SELECT name FROM pragma_index_list(?)').pluck().all(table) as string[];
  const prefixes = indexes.map((index) =>
    (db.prepare('SELECT name FROM pragma_index_info(?) ORDER BY seqno').pluck().all(index) as Array<string | null>).map((column) => column ?? '<expression>'),
  );
  const primaryKey = (db.prepare('SELECT name, pk FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk').all(table) as Array<{ name: string }>).map(
    (row) => row.name,
  );
  return primaryKey.length > 0 ? [...prefixes, primaryKey] : prefixes;
}

function unindexed(db: Database.Database): string[] {
  return foreignKeys(db)
    .filter(({ table, from }) => !indexPrefixes(db, table).some((columns) => from.every((column, position) => columns[position] === column)))
    .map(({ table, from, to }) => `${table} (${from.join(', ')}) → ${to}`);
}

describe('foreign keys', () => {
  it('every child column of a freshly migrated vault leads some index', () => {
    const db = new Database(':memory:');
    migrate(db);
    expect(foreignKeys(db).length).toBeGreaterThan(10);
    expect(unindexed(db)).toEqual([]);
  });
});
