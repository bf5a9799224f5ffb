/**
 * The home screen's charts, as counts: records per source, imports per month, flagged records by field
 * and reason across every source. No personal data: auditors see them too.
 */
import { sql, type SqlRunner } from '../store/sql';
import { FOLDED, registerFold } from './quality/flags';

export interface IngestFigures {
  readonly recordsPerSource: { sourceId: number; sourceName: string; records: number }[];
  /** The last `months` calendar months (UTC), oldest first, months without a run included. */
  readonly importsPerMonth: { month: string; runs: number; rows: number }[];
  readonly flagsByReason: { field: string; code: string; column: string; records: number; flags: number }[];
}

export const FIGURE_MONTHS = 12;

/** `2026-03` and the eleven months before it, oldest first. */
export function lastMonths(now: Date, months: number): string[] {
  return Array.from({ length: months }, (_, index) => {
    const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (months - 1 - index), 1));
    return date.toISOString().slice(0, 7);
  });
}

export function ingestFigures(db: SqlRunner, now: Date): IngestFigures {
  registerFold(db);
  const recordsPerSource = db.all<IngestFigures['recordsPerSource'][number]>(sql`
    SELECT s.id AS sourceId, s.name AS sourceName, (SELECT count(*) FROM source_record r WHERE r.source_id = s.id) AS records
    FROM source s ORDER BY records DESC, s.name_folded`);
  const months = lastMonths(now, FIGURE_MONTHS);
  // Undone runs count: the import happened, and its rows were read.
  const counted = new Map(
    db
      .all<{ month: string; runs: number; rows: number }>(
        sql`
        SELECT substr(started_at, 1, 7) AS month, count(*) AS runs, sum(rows_read) AS rows FROM import_run
        WHERE started_at >= ${`${months[0]!}-01`} GROUP BY 1`,
      )
      .map((row) => [row.month, row]),
  );
  const importsPerMonth = months.map((month) => ({ month, runs: counted.get(month)?.runs ?? 0, rows: counted.get(month)?.rows ?? 0 }));
  const flagsByReason = db.all<IngestFigures['flagsByReason'][number]>(sql`
    SELECT f.field, f.code, ${FOLDED} AS "column", count(DISTINCT f.source_record_id) AS records, count(*) AS flags
    FROM record_flag f GROUP BY 1, 2, 3 ORDER BY records DESC, 1, 2, 3`);
  return { recordsPerSource, importsPerMonth, flagsByReason };
}
