/** Shapes the import screens share, taken from the API contract. */
import type { MethodInput, MethodOutput } from '../../../../main/api/contract';

export type FilePreview = MethodOutput<'import.preview'>;
export type ReadOptions = NonNullable<MethodInput<'import.preview'>['options']>;
export type FileFormat = FilePreview['format'];

/** The source a file was opened for, and how its saved read options were used (import.preview's `savedOptions`). */
export interface ReadAsSaved {
  readonly source: string;
  readonly use: NonNullable<FilePreview['savedOptions']>;
}

export const FILE_FORMATS = Object.keys({ csv: true, tsv: true, json: true, ndjson: true, xlsx: true } satisfies Record<FileFormat, true>) as FileFormat[];

/** The encodings offered by name; a detected one outside this list is offered too. */
export const ENCODINGS = ['utf-8', 'utf-16le', 'windows-1252', 'windows-1250', 'iso-8859-1', 'iso-8859-2'] as const;

export const DELIMITERS = [',', ';', '\t', '|'] as const;
