import { describe, expect, it } from 'vitest';
import { checksOf, MAX_REJECT_SHARE } from './messy/checks';
import { evaluateMessyImports } from './messy/evaluate';
import { MESSY_KINDS } from './messy/kinds';

// The bench's pass line at a size CI can afford: no export of the issue loses a person.
describe('messy imports (bench/messy-imports.ts at 600 rows a kind)', () => {
  it('rejects at most 0.5 % of each export, and every row is a record, a reject or an anonymous sale', async () => {
    const results = await evaluateMessyImports(600);
    expect(results.map((result) => result.kind.format)).toEqual(MESSY_KINDS.map((kind) => kind.format));
    for (const result of results) {
      const failed = checksOf(result).filter((check) => !check.ok);
      expect(failed, result.kind.label).toEqual([]);
      expect(result.run.rejected / result.rows, result.kind.label).toBeLessThanOrEqual(MAX_REJECT_SHARE);
    }
    // The till's sales without card nor personal data are counted, not people.
    const till = results.find((result) => result.kind.format === 'till-fr')!;
    expect(till.run.anonymous).toBeGreaterThan(0);
    expect(till.records).toBeLessThan(till.rows - till.run.anonymous);
  }, 90_000);
});
