import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { BatchedInsert, ROWS_PER_STATEMENT } from './batched-insert';
import { SqlRunner } from './sql';

describe('batched inserts', () => {
  it('insert every row in order, many per statement and the remainder one by one, only when flushed', () => {
    const db = new SqlRunner(new Database(':memory:'));
    db.raw.exec('CREATE TABLE item (id INTEGER PRIMARY KEY, label TEXT NOT NULL, note TEXT) STRICT');
    const insert = new BatchedInsert(db, 'INSERT INTO item (id, label, note)', 3);
    const count = ROWS_PER_STATEMENT * 2 + 5;
    for (let id = 1; id <= count; id += 1) insert.add(id, `Hélène ${id}`, id % 2 === 0 ? null : '=1+1');
    expect(insert.pending).toBe(count);
    expect(db.raw.prepare('SELECT count(*) AS n FROM item').get()).toEqual({ n: 0 });

    insert.flush();
    expect(insert.pending).toBe(0);
    const rows = db.raw.prepare('SELECT id, label, note FROM item ORDER BY rowid').all() as { id: number; label: string; note: string | null }[];
    expect(rows).toHaveLength(count);
    expect(rows.every((row, index) => row.id === index + 1 && row.label === `Hélène ${row.id}` && row.note === (row.id % 2 === 0 ? null : '=1+1'))).toBe(true);
    insert.flush(); // nothing pending: nothing written twice
    expect(db.raw.prepare('SELECT count(*) AS n FROM item').get()).toEqual({ n: count });
  });

  it('refuses a row of the wrong width instead of shifting every later value', () => {
    const db = new SqlRunner(new Database(':memory:'));
    db.raw.exec('CREATE TABLE item (id INTEGER PRIMARY KEY, label TEXT NOT NULL) STRICT');
    const insert = new BatchedInsert(db, 'INSERT INTO item (id, label)', 2);
    expect(() => insert.add(1)).toThrow('expected 2 values, got 1');
    expect(insert.pending).toBe(0);
  });

  it('forgets rows whose statement failed, so a later flush does not insert them again', () => {
    const db = new SqlRunner(new Database(':memory:'));
    db.raw.exec('CREATE TABLE item (id INTEGER PRIMARY KEY, label TEXT NOT NULL) STRICT');
    const insert = new BatchedInsert(db, 'INSERT INTO item (id, label)', 2);
    insert.add(1, 'first');
    insert.add(1, 'same id');
    expect(() => db.raw.transaction(() => insert.flush())()).toThrow(/UNIQUE constraint failed/);
    expect(insert.pending).toBe(0);
    insert.add(2, 'second');
    insert.flush();
    expect(db.raw.prepare('SELECT id, label FROM item').all()).toEqual([{ id: 2, label: 'second' }]);
  });
});
