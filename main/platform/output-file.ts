/**
 * The one way Custodia writes a file a user named: rejected rows, audit exports, backups, and later
 * access packages, certificates and partner extracts. A mistyped `--out` must never destroy the vault
 * (an export once replaced vault.db with a plaintext CSV), so a target inside any vault folder is
 * refused, an existing file is replaced only when asked, the bytes go to a temporary file beside the
 * target and replace it only once complete (a crash leaves no half file under the chosen name), and
 * everything is created readable by its owner alone: these files hold personal data.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../core/errors';

/** The files that make a folder a vault (see vault/vault-files.ts); a folder holding either is one. */
const VAULT_MARKERS = ['vault.db', 'keyslots.json'] as const;

export const OUTPUT_FILE_MODE = 0o600;
export const OUTPUT_DIR_MODE = 0o700;

export interface OutputOptions {
  /** Replace an existing file of that name (`--force`, or the user confirmed it). */
  readonly overwrite?: boolean;
}

/** The nearest folder at or above `dir` that exists, with symbolic links resolved. */
function nearestExisting(dir: string): string {
  let current = dir;
  for (;;) {
    try {
      return fs.realpathSync(current);
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return current;
      current = parent;
    }
  }
}

/** The vault folder that holds `target` (at any depth), or null. */
export function enclosingVault(target: string): string | null {
  const resolved = path.resolve(target);
  const existing = nearestExisting(path.dirname(resolved));
  // Both the path as typed and the one links lead to: a link into a vault is still the vault.
  for (const start of new Set([path.dirname(resolved), existing])) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      if (VAULT_MARKERS.some((marker) => fs.existsSync(path.join(dir, marker)))) return dir;
      if (path.dirname(dir) === dir) break;
    }
  }
  return null;
}

function refuseInsideVault(target: string): void {
  const vault = enclosingVault(target);
  if (vault !== null) {
    throw new AppError('INVALID_INPUT', `Refused to write ${target}: it is inside the vault folder ${vault}. Choose a location outside it.`, {
      reason: 'outputInVault',
      path: target,
      vault,
    });
  }
}

/** Checks, creating nothing, that files may be written into `dir`: outside every vault, and not a file. */
export function checkOutputDir(dir: string): string {
  const resolved = path.resolve(dir);
  refuseInsideVault(path.join(resolved, 'file'));
  if (fs.existsSync(resolved) && !fs.statSync(resolved).isDirectory()) {
    throw new AppError('INVALID_INPUT', `${resolved} is a file, not a folder.`, { reason: 'notAFolder', path: resolved });
  }
  return resolved;
}

/** Creates the folder (and its parents) for output, readable by its owner only, outside any vault. */
export function ensureOutputDir(dir: string): string {
  const resolved = checkOutputDir(dir);
  try {
    fs.mkdirSync(resolved, { recursive: true, mode: OUTPUT_DIR_MODE });
  } catch (error) {
    throw new AppError('IO_ERROR', `Cannot create the folder ${resolved}: ${(error as Error).message}`, { path: resolved });
  }
  return checkOutputDir(resolved);
}

/**
 * Checks that `target` may be written: outside every vault, not a folder, and not an existing file
 * unless `overwrite`. Returns the absolute path. Called again at commit time, since the check and the
 * rename are separated by the whole write.
 */
export function checkOutputPath(target: string, options: OutputOptions = {}): string {
  const resolved = path.resolve(target);
  refuseInsideVault(resolved);
  let stat: fs.Stats | null = null;
  try {
    stat = fs.statSync(resolved);
  } catch {
    // Absent: the usual case.
  }
  if (stat?.isDirectory()) throw new AppError('INVALID_INPUT', `${resolved} is a folder: give a file name.`, { reason: 'outputIsFolder', path: resolved });
  if (stat && !options.overwrite) {
    throw new AppError('CONFLICT', `${resolved} already exists. Choose another name, or confirm that it may be replaced (--force).`, {
      reason: 'fileExists',
      path: resolved,
    });
  }
  return resolved;
}

/** A file being written: bytes go to a temporary sibling until `commit` puts it in place. */
export class OutputFile {
  private fd: number | null;
  private readonly temp: string;

  private constructor(
    readonly target: string,
    private readonly options: OutputOptions,
  ) {
    ensureOutputDir(path.dirname(target));
    this.temp = `${this.target}.${crypto.randomBytes(6).toString('hex')}.partial`;
    try {
      // wx: never follow or reuse something already at the temporary name.
      this.fd = fs.openSync(this.temp, 'wx', OUTPUT_FILE_MODE);
    } catch (error) {
      throw new AppError('IO_ERROR', `Cannot write in ${path.dirname(target)}: ${(error as Error).message}`, { path: this.target });
    }
  }

  static open(target: string, options: OutputOptions = {}): OutputFile {
    return new OutputFile(checkOutputPath(target, options), options);
  }

  write(data: string | Uint8Array): void {
    if (this.fd === null) throw new Error('The output file is closed.');
    if (typeof data === 'string') fs.writeSync(this.fd, data);
    else fs.writeSync(this.fd, data, 0, data.byteLength);
  }

  /** Flushes to disk and gives the file its name. */
  commit(): string {
    if (this.fd === null) throw new Error('The output file is closed.');
    try {
      fs.fsyncSync(this.fd);
      fs.closeSync(this.fd);
      this.fd = null;
      checkOutputPath(this.target, this.options);
      fs.renameSync(this.temp, this.target);
    } catch (error) {
      this.abort();
      throw error instanceof AppError ? error : new AppError('IO_ERROR', `Cannot write ${this.target}: ${(error as Error).message}`, { path: this.target });
    }
    return this.target;
  }

  /** Leaves nothing behind; safe to call after commit or twice. */
  abort(): void {
    if (this.fd !== null) {
      fs.closeSync(this.fd);
      this.fd = null;
    }
    fs.rmSync(this.temp, { force: true });
  }

  /** The temporary file, for writers that need a path (SQLite's VACUUM INTO) rather than a descriptor. */
  get temporaryPath(): string {
    return this.temp;
  }
}

/** Writes a whole file at once through the same rules. */
export function writeOutputFile(target: string, data: string | Uint8Array, options: OutputOptions = {}): string {
  const file = OutputFile.open(target, options);
  try {
    file.write(data);
  } catch (error) {
    file.abort();
    throw error;
  }
  return file.commit();
}
