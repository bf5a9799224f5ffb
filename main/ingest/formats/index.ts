/**
 * The import pipeline's entry to files: open a reader (description + streamed batches) or preview the
 * first rows. Everything format-specific lives in the modules next to this one.
 */
import type { FileDescription, FilePreview, ReadItem, ReadOptions } from '../types';
import { sniffFile } from './detect';
import { describeWorkbook, readTextItems, sampleText, sampleWorkbook } from './dispatch';
import { throwIfAborted } from './text';
import { loadWorkbook, readWorkbook } from './xlsx';
import { XLSX_LIMITS, type XlsxLimits } from './xlsx-limits';

export { describeFile } from './detect';
export { hashFile } from './bytes';

export const DEFAULT_BATCH_SIZE = 2_000;

export interface FileReader {
  readonly description: FileDescription;
  /**
   * The file's rows and problems, in order, in batches of `batchSize` (the last one shorter). Each call
   * reads the file again from the start. When `signal` aborts, the iteration throws CANCELLED at the
   * next chunk or batch boundary and the file is closed.
   */
  batches(signal?: AbortSignal, batchSize?: number): AsyncIterable<ReadItem[]>;
}

/** Stops between batches too, not only between chunks: a consumer may abort while holding a batch. */
async function* cancellable(source: AsyncGenerator<ReadItem[]>, signal: AbortSignal | undefined): AsyncGenerator<ReadItem[]> {
  throwIfAborted(signal);
  for await (const batch of source) {
    throwIfAborted(signal);
    yield batch;
  }
}

function checkBatchSize(batchSize: number): number {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  return batchSize;
}

export async function openReader(path: string, options: ReadOptions = {}): Promise<FileReader> {
  const sniffed = await sniffFile(path, options);
  if (sniffed.format === 'xlsx') {
    // The workbook is unpacked once and serves both the description and the batches.
    const book = await loadWorkbook(path, options.sheet);
    return {
      description: describeWorkbook(sniffed, book),
      batches: (signal, batchSize = DEFAULT_BATCH_SIZE) => cancellable(readWorkbook(book, checkBatchSize(batchSize), signal), signal),
    };
  }
  // 20 records: enough for the header row, and for the keys of JSON records.
  const description = (await sampleText(path, sniffed, options, 20)).description;
  return {
    description,
    batches: (signal, batchSize = DEFAULT_BATCH_SIZE) => cancellable(readTextItems(path, sniffed, options, checkBatchSize(batchSize), signal), signal),
  };
}

/**
 * Description plus the first `rows` rows (and the problems met before them); reads no further than that.
 * This runs the readers on the calling thread: the backend goes through preview-isolated.ts instead.
 */
export async function previewFile(path: string, options: ReadOptions = {}, rows = 20, limits: XlsxLimits = XLSX_LIMITS): Promise<FilePreview> {
  const sniffed = await sniffFile(path, options);
  const sample =
    sniffed.format === 'xlsx'
      ? await sampleWorkbook(sniffed, await loadWorkbook(path, options.sheet, limits), rows)
      : await sampleText(path, sniffed, options, rows);
  return { ...sample.description, rows: sample.rows, problems: sample.problems };
}
