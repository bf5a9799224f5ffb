/** How a file is read, said in the steward's words: "sheet “Clients”, encoding Windows-1252 (Western Europe)". */
import type { TFunction } from 'i18next';
import type { SavedReadOptions } from '../../../main/api/contract';

const DELIMITER_KEYS: Readonly<Record<string, string>> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

export function delimiterName(t: TFunction, delimiter: string): string {
  const key = DELIMITER_KEYS[delimiter];
  return key ? t(`import.preview.delimiters.${key}`) : delimiter;
}

export function describeReadOptions(t: TFunction, options: SavedReadOptions): string {
  const parts: string[] = [];
  if (options.sheet) parts.push(t('import.readOptions.sheet', { value: options.sheet }));
  if (options.recordsPath) parts.push(t('import.readOptions.recordsPath', { value: options.recordsPath }));
  if (options.encoding) parts.push(t('import.readOptions.encoding', { value: t(`import.encodings.${options.encoding}`, { defaultValue: options.encoding }) }));
  if (options.delimiter) parts.push(t('import.readOptions.delimiter', { value: delimiterName(t, options.delimiter) }));
  return parts.join(', ');
}
