/** What `custodia import` says on stderr when a file is read with the options saved with its source. */
import type { MethodOutput, SavedReadOptions } from '../api/contract';

type SavedOptionsUse = NonNullable<MethodOutput<'import.preview'>['savedOptions']>;

const NAMES: Readonly<Record<keyof SavedReadOptions, string>> = { sheet: 'sheet', recordsPath: 'records path', encoding: 'encoding', delimiter: 'delimiter' };

function described(options: SavedReadOptions): string {
  return (Object.keys(NAMES) as (keyof SavedReadOptions)[])
    .flatMap((key) => (options[key] ? [`${NAMES[key]} ${JSON.stringify(options[key])}`] : []))
    .join(', ');
}

export function savedOptionsNotes(source: string, use: SavedOptionsUse | null): string[] {
  if (!use) return [];
  const notes: string[] = [];
  if (Object.keys(use.used).length > 0) notes.push(`Read as ${source}'s last file: ${described(use.used)} (give any read option to choose them all yourself).`);
  if (use.missing.sheet) notes.push(`This workbook has no sheet "${use.missing.sheet}" (saved with ${source}): read from its first sheet instead.`);
  if (use.missing.recordsPath) notes.push(`This file has no list of records at "${use.missing.recordsPath}" (saved with ${source}): read without it.`);
  return notes;
}
