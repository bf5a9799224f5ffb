/**
 * When the page scan still finds an erased form after the commit, though no row holds it: a stale copy in a
 * b-tree page's unallocated gap. SQLite's secure_delete zeroes a cell it deletes, but when a balance moves
 * cells to a sibling page it rebuilds the page over its old image, and the gap between the cell pointers and
 * the cells may keep an old copy of a moved cell. Deleting the live copy later leaves that one (seen once in a
 * bulk erasure of 10,000 people among a million). Rebuilding the b-tree that owns the page frees its pages,
 * which secure_delete zeroes: an index is rebuilt alone (REINDEX), anything else with the whole file (VACUUM).
 */
import type Database from 'better-sqlite3-multiple-ciphers';

export interface Repair {
  /** The indexes rebuilt, or `*` for a VACUUM of the whole file. */
  readonly rebuilt: readonly string[];
}

export function rebuildOwnersOf(raw: Database.Database, pages: readonly number[]): Repair {
  if (pages.length === 0) return { rebuilt: [] };
  const owners = raw
    .prepare<[string], { pageno: number; name: string; type: string | null }>(
      `SELECT d.pageno, d.name, s.type FROM dbstat d LEFT JOIN sqlite_schema s ON s.name = d.name
       WHERE d.pageno IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(pages));
  // A page no b-tree owns any more (on the free list) or a table's: only a VACUUM rewrites those.
  const owned = new Set(owners.map((owner) => owner.pageno));
  const indexesOnly = pages.every((page) => owned.has(page)) && owners.every((owner) => owner.type === 'index');
  const indexes = [...new Set(owners.map((owner) => owner.name))].sort();
  if (indexesOnly) {
    for (const name of indexes) raw.exec(`REINDEX "${name.replaceAll('"', '""')}"`);
  } else {
    raw.exec('VACUUM');
  }
  raw.pragma('wal_checkpoint(TRUNCATE)');
  return { rebuilt: indexesOnly ? indexes : ['*'] };
}
