/**
 * What a workbook may unpack to before read-excel-file is given it. The library unzips every XML part
 * whole into memory and turns each into one string, so a few megabytes of ZIP that inflate to gigabytes
 * (a "ZIP bomb", or one cell placed at XFD1048576) used to take the whole process down with V8's fatal
 * out-of-memory error. Here the ZIP's central directory is read first, the declared sizes checked, then
 * every part the library would read is inflated as a stream and counted: more bytes than declared, more
 * than the limits, or a sheet whose grid of cells is too large stops the reading at once, with an
 * AppError naming the limit.
 */
import fs from 'node:fs';
import { open } from 'node:fs/promises';
import zlib from 'node:zlib';
import { AppError } from '../../core/errors';
import { SheetExtent } from './sheet-extent';
import { toIoError } from './text';
import { readZipDirectory, ZipStructureError, type ZipEntry } from './zip-directory';

export interface XlsxLimits {
  /** Uncompressed bytes of any one XML part (a sheet, the shared strings). */
  readonly partBytes: number;
  /** Uncompressed bytes of all the XML parts together. */
  readonly totalBytes: number;
  /** Cells of all sheets together, counted as the library builds them: last row × rightmost column. */
  readonly cells: number;
}

const MiB = 1024 * 1024;

/**
 * The largest sheet worth reading is Excel's own maximum: 1,048,576 rows. A CRM export 12 columns wide
 * (the bench's) at that height is a 514 MB sheet part and 480 MB of shared strings, 12.6 million cells.
 * - 512 MiB a part: read-excel-file turns each part into one JavaScript string, and V8's strings stop at
 *   2^29 − 24 characters; a larger part could not be read at all, only exhaust memory trying.
 * - 1.25 GiB in all: that largest sheet with its largest shared strings, and room for styles and a
 *   few small sheets beside it.
 * - 16,777,216 cells: Excel's 1,048,576 rows × 16 columns, a third more than that export, and more than
 *   a full-height sheet that fits in 512 MiB can hold (about 40 bytes of XML a cell). It is what stops a
 *   small sheet that places one value far down and to the right: the library pads the grid up to it.
 */
export const XLSX_LIMITS: XlsxLimits = { partBytes: 512 * MiB, totalBytes: 1280 * MiB, cells: 1_048_576 * 16 };

/** The parts read-excel-file unpacks (its filterZipArchiveEntry): everything else stays compressed. */
function isReadPart(entry: ZipEntry): boolean {
  return entry.name.endsWith('.xml') || entry.name.endsWith('.xml.rels');
}

function megabytes(bytes: number): number {
  return Math.round(bytes / MiB);
}

function tooLarge(reason: 'xlsxPart' | 'xlsxTotal', limits: XlsxLimits, part?: string): AppError {
  const max = megabytes(reason === 'xlsxPart' ? limits.partBytes : limits.totalBytes);
  const message =
    reason === 'xlsxPart'
      ? `This workbook's part ${part} unpacks to more than ${max} MB, the most Custodia reads from one sheet or its shared strings.`
      : `This workbook unpacks to more than ${max} MB in all, the most Custodia reads from one workbook.`;
  return new AppError('FILE_TOO_LARGE', message, reason === 'xlsxPart' ? { reason, max, part: part! } : { reason, max });
}

function tooManyCells(limits: XlsxLimits): AppError {
  return new AppError(
    'FILE_TOO_LARGE',
    `This workbook's sheets span more than ${limits.cells} cells (rows × columns up to the last value), the most Custodia reads from one workbook.`,
    { reason: 'xlsxCells', max: limits.cells },
  );
}

function damaged(why: string): AppError {
  return new AppError('FILE_UNSUPPORTED', `This Excel workbook is damaged: ${why}`, { detected: 'damaged-xlsx' });
}

/** The part's bytes as they inflate; leaving the loop early stops the reading and the inflater. */
async function* inflated(path: string, entry: ZipEntry): AsyncGenerator<Buffer> {
  if (entry.compressedSize === 0) return;
  const source = fs.createReadStream(path, { start: entry.dataOffset, end: entry.dataOffset + entry.compressedSize - 1, highWaterMark: 256 * 1024 });
  if (entry.method === 0) {
    try {
      for await (const chunk of source) yield chunk as Buffer;
    } finally {
      source.destroy();
    }
    return;
  }
  if (entry.method !== 8) throw damaged(`the part ${entry.name} is compressed in a way Excel does not use.`);
  const inflater = zlib.createInflateRaw({ chunkSize: 256 * 1024 });
  source.on('error', (error) => inflater.destroy(error));
  source.pipe(inflater);
  try {
    for await (const chunk of inflater) yield chunk as Buffer;
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    throw code.startsWith('Z_') ? damaged(`the part ${entry.name} cannot be unpacked.`) : error;
  } finally {
    source.destroy();
    inflater.destroy();
  }
}

/** Counts one part as it inflates: its bytes against what the directory declares and the limits, its cells. */
async function checkPart(path: string, entry: ZipEntry, limits: XlsxLimits, cellsBefore: number): Promise<number> {
  const extent = new SheetExtent();
  const onCell = (): void => {
    if (cellsBefore + extent.cells > limits.cells) throw tooManyCells(limits);
  };
  let bytes = 0;
  for await (const chunk of inflated(path, entry)) {
    bytes += chunk.length;
    // The declared size is what the checks above trusted, and what the library allocates: never more.
    if (bytes > entry.uncompressedSize) throw damaged(`the part ${entry.name} holds more than its ZIP directory declares.`);
    extent.push(chunk, onCell);
    if (extent.invalid) throw damaged(`the part ${entry.name} has a cell reference Excel does not write.`);
  }
  if (bytes !== entry.uncompressedSize) throw damaged(`the part ${entry.name} holds less than its ZIP directory declares.`);
  return extent.cells;
}

async function directoryOf(path: string): Promise<ZipEntry[]> {
  const handle = await open(path, 'r');
  try {
    return await readZipDirectory(handle);
  } catch (error) {
    if (error instanceof ZipStructureError) throw damaged(error.message);
    throw error;
  } finally {
    await handle.close();
  }
}

/** Refuses, with FILE_TOO_LARGE or a damaged-xlsx FILE_UNSUPPORTED, a workbook read-excel-file must not be given. */
export async function checkWorkbookLimits(path: string, limits: XlsxLimits = XLSX_LIMITS): Promise<void> {
  try {
    const parts = (await directoryOf(path)).filter(isReadPart);
    // The declared sizes first: an honest bomb is refused without inflating a byte.
    let total = 0;
    for (const part of parts) {
      if (part.uncompressedSize > limits.partBytes) throw tooLarge('xlsxPart', limits, part.name);
      total += part.uncompressedSize;
      if (total > limits.totalBytes) throw tooLarge('xlsxTotal', limits);
    }
    let cells = 0;
    for (const part of parts) cells += await checkPart(path, part, limits, cells);
  } catch (error) {
    throw toIoError(error);
  }
}
