import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from './index';

describe('migration 021', () => {
  it('finds records new since an id or changed since a time through indexes, without a scan', () => {
    const db = new Database(':memory:');
    migrate(db, 20);
    expect(migrate(db, 21)).toEqual([21]);
    const plan = db
      .prepare(
        'EXPLAIN QUERY PLAN SELECT DISTINCT id FROM (SELECT id FROM source_record WHERE id > ? UNION ALL SELECT id FROM source_record WHERE updated_at > ?) ORDER BY id',
      )
      .all(10, '2026-01-01')
      .map((row) => (row as { detail: string }).detail)
      .join('\n');
    expect(plan).toMatch(/SEARCH source_record USING COVERING INDEX source_record_updated/);
    expect(plan).toMatch(/SEARCH source_record USING INTEGER PRIMARY KEY/);
    expect(plan).not.toMatch(/SCAN source_record/);
  });
});
