import type Database from 'better-sqlite3-multiple-ciphers';

/** Written out, not imported from search-index.ts: a migration does what it did the day it was written. */
const SEARCH_TABLES = Array.from({ length: 16 }, (_, shard) => `profile_search_${shard}`);
const FTS = `fts5 (terms, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2')`;

/**
 * The search index split by profile id into 16 contentless FTS5 tables (main/store/search-index.ts), so that an
 * erasure rewrites one sixteenth of it. The old index kept no content: each document is rebuilt from the words
 * the index holds for it (`fts5vocab` instance rows: term, document, position), in their order, for the
 * documents it still has (`_docsize`: a deleted one has none). The words are already folded, and fold to
 * themselves again, so every search finds what it found before.
 *
 * The words pass through a table of the vault itself, not a temporary one, so that they stay encrypted; it is
 * dropped at the end and secure_delete zeroes its pages. About 40 s at a million profiles, once.
 */
export function migration028(db: Database.Database): void {
  for (const table of SEARCH_TABLES) db.exec(`CREATE VIRTUAL TABLE ${table} USING ${FTS}`);
  db.exec(`
    CREATE VIRTUAL TABLE temp.profile_search_words USING fts5vocab(main, profile_search, instance);
    CREATE TABLE search_words_028 AS
      SELECT doc % ${SEARCH_TABLES.length} AS shard, doc, offset, term FROM temp.profile_search_words
      WHERE doc IN (SELECT id FROM profile_search_docsize);
    CREATE INDEX search_words_028_order ON search_words_028 (shard, doc, offset);`);
  SEARCH_TABLES.forEach((table, shard) => {
    db.exec(`
      INSERT INTO ${table} (rowid, terms)
      SELECT doc, group_concat(term, ' ' ORDER BY offset) FROM search_words_028 WHERE shard = ${shard} GROUP BY doc`);
  });
  db.exec(`DROP TABLE search_words_028; DROP TABLE temp.profile_search_words; DROP TABLE profile_search;`);
}
