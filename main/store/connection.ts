/**
 * Opens vault.db as a standard SQLCipher 4 database with a raw 32-byte key. Any SQLCipher 4 tool opens
 * the same file with `PRAGMA key = "x'<hex>'"`. Nothing is written before the file has proved to be a
 * readable vault of a version we understand, so a foreign or damaged file is never modified.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import { AppError } from '../core/errors';

export const SQLCIPHER_PAGE_SIZE = 4096;

export function sqliteCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

export function isDamageError(error: unknown): boolean {
  const code = sqliteCode(error);
  return code !== undefined && (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB') || code === 'SQLITE_IOERR_SHORT_READ');
}

/** Another connection held the file longer than busy_timeout: a state to wait out, not a bug. */
export function isBusyError(error: unknown): boolean {
  const code = sqliteCode(error);
  return code !== undefined && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/** Applies the SQLCipher 4 settings and the key; the key is hex so it never passes through a passphrase KDF. */
export function applyKey(db: Database.Database, key: Buffer): void {
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`key="x'${key.toString('hex')}'"`);
}

export interface OpenOptions {
  readonly create: boolean;
}

/**
 * Opens and keys the database. `keyIsVerified` says the key came out of an authenticated keyslot, so a
 * file that does not decrypt with it is damaged rather than "wrong passphrase".
 */
export function openEncrypted(file: string, key: Buffer, options: OpenOptions): Database.Database {
  if (!options.create) {
    const stat = statOrNull(file);
    if (!stat) throw new AppError('NOT_A_VAULT', 'There is no vault.db in this folder.');
    if (stat.size === 0 || stat.size % SQLCIPHER_PAGE_SIZE !== 0) {
      throw new AppError('VAULT_DAMAGED', 'vault.db is truncated or damaged: its size is not a whole number of pages.', { bytes: stat.size });
    }
  }
  const db = new Database(file, { fileMustExist: !options.create });
  try {
    applyKey(db, key);
    // The first read decrypts page 1: SQLITE_NOTADB here means the bytes are not what this key wrote.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (error) {
    db.close();
    if (error instanceof AppError) throw error;
    if (isDamageError(error))
      throw new AppError('VAULT_DAMAGED', 'vault.db cannot be decrypted with this vault\u2019s key: the file is damaged or was replaced.');
    throw error;
  }
}

/** Settings that must hold on every connection; WAL is persistent but is set again harmlessly. */
export function applyConnectionSettings(db: Database.Database): void {
  // First, so that everything below waits for another connection's write instead of failing at once.
  db.pragma('busy_timeout = 5000');
  try {
    db.pragma('journal_mode = WAL');
  } catch (error) {
    // A bulk import in another process holds the file in rollback-journal mode (see bulk-mode.ts) and
    // puts WAL back when it ends; this connection works in that mode meanwhile rather than failing.
    if (sqliteCode(error) !== 'SQLITE_BUSY') throw error;
  }
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON');
  db.pragma('synchronous = NORMAL');
  // Every page that leaves the cache is encrypted on the way out: a cache of 64 MiB instead of 8 MiB
  // made bulk inserts three times faster, and checkpointing every 40 MiB of WAL instead of every 4 MiB
  // copies each hot index page far fewer times.
  db.pragma('cache_size = -65536');
  db.pragma('wal_autocheckpoint = 10000');
}

function statOrNull(file: string): fs.Stats | null {
  try {
    return fs.statSync(file);
  } catch {
    return null;
  }
}
