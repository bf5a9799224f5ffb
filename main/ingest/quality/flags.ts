/**
 * Reading the flags of a source: counts per field, reason and column, and the flagged values with the
 * person they belong to. Columns are compared with their list positions folded (`orders[3].placed_at`
 * is `orders[].placed_at`): a shared cause is a column's, not one order's.
 */
import { sql, type SqlRunner } from '../../store/sql';
import { getSource } from '../sources';
import type { FlagCount, FlaggedValue, QualitySummary, SourceQuality } from './contract';

export interface FlagFilter {
  readonly sourceId: number;
  readonly runId?: number | undefined;
  readonly field?: string | undefined;
  readonly code?: string | undefined;
  readonly column?: string | undefined;
}

export const foldColumn = (column: string): string => column.replace(/\[\d+\]/g, '[]');

/** SQL for the folded column, the same fold as foldColumn for the positions a JSON path can carry. */
export const FOLDED = sql`regexp_fold(f.column_name)`;

function where(filter: FlagFilter) {
  return sql`r.source_id = ${filter.sourceId}
    AND (${filter.runId ?? null} IS NULL OR f.run_id = ${filter.runId ?? null})
    AND (${filter.field ?? null} IS NULL OR f.field = ${filter.field ?? null})
    AND (${filter.code ?? null} IS NULL OR f.code = ${filter.code ?? null})
    AND (${filter.column ?? null} IS NULL OR ${FOLDED} = ${filter.column ?? null})`;
}

const registered = new WeakSet<object>();

/** SQLite has no regexp_replace: the fold is a function of ours, registered once per connection. */
export function registerFold(db: SqlRunner): void {
  if (registered.has(db.raw)) return;
  db.raw.function('regexp_fold', { deterministic: true }, (value: unknown) => (typeof value === 'string' ? foldColumn(value) : value));
  registered.add(db.raw);
}

export function qualityOverview(db: SqlRunner): SourceQuality[] {
  return db
    .all<SourceQuality>(
      sql`
    SELECT s.id AS sourceId, s.name AS sourceName,
      (SELECT count(*) FROM source_record r WHERE r.source_id = s.id) AS records,
      (SELECT count(DISTINCT f.source_record_id) FROM record_flag f JOIN source_record r ON r.id = f.source_record_id WHERE r.source_id = s.id) AS flaggedRecords
    FROM source s ORDER BY flaggedRecords DESC, s.name`,
    )
    .filter((source) => source.flaggedRecords > 0);
}

export function qualitySummary(db: SqlRunner, sourceId: number, runId?: number): QualitySummary {
  registerFold(db);
  const source = getSource(db, sourceId);
  const filter = { sourceId, runId };
  const counts = db.all<FlagCount>(sql`
    SELECT f.field, f.code, ${FOLDED} AS "column", count(DISTINCT f.source_record_id) AS records, count(*) AS flags
    FROM record_flag f JOIN source_record r ON r.id = f.source_record_id
    WHERE ${where(filter)}
    GROUP BY 1, 2, 3 ORDER BY records DESC, 1, 2, 3`);
  const flagged = db.get<{ n: number }>(sql`
    SELECT count(DISTINCT f.source_record_id) AS n FROM record_flag f JOIN source_record r ON r.id = f.source_record_id WHERE ${where(filter)}`)!.n;
  const records = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM source_record WHERE source_id = ${sourceId}`)!.n;
  return { sourceId, sourceName: source.name, records, flaggedRecords: flagged, counts };
}

interface FlagRow {
  flagId: number;
  recordId: number;
  profileId: number | null;
  displayName: string | null;
  externalId: string;
  field: string;
  column: string;
  code: string;
  reason: string;
  raw: string;
  detail: string | null;
}

export function listFlags(db: SqlRunner, filter: FlagFilter, offset: number, limit: number): { total: number; rows: FlaggedValue[] } {
  registerFold(db);
  const total = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM record_flag f JOIN source_record r ON r.id = f.source_record_id WHERE ${where(filter)}`)!.n;
  const rows = db.all<FlagRow>(sql`
    SELECT f.id AS flagId, r.id AS recordId, m.profile_id AS profileId, p.display_name AS displayName, r.external_id AS externalId,
      f.field, f.column_name AS "column", f.code, f.reason, f.raw, f.detail
    FROM record_flag f JOIN source_record r ON r.id = f.source_record_id
      LEFT JOIN profile_member m ON m.source_record_id = r.id LEFT JOIN profile p ON p.id = m.profile_id
    WHERE ${where(filter)}
    ORDER BY f.id LIMIT ${limit} OFFSET ${offset}`);
  return {
    total,
    rows: rows.map(({ detail, displayName, ...row }) => ({
      ...row,
      displayName: displayName ?? row.externalId,
      params: (detail === null ? {} : ((JSON.parse(detail) as { params?: FlaggedValue['params'] }).params ?? {})) as FlaggedValue['params'],
    })),
  };
}
