/**
 * From a sniffed file to its reader, and the "read only the beginning" helpers behind describeFile and
 * previewFile. Kept apart from detect.ts so that the readers never depend on sniffing.
 */
import type { FileDescription, RawRow, ReadItem, ReadOptions, ReadProblem } from '../types';
import { readCsv } from './csv';
import type { Sniffed } from './sniffed';
import { readJson, readNdjson } from './json';
import { readWorkbook, workbookHeaders, workbookRowCount, type Workbook } from './xlsx';

/** The batches of a CSV/TSV/JSON/NDJSON file (XLSX goes through loadWorkbook + readWorkbook). */
export function readTextItems(
  path: string,
  sniffed: Sniffed,
  options: ReadOptions,
  batchSize: number,
  signal?: AbortSignal,
  onHeaders?: (headers: readonly string[]) => void,
): AsyncGenerator<ReadItem[]> {
  const { encoding } = sniffed;
  switch (sniffed.format) {
    case 'csv':
    case 'tsv':
      return readCsv(path, { encoding, delimiter: sniffed.delimiter ?? ',', batchSize, signal, onHeaders });
    case 'json':
      return readJson(path, { encoding, batchSize, signal, recordsPath: options.recordsPath || undefined });
    case 'ndjson':
      return readNdjson(path, { encoding, batchSize, signal });
    case 'xlsx':
      throw new Error('XLSX is read with loadWorkbook()');
  }
}

export interface Sample {
  readonly description: FileDescription;
  readonly rows: readonly RawRow[];
  readonly problems: readonly ReadProblem[];
}

/** Top-level keys in first-seen order: the "columns" of JSON records. */
function unionOfKeys(rows: readonly RawRow[]): string[] {
  const keys = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row.values)) keys.add(key);
  return [...keys];
}

/** A preview also stops after this many problems (or `count`, if larger): a file of nothing but problems is not read to the end. */
const PREVIEW_PROBLEMS = 100;

/**
 * The first `count` rows and the problems met on the way, then the file is closed: leaving the loop
 * early ends the reader's generator, which closes its stream.
 */
async function takeFirst(items: AsyncIterable<ReadItem[]>, count: number): Promise<{ rows: RawRow[]; problems: ReadProblem[] }> {
  const rows: RawRow[] = [];
  const problems: ReadProblem[] = [];
  const maxProblems = Math.max(count, PREVIEW_PROBLEMS);
  outer: for await (const batch of items) {
    for (const item of batch) {
      if (item.kind === 'row') rows.push(item.row);
      else problems.push(item.problem);
      if (rows.length >= count || problems.length >= maxProblems) break outer;
    }
  }
  return { rows, problems };
}

export async function sampleText(path: string, sniffed: Sniffed, options: ReadOptions, count: number): Promise<Sample> {
  // Declared with `as` so that TypeScript does not narrow it to null: the callback assigns it.
  let headers = null as readonly string[] | null;
  const items = readTextItems(path, sniffed, options, Math.max(1, count), undefined, (found) => {
    headers = found;
  });
  // Even for count 0 the CSV header is needed: read until it is known (the first record).
  const taken = await takeFirst(items, Math.max(1, count));
  const rows = taken.rows.slice(0, count);
  const problems = count > 0 ? taken.problems : [];
  const columns = sniffed.format === 'json' || sniffed.format === 'ndjson' ? unionOfKeys(rows) : (headers ?? []);
  return { description: { ...sniffed, headers: columns, sheets: [] }, rows, problems };
}

export function describeWorkbook(sniffed: Sniffed, book: Workbook): FileDescription {
  return { ...sniffed, headers: workbookHeaders(book), sheets: book.sheets, rowCount: workbookRowCount(book) };
}

export async function sampleWorkbook(sniffed: Sniffed, book: Workbook, count: number): Promise<Sample> {
  const { rows, problems } = count > 0 ? await takeFirst(readWorkbook(book, count), count) : { rows: [], problems: [] };
  return { description: describeWorkbook(sniffed, book), rows, problems };
}
