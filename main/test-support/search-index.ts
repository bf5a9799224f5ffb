/** Test helpers: the search index's documents across its shards (main/store/search-index.ts). */
import type Database from 'better-sqlite3-multiple-ciphers';
import { SEARCH_TABLES } from '../store/search-index';

/** How many documents the index holds, or how many match an FTS5 query. */
export function searchDocuments(raw: Database.Database, match?: string): number {
  let total = 0;
  for (const table of SEARCH_TABLES) {
    total +=
      match === undefined
        ? (raw.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number)
        : (raw.prepare(`SELECT count(*) FROM ${table} WHERE ${table} MATCH ?`).pluck().get(match) as number);
  }
  return total;
}

/** The profile ids of every document. */
export function searchDocumentIds(raw: Database.Database): number[] {
  return SEARCH_TABLES.flatMap((table) => raw.prepare(`SELECT rowid FROM ${table}`).pluck().all() as number[]).sort((a, b) => a - b);
}
