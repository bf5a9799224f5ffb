/**
 * The full-text index of people (the words of their names, emails, phones, city and postal code) is split by
 * profile id into SEARCH_SHARDS contentless FTS5 tables, `profile_search_0` … `profile_search_15`
 * (migration 028). An erasure must rewrite the segments that held the person's words (FTS5 `optimize`): the
 * whole index took 1.5–3.4 s at a million profiles, most of erasing one person; one shard is a sixteenth of
 * it. A search asks every shard and ranks the answers together.
 */
import { BatchedInsert } from './batched-insert';
import { joinSql, sql, sqlIdentifier, type SqlFragment, type SqlRunner, type SqlValue } from './sql';

export const SEARCH_SHARDS = 16;
export const SEARCH_TABLES: readonly string[] = Array.from({ length: SEARCH_SHARDS }, (_, shard) => `profile_search_${shard}`);

export function searchTableOf(profileId: number): string {
  return SEARCH_TABLES[profileId % SEARCH_SHARDS]!;
}

const byShard = (profileIds: readonly number[]): Map<string, number[]> => {
  const shards = new Map<string, number[]>();
  for (const id of profileIds) {
    const table = searchTableOf(id);
    const ids = shards.get(table);
    if (ids === undefined) shards.set(table, [id]);
    else ids.push(id);
  }
  return shards;
};

/** Writes (or rewrites) a person's document. */
export function writeSearchTerms(db: SqlRunner, profileId: number, terms: string): void {
  const table = sqlIdentifier(searchTableOf(profileId));
  db.run(sql`DELETE FROM ${table} WHERE rowid = ${profileId}`);
  db.run(sql`INSERT INTO ${table} (rowid, terms) VALUES (${profileId}, ${terms})`);
}

export function deleteSearchTerms(db: SqlRunner, profileIds: readonly number[]): void {
  for (const [table, ids] of byShard(profileIds)) {
    db.run(sql`DELETE FROM ${sqlIdentifier(table)} WHERE rowid IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`);
  }
}

/** How many of these profiles have a document (a contentless table keeps one `_docsize` row per document). */
export function countSearchDocuments(db: SqlRunner, profileIds: readonly number[]): number {
  let found = 0;
  for (const [table, ids] of byShard(profileIds)) {
    found +=
      db.get<{ n: number }>(
        sql`SELECT count(*) AS n FROM ${sqlIdentifier(`${table}_docsize`)} WHERE id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`,
      )?.n ?? 0;
  }
  return found;
}

/** Rewrites the shards holding these profiles (all of them when none is named): deleted documents' words go. */
export function optimizeSearch(raw: { exec(source: string): unknown }, profileIds?: readonly number[]): void {
  const tables = profileIds === undefined ? SEARCH_TABLES : [...byShard(profileIds).keys()];
  for (const table of tables) raw.exec(`INSERT INTO ${table} (${table}) VALUES ('optimize')`);
}

/** Every profile whose document matches an FTS5 query, with its bm25 score (lower is better), best first. */
export function searchMatches(query: string): SqlFragment {
  const shards = SEARCH_TABLES.map((table) => {
    const name = sqlIdentifier(table);
    return sql`SELECT rowid AS id, bm25(${name}) AS score FROM ${name} WHERE ${name} MATCH ${query}`;
  });
  return sql`SELECT id, score FROM (${joinSql(shards, ' UNION ALL ')}) ORDER BY score, id`;
}

/** An import's documents, gathered per shard and inserted many per statement (see BatchedInsert). */
export class SearchTermsInsert {
  private readonly shards: readonly BatchedInsert[];

  constructor(db: SqlRunner) {
    this.shards = SEARCH_TABLES.map((table) => new BatchedInsert(db, `INSERT INTO ${table} (rowid, terms)`, 2));
  }

  get pending(): number {
    return this.shards.reduce((sum, shard) => sum + shard.pending, 0);
  }

  add(...row: SqlValue[]): void {
    this.shards[Number(row[0]) % SEARCH_SHARDS]!.add(...row);
  }

  flush(wholeStatements = false): void {
    for (const shard of this.shards) shard.flush(wholeStatements);
  }
}
