/**
 * Pieces shared by the text readers: decoding a file chunk by chunk, the limits on what one record
 * may cost, and turning a header row into column names.
 */
import fs from 'node:fs';
import iconv from 'iconv-lite';
import { AppError } from '../../core/errors';

/** A problem keeps at most this much of the record's text (ReadProblem.raw). */
export const MAX_RAW_CHARS = 10_000;

/**
 * A record longer than this is reported and skipped instead of being buffered: a broken quote or a
 * 300 MB field must not take the process down. Excel's own cell limit is 32 767 characters.
 */
export const MAX_RECORD_CHARS = 1024 * 1024;

/** Bytes read per step: large enough that per-chunk overhead is negligible, small enough to stay responsive. */
const CHUNK_BYTES = 256 * 1024;

export function truncateRaw(text: string): string {
  return text.length > MAX_RAW_CHARS ? text.slice(0, MAX_RAW_CHARS) : text;
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError('CANCELLED', 'Cancelled.');
}

/** File-system errors become IO_ERROR / NOT_FOUND; anything else passes through unchanged. */
export function toIoError(error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  // Only errno codes (ENOENT, EACCES, EIO…): libraries use `code` for their own errors too.
  if (typeof code !== 'string' || !/^E[A-Z0-9]+$/.test(code) || error instanceof AppError) return error;
  if (code === 'ENOENT') return new AppError('NOT_FOUND', 'The file does not exist.');
  return new AppError('IO_ERROR', `The file could not be read (${code}).`, { code });
}

/**
 * The file's text, decoded chunk by chunk, BOM removed. Never holds more than one chunk: the caller
 * pulls, and leaving the loop (break, throw, return) closes the file.
 */
export async function* readText(path: string, encoding: string, signal?: AbortSignal): AsyncGenerator<string> {
  // A decoder (not iconv's stream wrapper) because pulling from the file directly gives backpressure for free.
  const decoder = iconv.getDecoder(encoding, { stripBOM: true });
  const file = fs.createReadStream(path, { highWaterMark: CHUNK_BYTES });
  try {
    for await (const bytes of file) {
      throwIfAborted(signal);
      const text = decoder.write(bytes as Buffer);
      if (text) yield text;
    }
  } catch (error) {
    throw toIoError(error);
  } finally {
    file.destroy();
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/**
 * Column names from a header row: trimmed, a blank header named after its position (`column_7`), a
 * repeated one numbered (`email`, `email_2`) without colliding with a name already in the row.
 */
export function normalizeHeaders(cells: readonly string[]): string[] {
  const base = cells.map((cell, index) => cell.replace(/^\uFEFF/, '').trim() || `column_${index + 1}`);
  const taken = new Set(base);
  const seen = new Map<string, number>();
  return base.map((name) => {
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    if (count === 1) return name;
    let suffix = count;
    while (taken.has(`${name}_${suffix}`)) suffix++;
    const renamed = `${name}_${suffix}`;
    taken.add(renamed);
    seen.set(name, suffix);
    return renamed;
  });
}

/**
 * The row as column → value. Built with defineProperty when a column is literally called "__proto__",
 * because plain assignment would set the object's prototype instead of storing the value.
 */
export function rowValues(headers: readonly string[], cells: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (let i = 0; i < headers.length; i++) {
    const name = headers[i]!;
    if (name === '__proto__') Object.defineProperty(values, name, { value: cells[i] ?? '', enumerable: true, writable: true, configurable: true });
    else values[name] = cells[i] ?? '';
  }
  return values;
}
