import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from './index';

describe('migration 018', () => {
  it('adds the survivorship rules, one row per field, with an ordered list of sources', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, 17);
    expect(migrate(db, 18)).toEqual([18]);
    db.exec(`INSERT INTO golden_rule (field, rule, sources, updated_at) VALUES ('city', 'sourcePriority', '[2, 1]', 't'), ('email', 'mostRecent', '[]', 't')`);
    expect(db.prepare('SELECT field, rule, sources FROM golden_rule ORDER BY field').all()).toEqual([
      { field: 'city', rule: 'sourcePriority', sources: '[2, 1]' },
      { field: 'email', rule: 'mostRecent', sources: '[]' },
    ]);
    expect(() => db.exec(`INSERT INTO golden_rule (field, rule, updated_at) VALUES ('city', 'longest', 't')`)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.exec(`INSERT INTO golden_rule (field, rule, sources, updated_at) VALUES ('phone', 'longest', 'not json', 't')`)).toThrow(/CHECK/);
    expect(() => db.exec(`INSERT INTO golden_rule (field, rule, updated_by, updated_at) VALUES ('phone', 'longest', 99, 't')`)).toThrow(/FOREIGN KEY/);
  });
});
