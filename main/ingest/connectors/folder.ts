/**
 * Watched folder: files dropped into a folder (an export job's output, a share) are imported one run per
 * file, then moved to `processed/` or `failed/` beside them, so each file is read once and a person can
 * see at a glance what went wrong. Only the folder itself is read, not its subfolders.
 *
 * A file still being copied must not be read half-way: files modified in the last `settleSeconds` wait
 * for the next sync, and the watcher (watcher.ts) reacts only once a file has stopped growing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../core/errors';
import type { FolderConfig } from './config';

export const PROCESSED = 'processed';
export const FAILED = 'failed';

export interface ReadyFile {
  readonly path: string;
  readonly name: string;
  readonly bytes: number;
}

/** Names that are never data: hidden files, partial downloads and copies, Office lock files. */
export function isIgnoredName(name: string): boolean {
  return name.startsWith('.') || name.startsWith('~$') || name.endsWith('~') || /\.(part|partial|tmp|temp|crdownload|download|swp)$/i.test(name);
}

/** The files to import now, oldest first; `waiting` counts those too recent to be trusted complete. */
export function readyFiles(config: FolderConfig, now: Date): { ready: ReadyFile[]; waiting: number } {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(config.path, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'ENOTDIR'
          ? 'is not a folder'
          : code === 'EACCES' || code === 'EPERM'
            ? 'cannot be read (permission denied)'
            : `cannot be read (${code})`;
    throw new AppError('CONNECTOR_FAILED', `The folder ${config.path} ${reason}.`, { kind: 'folder' });
  }
  const files: Array<ReadyFile & { mtimeMs: number }> = [];
  let waiting = 0;
  for (const entry of entries) {
    if (!entry.isFile() || isIgnoredName(entry.name)) continue;
    const file = path.join(config.path, entry.name);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      continue; // gone since the listing: another sync took it
    }
    if (now.getTime() - stat.mtimeMs < config.settleSeconds * 1000) {
      waiting += 1;
      continue;
    }
    files.push({ path: file, name: entry.name, bytes: stat.size, mtimeMs: stat.mtimeMs });
  }
  files.sort((a, b) => a.mtimeMs - b.mtimeMs || a.name.localeCompare(b.name));
  return { ready: files.map(({ path: file, name, bytes }) => ({ path: file, name, bytes })), waiting };
}

/**
 * The file imported last, from `processed/`: what a test shows once every file has been imported and the
 * folder is empty again. Null when nothing was imported yet (or `processed/` cannot be read). "Last" is
 * the latest change of the file's entry: moving it into `processed/` sets that, whatever the file's own
 * modification time says (an export copied with its original date, or renamed on a clash).
 */
export function newestProcessed(folder: string): ReadyFile | null {
  const processed = path.join(folder, PROCESSED);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(processed, { withFileTypes: true });
  } catch {
    return null;
  }
  let newest: (ReadyFile & { changedMs: number }) | null = null;
  for (const entry of entries) {
    if (!entry.isFile() || isIgnoredName(entry.name)) continue;
    const file = path.join(processed, entry.name);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      continue;
    }
    const changedMs = Math.max(stat.mtimeMs, stat.ctimeMs);
    if (!newest || changedMs > newest.changedMs || (changedMs === newest.changedMs && entry.name.localeCompare(newest.name) > 0)) {
      newest = { path: file, name: entry.name, bytes: stat.size, changedMs };
    }
  }
  return newest && { path: newest.path, name: newest.name, bytes: newest.bytes };
}

/**
 * Moves a file into `processed/` or `failed/` (created when needed). A name already taken there gets the
 * time inserted before its extension: `clients.csv` → `clients-20261124T101500Z.csv`.
 */
export function moveAside(file: string, into: typeof PROCESSED | typeof FAILED, now: Date): string {
  const folder = path.join(path.dirname(file), into);
  fs.mkdirSync(folder, { recursive: true });
  const extension = path.extname(file);
  const stem = path.basename(file, extension);
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  let target = path.join(folder, path.basename(file));
  for (let attempt = 0; fs.existsSync(target); attempt += 1) {
    target = path.join(folder, `${stem}-${stamp}${attempt === 0 ? '' : `-${attempt}`}${extension}`);
  }
  fs.renameSync(file, target);
  return target;
}
