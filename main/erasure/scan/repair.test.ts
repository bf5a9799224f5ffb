/**
 * A b-tree balance can leave an old copy of a moved cell in a page's unallocated gap, which secure_delete
 * never zeroes once the live copy is deleted: the repair rebuilds the owner of each page still holding a form.
 * Shown on a plain (unencrypted) SQLite file, where the bytes can be read directly.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test-support/temp-vault';
import { rebuildOwnersOf } from './repair';

const PAGE = 4096;

/** A fixed pseudo-random order, so that the same balances happen on every run. */
function shuffled(count: number): number[] {
  const values = [...Array(count).keys()];
  let seed = 42;
  for (let index = values.length - 1; index > 0; index -= 1) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const other = seed % (index + 1);
    [values[index], values[other]] = [values[other]!, values[index]!];
  }
  return values;
}

/** The pages of the file that hold one of the erased values (in one pass: a latin1 string keeps byte offsets). */
function pagesHolding(file: string, erased: ReadonlySet<string>): number[] {
  const text = fs.readFileSync(file).toString('latin1');
  const pages = new Set<number>();
  for (const match of text.matchAll(/p\d+@exemple\.ca/g)) if (erased.has(match[0])) pages.add(Math.floor(match.index / PAGE) + 1);
  return [...pages].sort((a, b) => a - b);
}

describe('the repair of pages holding stale copies', () => {
  it('finds an erased value no row holds in a page’s gap, and rebuilds it away', () => {
    const file = path.join(tempDir(), 'gap.db');
    const db = new Database(file);
    db.pragma('secure_delete = ON');
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE ident (id INTEGER PRIMARY KEY, kind TEXT, value TEXT) STRICT; CREATE INDEX ident_kind_value ON ident (kind, value);');
    const insert = db.prepare('INSERT INTO ident (kind, value) VALUES (?, ?)');
    db.transaction(() => {
      for (const value of shuffled(100_000)) insert.run('email', `p${value}@exemple.ca`);
    })();
    const erased = [...Array(3000).keys()].map((index) => `p${index * 7}@exemple.ca`);
    const remove = db.prepare('DELETE FROM ident WHERE value = ?');
    db.transaction(() => {
      for (const value of erased) remove.run(value);
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(db.prepare(`SELECT count(*) AS n FROM ident WHERE value IN (SELECT value FROM json_each(?))`).get(JSON.stringify(erased))).toEqual({ n: 0 });

    const stale = pagesHolding(file, new Set(erased));
    expect(stale.length).toBeGreaterThan(0);
    const repair = rebuildOwnersOf(db, stale);
    expect(repair.rebuilt.length).toBeGreaterThan(0);
    expect(pagesHolding(file, new Set(erased))).toEqual([]);
    // Everyone else is still found through the rebuilt index.
    expect(db.prepare(`SELECT count(*) AS n FROM ident WHERE kind = 'email' AND value = 'p1@exemple.ca'`).get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM ident').get()).toEqual({ n: 100_000 - erased.length });
    db.close();
  });

  it('does nothing when no page is named', () => {
    const db = new Database(':memory:');
    expect(rebuildOwnersOf(db, [])).toEqual({ rebuilt: [] });
  });
});
