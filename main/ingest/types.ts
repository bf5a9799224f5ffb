/**
 * What every way of bringing data in (files, databases, APIs) hands to the import pipeline: batches of
 * raw rows, each with the line (or record number) it came from, and problems for rows that could not be
 * read at all. A problem is never dropped: it becomes a rejected row kept for review.
 */

/** One record as the source sent it: column → value for tables, the parsed object for JSON. */
export interface RawRow {
  /** 1-based line (CSV/TSV/NDJSON: physical line where the record starts; JSON: element index + 1; XLSX: sheet row). */
  readonly line: number;
  readonly values: Readonly<Record<string, unknown>>;
}

import type { ReasonDetail } from './reasons';

export interface ReadProblem {
  readonly line: number;
  /** Short English reason, e.g. "unterminated quote", "expected 7 fields, found 9". */
  readonly reason: string;
  /** The raw text of the record (truncated to 10 000 characters), so a steward can correct it. */
  readonly raw: string;
  /** The reason as a code the interface translates, when it has one (see reasons.ts). */
  readonly detail?: ReasonDetail;
}

export type ReadItem = { readonly kind: 'row'; readonly row: RawRow } | { readonly kind: 'problem'; readonly problem: ReadProblem };

export const FILE_FORMATS = ['csv', 'tsv', 'json', 'ndjson', 'xlsx'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

export interface ReadOptions {
  readonly format?: FileFormat;
  /** iconv-lite encoding name (utf-8, utf-16le, windows-1252, windows-1250, iso-8859-1, iso-8859-2…); detected when absent. */
  readonly encoding?: string;
  readonly delimiter?: string;
  /** XLSX: sheet name; the first sheet when absent. */
  readonly sheet?: string;
  /** JSON: dotted path of the array of records inside the document, e.g. "data.customers"; the top-level array when absent. */
  readonly recordsPath?: string;
}

export interface FileDescription {
  readonly format: FileFormat;
  readonly encoding: string;
  readonly delimiter: string | null;
  readonly hasBom: boolean;
  /** Column names for tables; the union of top-level keys seen in the preview for JSON/NDJSON. */
  readonly headers: readonly string[];
  /** XLSX sheet names. */
  readonly sheets: readonly string[];
  /** Data rows, when known without reading the file to the end (XLSX: the sheet is loaded whole anyway). */
  readonly rowCount?: number;
}

export interface FilePreview extends FileDescription {
  readonly rows: readonly RawRow[];
  readonly problems: readonly ReadProblem[];
}
