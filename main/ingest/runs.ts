/** Import runs: one per file import or sync, with counts, and the rows rejected along the way. */
import Papa from 'papaparse';
import type { RunSummary } from './contract';
import { AppError } from '../core/errors';
import { OutputFile, type OutputOptions } from '../platform/output-file';
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
  undone_at: string | null;
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
    undoneAt: row.undone_at,
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

const REJECTS_PAGE = 5_000;

/**
 * Papa's own `escapeFormulae: true` misses a value with a line break (`.*$` stops at it), which a
 * spreadsheet still runs as a formula: any value starting with these characters is escaped.
 */
const FORMULA = /^[=+\-@\t\r]/;

/** The columns of a rejected row as the reader saw them, when its raw text is that object; null otherwise. */
function rawColumns(raw: string): Record<string, unknown> | null {
  if (!raw.startsWith('{')) return null;
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null; // cut short when stored, or text that merely starts with a brace
  }
}

function cell(value: unknown): string | number | boolean {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

/** `name`, or `_name`, `__name`… : the first not already taken by a column of the file. */
function freeName(name: string, taken: ReadonlySet<string>): string {
  return taken.has(name) ? freeName(`_${name}`, taken) : name;
}

function* rejectPages(db: SqlRunner, runId: number): Generator<{ line: number; reasons: string; raw: string }[]> {
  let after = -1;
  for (;;) {
    const page = db.all<{ id: number; line: number; reasons: string; raw: string }>(
      sql`SELECT id, line, reasons, raw FROM import_reject WHERE run_id = ${runId} AND id > ${after} ORDER BY id LIMIT ${REJECTS_PAGE}`,
    );
    if (page.length === 0) return;
    yield page;
    after = page[page.length - 1]!.id;
  }
}

/**
 * The rejected rows as CSV text, page by page, in the file's own columns so a steward can correct them in a
 * spreadsheet and import the file again: `line`, `reasons`, then every column met in the rejected rows (in
 * first-seen order; nested JSON values as JSON text), then `raw` for rows that could not be read into
 * columns at all. A first pass over the rejects gathers the columns. Formula-like values are escaped so
 * spreadsheets never run them.
 */
export function* rejectsCsv(db: SqlRunner, runId: number): Generator<{ text: string; rows: number }> {
  getRun(db, runId);
  const keys = new Set<string>();
  let unread = false;
  for (const page of rejectPages(db, runId)) {
    for (const row of page) {
      const columns = rawColumns(row.raw);
      if (columns) for (const key of Object.keys(columns)) keys.add(key);
      else if (row.raw !== '') unread = true;
    }
  }
  const names = [...keys];
  const line = freeName('line', keys);
  const reasons = freeName('reasons', keys);
  const header = [line, reasons, ...names, ...(unread ? [freeName('raw', new Set([...names, line, reasons]))] : [])];
  const unparse = (rows: unknown[][]) => Papa.unparse(rows, { header: false, newline: '\r\n', escapeFormulae: FORMULA }) + '\r\n';
  yield { text: '\uFEFF' + unparse([header]), rows: 0 };
  for (const page of rejectPages(db, runId)) {
    const data = page.map((row) => {
      const columns = rawColumns(row.raw);
      const values = names.map((key) => (columns && Object.hasOwn(columns, key) ? cell(columns[key]) : ''));
      return [row.line, (JSON.parse(row.reasons) as string[]).join('; '), ...values, ...(unread ? [columns ? '' : row.raw] : [])];
    });
    yield { text: unparse(data), rows: page.length };
  }
}

/** Writes the rejected rows to a CSV file for correction; returns how many. */
export function exportRejects(db: SqlRunner, runId: number, outFile: string, options: OutputOptions = {}): { file: string; rows: number } {
  const out = OutputFile.open(outFile, options);
  let rows = 0;
  try {
    for (const chunk of rejectsCsv(db, runId)) {
      out.write(chunk.text);
      rows += chunk.rows;
    }
  } catch (error) {
    out.abort();
    throw error;
  }
  return { file: out.commit(), rows };
}
