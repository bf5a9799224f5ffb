/**
 * XLSX reader (read-excel-file). An .xlsx file is a ZIP of XML parts and the sheet's strings live in a
 * separate shared-strings part, so it cannot be streamed row by row from disk the way text can;
 * read-excel-file unpacks it whole. That is acceptable: a sheet holds at most 1 048 576 rows, and the
 * compressed file is several times smaller than the same data as CSV. Large exports come as CSV.
 *
 * Cells become the text a user sees in Excel, because the rest of the pipeline (like CSV) works on
 * strings: dates as ISO `YYYY-MM-DD` (or `YYYY-MM-DDTHH:MM:SS` with a time), numbers at Excel's 15
 * significant digits (no binary float noise such as 0.30000000000000004), booleans as TRUE/FALSE.
 */
import readXlsxFile, { InvalidInputError, InvalidSpreadsheetError, SheetNotFoundError } from 'read-excel-file/node';
import { AppError } from '../../core/errors';
import type { ReadItem } from '../types';
import { normalizeHeaders, rowValues, throwIfAborted, toIoError } from './text';
import { checkWorkbookLimits, XLSX_LIMITS, type XlsxLimits } from './xlsx-limits';

export interface Workbook {
  readonly sheets: readonly string[];
  /** Name of the sheet that `rows` comes from. */
  readonly sheet: string;
  /** The sheet's rows, cells already converted to text; index + 1 is the sheet row number. */
  readonly rows: readonly (readonly string[])[];
}

const EXCEL_TIME_EPOCH_START = Date.UTC(1899, 11, 30);
const EXCEL_DATE_EPOCH = Date.UTC(1900, 0, 1);

function formatDate(date: Date): string {
  const time = date.getTime();
  if (Number.isNaN(time)) return '';
  // Serial numbers are fractions of a day: round away sub-second noise (…T09:59:59.999).
  const iso = new Date(Math.round(time / 1000) * 1000).toISOString();
  // A time without a date is stored as a fraction of day 0, i.e. on 1899-12-30/31.
  if (time >= EXCEL_TIME_EPOCH_START && time < EXCEL_DATE_EPOCH) return iso.slice(11, 19);
  return iso.slice(11, 19) === '00:00:00' ? iso.slice(0, 10) : iso.slice(0, 19);
}

/** Excel keeps 15 significant digits; anything beyond is float representation noise. */
function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return String(Number(value.toPrecision(15)));
}

export function formatCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return formatDate(value);
  return String(value);
}

function noSuchSheet(sheet: string): AppError {
  return new AppError('INVALID_INPUT', `This workbook has no sheet named "${sheet}".`, { sheet });
}

/** Whether `error` says the workbook has no sheet named `sheet`. */
export function isNoSuchSheet(error: unknown, sheet: string): boolean {
  return error instanceof AppError && error.code === 'INVALID_INPUT' && error.params?.sheet === sheet;
}

function toAppError(error: unknown, sheet: string | undefined): unknown {
  if (error instanceof SheetNotFoundError) return noSuchSheet(String(sheet));
  if (error instanceof InvalidInputError || error instanceof InvalidSpreadsheetError) {
    return new AppError('FILE_UNSUPPORTED', 'This file is not a text table, JSON or Excel file.', { detected: 'damaged-xlsx' });
  }
  return toIoError(error);
}

/**
 * Reads the workbook: all sheet names, and the chosen sheet (the first when `sheet` is absent) as text.
 * Refuses first, without unpacking it, a workbook that would unpack past `limits` (see xlsx-limits.ts).
 */
export async function loadWorkbook(path: string, sheet?: string, limits: XlsxLimits = XLSX_LIMITS): Promise<Workbook> {
  await checkWorkbookLimits(path, limits);
  let all: Awaited<ReturnType<typeof readXlsxFile>>;
  try {
    // trim: false — values are kept as written, as for CSV; cleaning them is the normaliser's job.
    all = await readXlsxFile(path, { trim: false });
  } catch (error) {
    throw toAppError(error, sheet);
  }
  // An empty sheet name (a cleared field in a form) means the default, like an absent one.
  const chosen = sheet ? all.find((candidate) => candidate.sheet === sheet) : all[0];
  if (!chosen) throw noSuchSheet(String(sheet));
  return {
    sheets: all.map((candidate) => candidate.sheet),
    sheet: chosen.sheet,
    rows: chosen.data.map((row) => row.map((cell) => formatCell(cell as unknown))),
  };
}

function isBlank(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

/** Header cells of the first non-empty row. */
export function workbookHeaders(book: Workbook): string[] {
  const header = book.rows.find((row) => !isBlank(row));
  return header ? normalizeHeaders(header) : [];
}

/** How many data rows readWorkbook will give: the non-blank rows after the header row. */
export function workbookRowCount(book: Workbook): number {
  const nonBlank = book.rows.filter((row) => !isBlank(row)).length;
  return Math.max(0, nonBlank - 1);
}

/** The sheet's data rows after the header row, in batches; blank rows are skipped. */
export async function* readWorkbook(book: Workbook, batchSize: number, signal?: AbortSignal): AsyncGenerator<ReadItem[]> {
  let headers: string[] | null = null;
  let batch: ReadItem[] = [];
  for (let index = 0; index < book.rows.length; index++) {
    const cells = book.rows[index]!;
    if (isBlank(cells)) continue;
    if (headers === null) {
      headers = normalizeHeaders(cells);
      continue;
    }
    // read-excel-file pads every row to the sheet's width, so rows and headers always line up.
    batch.push({ kind: 'row', row: { line: index + 1, values: rowValues(headers, cells) } });
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
      throwIfAborted(signal);
    }
  }
  if (batch.length > 0) yield batch;
}
