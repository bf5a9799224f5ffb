/**
 * The renderer cannot use Node's path module; it only needs to append a file name to a folder the
 * backend suggested, using that folder's own separator (Windows paths keep their backslashes).
 */
import { localDay } from './date-range';

export function joinPath(dir: string, name: string): string {
  const separator = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  return dir.endsWith(separator) ? `${dir}${name}` : `${dir}${separator}${name}`;
}

export function defaultBackupFile(exportDir: string, today: Date = new Date()): string {
  return joinPath(exportDir, `custodia-backup-${localDay(today)}.cbak`);
}

/** The last segment of a path, for compact lists of written files. */
export function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

/**
 * A file staged from a browser upload is named `<uuid>-<original name>` on the backend, and import runs
 * record that name: the prefix is noise to the user and is left out.
 */
export function displayFileName(name: string): string {
  return name.replace(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-(?=.)/i, '');
}
