/**
 * CSV/TSV reader: file → decoder → CsvScanner (papaparse) → rows keyed by the header row, in batches.
 * Streaming end to end: one chunk of text and at most one unfinished record (≤ 1 MiB) are held at a
 * time, whatever the file size. Values stay exactly as written — no trimming, no type conversion — so
 * `0012`, `+48 601…`, `=1+2` or `@foo` reach the mapping step untouched; deciding what they mean (and
 * neutralising formula-like values on export) is not a reader's job.
 */
import type { ReasonDetail } from '../reasons';
import type { ReadItem } from '../types';
import { CsvScanner, type CsvRecord } from './csv-scanner';
import { normalizeHeaders, readText, rowValues, throwIfAborted } from './text';

export interface CsvReadOptions {
  readonly encoding: string;
  readonly delimiter: string;
  readonly batchSize: number;
  readonly signal?: AbortSignal;
  /** Called once, as soon as the header row is known (with [] for a file with no records at all). */
  readonly onHeaders?: (headers: readonly string[]) => void;
}

function isBlank(fields: readonly string[]): boolean {
  return fields.every((field) => field.trim() === '');
}

/**
 * A damaged header row still names the columns, so its problem gets codes of its own: what the steward
 * must do is check those names, not correct and re-import a row of data.
 */
function headerDetail(detail: ReasonDetail | null): ReasonDetail {
  if (detail?.code === 'unterminatedQuote') return { code: 'headerUnterminatedQuote', params: {} };
  if (detail?.code === 'malformedQuote') return { code: 'headerMalformedQuote', params: {} };
  return { code: 'headerUnreadable', params: {} };
}

const UNREADABLE: ReasonDetail = { code: 'unreadableRecord', params: {} };

export async function* readCsv(path: string, options: CsvReadOptions): AsyncGenerator<ReadItem[]> {
  const { batchSize, signal } = options;
  const scanner = new CsvScanner(options.delimiter);
  let headers: string[] | null = null;
  let batch: ReadItem[] = [];
  const ready: ReadItem[][] = [];
  const records: CsvRecord[] = [];

  const add = (item: ReadItem): void => {
    batch.push(item);
    if (batch.length >= batchSize) {
      ready.push(batch);
      batch = [];
    }
  };

  const take = (): void => {
    for (const record of records) {
      const { fields, line, raw, problem, detail } = record;
      // Lines with nothing but blanks and delimiters are skipped: Excel pads sheets with ";;;;" rows.
      if (fields && !problem && isBlank(fields)) continue;
      if (headers === null && fields) {
        headers = normalizeHeaders(fields);
        options.onHeaders?.(headers);
        if (problem) add({ kind: 'problem', problem: { line, reason: `header row: ${problem}`, raw, detail: headerDetail(detail) } });
        continue;
      }
      if (problem || !fields) {
        add({ kind: 'problem', problem: { line, reason: problem ?? 'unreadable record', raw, detail: detail ?? UNREADABLE } });
      } else if (fields.length !== headers!.length) {
        add({
          kind: 'problem',
          problem: {
            line,
            reason: `expected ${headers!.length} fields, found ${fields.length}`,
            raw,
            detail: { code: 'fieldCount', params: { expected: headers!.length, found: fields.length } },
          },
        });
      } else {
        add({ kind: 'row', row: { line, values: rowValues(headers!, fields) } });
      }
    }
    records.length = 0;
  };

  for await (const text of readText(path, options.encoding, signal)) {
    scanner.push(text, records);
    take();
    while (ready.length > 0) {
      yield ready.shift()!;
      throwIfAborted(signal);
    }
  }
  scanner.end(records);
  take();
  if (headers === null) options.onHeaders?.([]);
  for (const full of ready) yield full;
  if (batch.length > 0) yield batch;
}
