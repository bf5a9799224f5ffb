/** Import runs: one per file import or sync, with counts, and the rows rejected along the way. */
import Papa from 'papaparse';
import type { RunSummary } from './contract';
import { AppError } from '../core/errors';
import { guardedCell as guarded } from '../platform/csv-cell';
import { OutputFile, type OutputOptions } from '../platform/output-file';
import { sql, type SqlRunner } from '../store/sql';
import type { Language } from '../core/contract-kit';
import type { ReasonDetail } from './reasons';
import { reasonTexts, rejectColumnName } from './reject-text';
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
  flagged: number;
  anonymous: number;
  held: number;
  suppressed: number;
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
    flagged: row.flagged,
    anonymous: row.anonymous,
    held: row.held,
    suppressed: row.suppressed,
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

/** Delimiters a rejects file is written with: the file's own, when it was one of these; `,` otherwise. */
const DELIMITERS: ReadonlySet<string> = new Set([',', ';', '\t', '|']);

/** Remembers the delimiter a connector's file was read with, once its preview has found it. */
export function recordDelimiter(db: SqlRunner, runId: number, delimiter: string | null): void {
  db.run(sql`UPDATE import_run SET delimiter = ${delimiter} WHERE id = ${runId}`);
}

export interface RejectsCsvOptions {
  /** The language of the reasons and of the `line`, `reasons` and `raw` columns; English by default. */
  readonly language?: Language;
}

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

function* rejectPages(db: SqlRunner, runId: number): Generator<{ line: number; reasons: string; details: string | null; raw: string }[]> {
  let after = -1;
  for (;;) {
    const page = db.all<{ id: number; line: number; reasons: string; details: string | null; raw: string }>(
      sql`SELECT id, line, reasons, details, raw FROM import_reject WHERE run_id = ${runId} AND id > ${after} ORDER BY id LIMIT ${REJECTS_PAGE}`,
    );
    if (page.length === 0) return;
    yield page;
    after = page[page.length - 1]!.id;
  }
}

/**
 * The rejected rows as CSV text, page by page, in the file's own columns so a steward can correct them in a
 * spreadsheet and import the file again: `line`, `reasons` (both named, and the reasons written, in the
 * requester's language), then every column met in the rejected rows (in first-seen order; nested JSON
 * values as JSON text), then `raw` for rows that could not be read into columns at all. A first pass over
 * the rejects gathers the columns. The file's own delimiter is used when the run kept it (a `;` export
 * comes back as `;`), `,` otherwise. Formula-like values are escaped so spreadsheets never run them (see
 * platform/csv-cell.ts); everything else is written as it was read, so the file imported again unedited gives
 * the same rejects for the same reasons.
 */
export function* rejectsCsv(db: SqlRunner, runId: number, options: RejectsCsvOptions = {}): Generator<{ text: string; rows: number }> {
  getRun(db, runId);
  const language = options.language ?? 'en';
  const stored = db.get<{ delimiter: string | null }>(sql`SELECT delimiter FROM import_run WHERE id = ${runId}`)?.delimiter ?? null;
  const delimiter = stored !== null && DELIMITERS.has(stored) ? stored : ',';
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
  const line = freeName(rejectColumnName(language, 'line'), keys);
  const reasons = freeName(rejectColumnName(language, 'reasons'), keys);
  const header = [line, reasons, ...names, ...(unread ? [freeName(rejectColumnName(language, 'raw'), new Set([...names, line, reasons]))] : [])];
  const unparse = (rows: unknown[][]) => Papa.unparse(rows, { header: false, newline: '\r\n', delimiter, escapeFormulae: false }) + '\r\n';
  yield { text: '\uFEFF' + unparse([header.map(guarded)]), rows: 0 };
  for (const page of rejectPages(db, runId)) {
    const data = page.map((row) => {
      const columns = rawColumns(row.raw);
      const values = names.map((key) => guarded(columns && Object.hasOwn(columns, key) ? cell(columns[key]) : ''));
      const details = row.details === null ? null : (JSON.parse(row.details) as (ReasonDetail | null)[]);
      const text = reasonTexts(language, JSON.parse(row.reasons) as string[], details).join('; ');
      return [row.line, guarded(text), ...values, ...(unread ? [guarded(columns ? '' : row.raw)] : [])];
    });
    yield { text: unparse(data), rows: page.length };
  }
}

/** Writes the rejected rows to a CSV file for correction; returns how many. */
export function exportRejects(db: SqlRunner, runId: number, outFile: string, options: OutputOptions & RejectsCsvOptions = {}): { file: string; rows: number } {
  const out = OutputFile.open(outFile, options);
  let rows = 0;
  try {
    for (const chunk of rejectsCsv(db, runId, { language: options.language ?? 'en' })) {
      out.write(chunk.text);
      rows += chunk.rows;
    }
  } catch (error) {
    out.abort();
    throw error;
  }
  return { file: out.commit(), rows };
}
