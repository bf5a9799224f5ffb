import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from './index';

describe('migration 015', () => {
  it('answers the filter by object from an index, not by reading the whole audit trail', () => {
    const db = new Database(':memory:');
    migrate(db, 14);
    expect(migrate(db, 15)).toEqual([15]);
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT seq FROM audit_log WHERE object_type = 'profile' AND object_id = '42' ORDER BY seq DESC LIMIT 50`)
      .all() as { detail: string }[];
    expect(plan.map((step) => step.detail).join(' ')).toMatch(/USING (COVERING )?INDEX audit_log_object/);
  });
});
