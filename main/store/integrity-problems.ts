import type Database from 'better-sqlite3-multiple-ciphers';
import { isDamageError } from './connection';

/**
 * Runs an integrity pragma and lists what it found; a check that cannot even finish (the first page is
 * unreadable) is itself a finding, not a crash.
 */
export function integrityProblems(raw: Database.Database, pragma: 'cipher_integrity_check' | 'quick_check'): string[] {
  try {
    return (raw.pragma(pragma) as Array<Record<string, unknown>>).map((row) => String(Object.values(row)[0])).filter((line) => line !== 'ok');
  } catch (error) {
    if (!isDamageError(error)) throw error;
    return [`${pragma}: ${(error as Error).message}`];
  }
}

/**
 * Reads every page of every table and index, so each page's HMAC is checked on the way (a page that
 * fails it cannot be read). SQLCipher's own `cipher_integrity_check` would check the HMACs alone, but the
 * SQLite3 Multiple Ciphers build that writes our SQLCipher 4 files does not know that pragma and silently
 * answers nothing, as a test showed: quick_check is what catches a flipped byte here.
 */
export function pageProblems(raw: Database.Database): string[] {
  return integrityProblems(raw, 'quick_check');
}
