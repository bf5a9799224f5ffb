/**
 * What kind of file is this? Format, text encoding and delimiter come from the options when the steward
 * chose them, otherwise from the first 64 KiB of content, with the extension as a tie-breaker. Content
 * wins over the extension because files are often misnamed (a JSON export saved as .txt, a PNG renamed
 * .csv). Anything that is not a text table, JSON or XLSX is refused here, before any reader runs.
 */
import nodePath from 'node:path';
import fs from 'node:fs';
import Papa from 'papaparse';
import iconv from 'iconv-lite';
import { jsonVerifier } from 'stream-json/core/utils/verifier.js';
import { AppError } from '../../core/errors';
import type { FileDescription, FileFormat, ReadOptions } from '../types';
import { readHead } from './bytes';
import type { Sniffed } from './sniffed';
import { sampleText, describeWorkbook } from './dispatch';
import { assertKnownEncoding, detectBom, detectBomlessUtf16, guessLegacyEncoding, isValidUtf8 } from './encoding';
import { toIoError } from './text';
import { loadWorkbook } from './xlsx';

/** Bytes examined for sniffing. */
export const SAMPLE_BYTES = 64 * 1024;

/** The delimiters we guess between; French and Polish Excel write ";" (their decimal separator is ","). */
const DELIMITERS = [',', ';', '\t', '|'];

/** Records read to describe a JSON file's keys (FileDescription.headers). */
const DESCRIBE_ROWS = 20;

function unsupported(detected: string, message = 'This file is not a text table, JSON or Excel file.'): AppError {
  return new AppError('FILE_UNSUPPORTED', message, { detected });
}

function startsWith(head: Uint8Array, bytes: readonly number[]): boolean {
  return bytes.every((byte, index) => head[index] === byte);
}

/** Well-known binary signatures, so that the refusal can say what the file is. */
const SIGNATURES: readonly { readonly bytes: readonly number[]; readonly detected: string }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], detected: 'pdf' }, // %PDF-
  { bytes: [0x89, 0x50, 0x4e, 0x47], detected: 'image' }, // PNG
  { bytes: [0xff, 0xd8, 0xff], detected: 'image' }, // JPEG
  { bytes: [0x47, 0x49, 0x46, 0x38], detected: 'image' }, // GIF8
  { bytes: [0x1f, 0x8b], detected: 'gzip' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], detected: '7z' },
  { bytes: [0x52, 0x61, 0x72, 0x21], detected: 'rar' }, // Rar!
];

/** OLE2 compound file: legacy .xls (and .doc). */
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];

/** XLSX parts live under "xl/"; the local file headers near the start of the ZIP carry their names in clear. */
function looksLikeXlsx(head: Buffer): boolean {
  return head.includes('xl/', 0, 'latin1');
}

/** Control bytes other than tab, line breaks, form feed and ESC/SUB (legacy end-of-file markers). */
function controlShare(head: Uint8Array): number {
  let controls = 0;
  for (const byte of head) {
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c && byte !== 0x1a && byte !== 0x1b) controls++;
  }
  return head.length === 0 ? 0 : controls / head.length;
}

function refuseBinary(head: Buffer, format: FileFormat | undefined): 'xlsx' | null {
  if (startsWith(head, ZIP) || startsWith(head, EMPTY_ZIP)) {
    if (looksLikeXlsx(head)) return 'xlsx';
    throw unsupported('zip');
  }
  if (startsWith(head, OLE2)) {
    throw unsupported('xls', 'This is a legacy Excel (.xls) or other Office file. Save it as .xlsx or CSV and import that.');
  }
  for (const signature of SIGNATURES) if (startsWith(head, signature.bytes)) throw unsupported(signature.detected);
  if (format === 'xlsx') throw unsupported('not-xlsx', 'This file is not an Excel (.xlsx) workbook.');
  return null;
}

function detectEncoding(head: Buffer, complete: boolean, chosen: string | undefined): { encoding: string; hasBom: boolean } {
  const bom = detectBom(head);
  if (chosen) {
    assertKnownEncoding(chosen);
    return { encoding: chosen, hasBom: bom !== null };
  }
  if (bom) return { encoding: bom.encoding, hasBom: true };
  const utf16 = detectBomlessUtf16(head);
  if (utf16) return { encoding: utf16, hasBom: false };
  // NUL never occurs in 8-bit text; nor do many other control bytes.
  if (head.includes(0) || controlShare(head) > 0.05) throw unsupported('binary');
  if (isValidUtf8(head, complete)) return { encoding: 'utf-8', hasBom: false };
  return { encoding: guessLegacyEncoding(head), hasBom: false };
}

/** The sample without its last, possibly cut, line (unless the sample is the whole file). */
function completeLines(text: string, complete: boolean): string {
  if (complete) return text;
  const lastBreak = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
  return lastBreak > 0 ? text.slice(0, lastBreak + 1) : text;
}

