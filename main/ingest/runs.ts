/** Import runs: one per file import or sync, with counts, and the rows rejected along the way. */
import fs from 'node:fs';
import Papa from 'papaparse';
import type { RunSummary } from '../api/contract';
import { AppError } from '../api/errors';
import { sql, type SqlRunner } from '../store/sql';
import type { ReasonDetail } from './reasons';
import { parseDetail } from './stored-error';

interface RunRow {
  id: number;
  source_id: number;
  source_name: string;
  status: RunSummary['status'];
  started_at: string;
  finished_at: string | null;
  file_name: string | null;
  file_sha256: string | null;
  rows_read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  error: string | null;
  error_detail: string | null;
}

const SELECT_RUN = sql`SELECT r.*, s.name AS source_name FROM import_run r JOIN source s ON s.id = r.source_id`;

function toRun(row: RunRow): RunSummary {
  return {
    id: row.id,
    sourceId: row.source_id,
    sourceName: row.source_name,
    status: row.status,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    fileName: row.file_name,
    fileSha256: row.file_sha256,
    read: row.rows_read,
    inserted: row.inserted,
    updated: row.updated,
    unchanged: row.unchanged,
    rejected: row.rejected,
    error: row.error,
    errorDetail: parseDetail(row.error_detail),
  };
}

export function getRun(db: SqlRunner, id: number): RunSummary {
  const row = db.get<RunRow>(sql`${SELECT_RUN} WHERE r.id = ${id}`);
  if (!row) throw new AppError('NOT_FOUND', `There is no import run ${id}.`);
  return toRun(row);
}

export function listRuns(db: SqlRunner, sourceId: number | undefined, limit: number): RunSummary[] {
  const where = sourceId === undefined ? sql`` : sql` WHERE r.source_id = ${sourceId}`;
  return db.all<RunRow>(sql`${SELECT_RUN}${where} ORDER BY r.id DESC LIMIT ${limit}`).map(toRun);
}

export interface RejectedRow {
  readonly line: number;
  readonly reasons: string[];
  /** One per reason, null where the reason has no code; absent for rows rejected before codes existed. */
  readonly details?: (ReasonDetail | null)[];
  readonly raw: string;
}

export function listRejects(db: SqlRunner, runId: number, offset: number, limit: number): { total: number; rows: RejectedRow[] } {
  getRun(db, runId);
  const total = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM import_reject WHERE run_id = ${runId}`)?.n ?? 0;
  const rows = db
    .all<{ line: number; reasons: string; details: string | null; raw: string }>(
      sql`SELECT line, reasons, details, raw FROM import_reject WHERE run_id = ${runId} ORDER BY line, id LIMIT ${limit} OFFSET ${offset}`,
    )
    .map((row) => ({
      line: row.line,
      reasons: JSON.parse(row.reasons) as string[],
      ...(row.details === null ? {} : { details: JSON.parse(row.details) as (ReasonDetail | null)[] }),
      raw: row.raw,
    }));
  return { total, rows };
}

/** The rejected rows as CSV text, page by page; formula-like values are escaped so spreadsheets never run them. */
export function* rejectsCsv(db: SqlRunner, runId: number): Generator<{ text: string; rows: number }> {
  getRun(db, runId);
  yield { text: '\uFEFFline,reasons,raw\r\n', rows: 0 };
  let after = -1;
  for (;;) {
    const page = db.all<{ id: number; line: number; reasons: string; raw: string }>(
      sql`SELECT id, line, reasons, raw FROM import_reject WHERE run_id = ${runId} AND id > ${after} ORDER BY id LIMIT 5000`,
    );
    if (page.length === 0) return;
    const data = page.map((row) => [row.line, (JSON.parse(row.reasons) as string[]).join('; '), row.raw]);
    yield { text: Papa.unparse(data, { header: false, newline: '\r\n', escapeFormulae: true }) + '\r\n', rows: page.length };
    after = page[page.length - 1]!.id;
  }
}

/** Writes the rejected rows to a CSV file for correction; returns how many. */
export function exportRejects(db: SqlRunner, runId: number, outFile: string): number {
  const out = fs.openSync(`${outFile}.partial`, 'w');
  let rows = 0;
  try {
    for (const chunk of rejectsCsv(db, runId)) {
      fs.writeSync(out, chunk.text);
      rows += chunk.rows;
    }
  } finally {
    fs.closeSync(out);
  }
  fs.renameSync(`${outFile}.partial`, outFile);
  return rows;
}
