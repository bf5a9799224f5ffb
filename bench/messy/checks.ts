/**
 * The pass line for messy imports: rejects ≤ 0.5 % of rows, and no person lost, every source
 * row being a record, a reject or an anonymous transaction, in the run's counts and against the
 * generator's own tally.
 */
import type { KindResult } from './evaluate';

export const MAX_REJECT_SHARE = 0.005;

export interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

export function checksOf(result: KindResult): Check[] {
  const { run, rows, records, expected } = result;
  const accounted = run.inserted + run.updated + run.unchanged + run.rejected + run.anonymous;
  return [
    {
      name: 'rejects',
      ok: run.rejected <= MAX_REJECT_SHARE * rows,
      detail: `${run.rejected} rejected of ${rows} rows, at most ${(MAX_REJECT_SHARE * 100).toFixed(1)} %`,
    },
    { name: 'rows read', ok: run.read === rows, detail: `read ${run.read}, the file has ${rows}` },
    {
      name: 'run adds up',
      ok: run.read === accounted,
      detail: `read ${run.read} = inserted ${run.inserted} + updated ${run.updated} + unchanged ${run.unchanged} + rejected ${run.rejected} + anonymous ${run.anonymous} (${accounted})`,
    },
    { name: 'anonymous', ok: run.anonymous === expected.anonymous, detail: `counted ${run.anonymous}, generated ${expected.anonymous}` },
    {
      // A rejected row may be a person (kept for correction) or a repeat of one: bounds, not one number.
      name: 'people',
      ok: records <= expected.people && expected.people <= records + run.rejected,
      detail: `${records} records + ${run.rejected} rejected for ${expected.people} people generated`,
    },
  ];
}

export const passes = (result: KindResult): boolean => checksOf(result).every((check) => check.ok);