function parsesAsJson(text: string | undefined): boolean {
  try {
    JSON.parse(text ?? '');
    return true;
  } catch {
    return false;
  }
}

/** True when the text is the beginning of one valid JSON document (stream-json's verifier, without the end-of-input check). */
function isJsonPrefix(text: string): boolean {
  const verify = jsonVerifier() as unknown as (chunk: string) => unknown;
  try {
    verify(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * JSON or NDJSON by content; null when the sample is not JSON. NDJSON is two standalone documents on the
 * first two lines (or a .ndjson/.jsonl name); JSON is any valid beginning of a document — which "[id],[name]"
 * (SQL Server style CSV headers) is not.
 */
function sniffJson(text: string, extension: string): 'json' | 'ndjson' | null {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('[') && !trimmed.startsWith('{')) return null;
  if (extension === '.ndjson' || extension === '.jsonl') return 'ndjson';
  const lines = trimmed.split(/\r?\n/, 20).filter((line) => line.trim() !== '');
  if (lines.length > 1 && parsesAsJson(lines[0]) && parsesAsJson(lines[1])) return 'ndjson';
  return isJsonPrefix(trimmed) ? 'json' : null;
}

/** A delimiter typed by the steward: "\\t" (as typed in a text box) means tab; quotes and line breaks cannot delimit. */
function validDelimiter(delimiter: string): string {
  const value = delimiter === '\\t' ? '\t' : delimiter;
  if (value.length < 1 || value.length > 2 || /["\r\n\uFEFF]/.test(value)) {
    throw new AppError('INVALID_INPUT', 'The delimiter must be one or two characters, not a quote or a line break.', { delimiter });
  }
  return value;
}

function guessDelimiter(text: string): string {
  // papaparse's guess: the candidate giving the most consistent field count over the first rows.
  const result = Papa.parse<string[]>(text, { delimitersToGuess: DELIMITERS, preview: 50, skipEmptyLines: 'greedy' });
  return result.errors.some((error) => error.code === 'UndetectableDelimiter') ? ',' : result.meta.delimiter;
}

/** Format, encoding, delimiter and BOM of the file, from the options or the content. Throws FILE_EMPTY / FILE_UNSUPPORTED / ENCODING_UNKNOWN. */
export async function sniffFile(path: string, options: ReadOptions = {}): Promise<Sniffed> {
  let size: number;
  let head: Buffer;
  try {
    const stat = await fs.promises.stat(path);
    if (!stat.isFile()) throw new AppError('FILE_UNSUPPORTED', 'This is not a file.', { detected: 'not-a-file' });
    size = stat.size;
    if (size === 0) throw new AppError('FILE_EMPTY', 'This file is empty.');
    head = await readHead(path, SAMPLE_BYTES);
  } catch (error) {
    throw toIoError(error);
  }
  const extension = nodePath.extname(path).toLowerCase();
  if (refuseBinary(head, options.format) === 'xlsx') {
    if (options.format && options.format !== 'xlsx') throw unsupported('xlsx', 'This is an Excel workbook, not a text file.');
    return { format: 'xlsx', encoding: 'binary', delimiter: null, hasBom: false };
  }

  const complete = head.length >= size;
  const { encoding, hasBom } = detectEncoding(head, complete, options.encoding);
  const text = completeLines(iconv.decode(head, encoding, { stripBOM: true }), complete);
  if (text.trim() === '') throw new AppError('FILE_EMPTY', 'This file contains no data.');

  const format = options.format ?? sniffJson(text, extension) ?? (extension === '.tsv' ? 'tsv' : 'csv');
  if (format === 'json' || format === 'ndjson') return { format, encoding, delimiter: null, hasBom };
  if (format === 'xlsx') throw unsupported('not-xlsx', 'This file is not an Excel (.xlsx) workbook.');
  const delimiter = options.delimiter !== undefined ? validDelimiter(options.delimiter) : format === 'tsv' ? '\t' : guessDelimiter(text);
  // A tab-separated .txt is TSV; an explicit format or a .csv name keeps its label.
  const tabbed = !options.format && format === 'csv' && delimiter === '\t' && extension !== '.csv';
  return { format: tabbed ? 'tsv' : format, encoding, delimiter, hasBom };
}

/** Sniffs the file and reads just enough of it for the column names (and the sheet names of a workbook). */
export async function describeFile(path: string, options: ReadOptions = {}): Promise<FileDescription> {
  const sniffed = await sniffFile(path, options);
  if (sniffed.format === 'xlsx') return describeWorkbook(sniffed, await loadWorkbook(path, options.sheet));
  const sample = await sampleText(path, sniffed, options, DESCRIBE_ROWS);
  return sample.description;
}

export type { Sniffed };
