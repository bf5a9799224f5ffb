import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from './index';

describe('migration 028', () => {
  it('splits the search index in 16 shards, each document rebuilt from its words, deleted ones left behind', () => {
    const db = new Database(':memory:');
    migrate(db, 27);
    const insert = db.prepare('INSERT INTO profile_search (rowid, terms) VALUES (?, ?)');
    insert.run(1, 'helene tremblay lodz 5145550101 h2x1y4');
    insert.run(17, 'hélène côté montreal helene.cote exemple ca');
    insert.run(18, 'marc gagnon');
    insert.run(40, 'erased person gone');
    db.prepare('DELETE FROM profile_search WHERE rowid = 40').run();
    expect(migrate(db, 28)).toEqual([28]);

    expect(db.prepare(`SELECT count(*) FROM sqlite_schema WHERE name = 'profile_search'`).pluck().get()).toBe(0);
    const match = (table: string, query: string) => db.prepare(`SELECT rowid FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid`).pluck().all(query);
    // 1 and 17 share shard 1; 18 is in shard 2.
    expect(match('profile_search_1', 'helene')).toEqual([1, 17]);
    expect(match('profile_search_1', '"5145550101"')).toEqual([1]);
    expect(match('profile_search_1', '"h2x1y4"')).toEqual([1]);
    expect(match('profile_search_1', 'cote AND montreal')).toEqual([17]);
    expect(match('profile_search_2', 'gagnon')).toEqual([18]);
    // A document deleted before the migration does not come back, in any shard.
    for (let shard = 0; shard < 16; shard += 1) expect(match(`profile_search_${shard}`, 'erased OR gone')).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM profile_search_8_docsize').pluck().get()).toBe(0);
  });
});
