import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { joinSql, sql, SqlRunner } from './sql';

describe('sql tagged template', () => {
  it('turns values into parameters and composes fragments', () => {
    const conditions = [sql`name = ${"O'Brien; DROP TABLE t"}`, sql`age > ${40}`];
    const query = sql`SELECT * FROM person WHERE ${joinSql(conditions, ' AND ')} LIMIT ${5}`;
    expect(query.text).toBe('SELECT * FROM person WHERE name = ? AND age > ? LIMIT ?');
    expect(query.params).toEqual(["O'Brien; DROP TABLE t", 40, 5]);
  });

  it('runs against a real connection, reusing prepared statements', () => {
    const db = new SqlRunner(new Database(':memory:'));
    db.raw.exec('CREATE TABLE person (name TEXT NOT NULL, age INTEGER NOT NULL) STRICT');
    for (const [name, age] of [
      ['Hélène', 41],
      ["O'Brien", 39],
    ] as const)
      db.run(sql`INSERT INTO person VALUES (${name}, ${age})`);
    expect(db.statement('SELECT 1')).toBe(db.statement('SELECT 1'));
    expect(db.all<{ name: string }>(sql`SELECT name FROM person WHERE age > ${40}`)).toEqual([{ name: 'Hélène' }]);
    expect(() => db.run(sql`INSERT INTO person VALUES (${'x'}, ${'not a number'})`)).toThrow(/cannot store TEXT value in INTEGER column/);
  });
});
