/**
 * A source remembers how the steward had its files read (a workbook's sheet, the list inside a JSON
 * document, an encoding, a delimiter), so that its next file is read the same way without choosing again.
 * Each option is remembered from the last completed import of a file it applies to: a CSV says nothing
 * about which sheet of a workbook to read, so importing one leaves the saved sheet alone.
 */
import type { SavedReadOptions } from './contract';
import { sql, type SqlRunner } from '../store/sql';
import { previewFile } from './preview-isolated';
import { isNoSuchSheet } from './formats/xlsx';
import type { FileFormat, FilePreview, ReadOptions } from './types';

type SavedKey = keyof SavedReadOptions;

const APPLIES_TO: Readonly<Record<SavedKey, readonly FileFormat[]>> = {
  encoding: ['csv', 'tsv', 'json', 'ndjson'],
  delimiter: ['csv', 'tsv'],
  sheet: ['xlsx'],
  recordsPath: ['json'],
};

/** The options among `options` that apply to a file of `format` (or, `applying` false, that do not). An empty value is detection, not a choice. */
function pick(options: ReadOptions, format: FileFormat, applying: boolean): SavedReadOptions {
  const picked: Partial<Record<SavedKey, string>> = {};
  for (const key of Object.keys(APPLIES_TO) as SavedKey[]) {
    const value = options[key];
    if (value && APPLIES_TO[key].includes(format) === applying) picked[key] = value;
  }
  return picked;
}

const isEmpty = (options: object): boolean => Object.keys(options).length === 0;

/** What a source keeps after an import of a file of `format`, read with the options the steward `given`. */
export function rememberedOptions(saved: SavedReadOptions | null, given: ReadOptions, format: FileFormat): SavedReadOptions | null {
  const kept = { ...pick(saved ?? {}, format, false), ...pick(given, format, true) };
  return isEmpty(kept) ? null : kept;
}

export function saveReadOptions(db: SqlRunner, sourceId: number, options: SavedReadOptions | null): void {
  db.run(sql`UPDATE source SET read_options = ${options === null ? null : JSON.stringify(options)} WHERE id = ${sourceId}`);
}

export interface SavedOptionsUse {
  /** The saved options the file was read with: those that apply to its format. */
  readonly used: SavedReadOptions;
  /** A saved sheet or records path the file lacks: it was read as detected instead. */
  readonly missing: Pick<SavedReadOptions, 'sheet' | 'recordsPath'>;
}

/** A JSON reader's word for "no list of records at that path": the path fits another file, not this one. */
const RECORDS_PATH_LACKING: ReadonlySet<string> = new Set(['recordsPathMissing', 'recordsPathNotArray']);

/**
 * Previews a file with a source's saved options. A saved sheet or records path this file lacks is left
 * out rather than failing the preview: the file may be the first of a new layout, and detection still
 * reads it. `use` is null when no saved option played a part.
 */
export async function previewWithSaved(file: string, saved: SavedReadOptions, rows: number): Promise<{ preview: FilePreview; use: SavedOptionsUse | null }> {
  let options: ReadOptions = saved;
  const missing: { sheet?: string; recordsPath?: string } = {};
  let preview: FilePreview;
  try {
    preview = await previewFile(file, options, rows);
  } catch (error) {
    if (!saved.sheet || !isNoSuchSheet(error, saved.sheet)) throw error;
    missing.sheet = saved.sheet;
    options = { ...options, sheet: undefined };
    preview = await previewFile(file, options, rows);
  }
  if (preview.format === 'json' && options.recordsPath && preview.problems.some((problem) => RECORDS_PATH_LACKING.has(problem.detail?.code ?? ''))) {
    missing.recordsPath = options.recordsPath;
    options = { ...options, recordsPath: undefined };
    preview = await previewFile(file, options, rows);
  }
  const used = pick(options, preview.format, true);
  return { preview, use: isEmpty(used) && isEmpty(missing) ? null : { used, missing } };
}
