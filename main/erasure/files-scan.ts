/**
 * The vault folder's other files (the log, staged imports, preferences): plain text a person's identifier
 * must not be in either. The database and its WAL are encrypted and scanned page by page instead.
 */
import fs from 'node:fs';
import path from 'node:path';
import { filesUnder } from './traces';

const ENCRYPTED = new Set(['vault.db', 'vault.db-wal', 'vault.db-shm']);

export function scanVaultFiles(vaultDir: string, forms: readonly string[]): { filesScanned: number; fileHits: number } {
  const scanned = filesUnder(vaultDir).filter((file) => !ENCRYPTED.has(path.basename(file)));
  let fileHits = 0;
  for (const file of scanned) {
    const text = fs.readFileSync(file).toString('utf8').toLowerCase();
    fileHits += forms.filter((form) => text.includes(form)).length;
  }
  return { filesScanned: scanned.length, fileHits };
}
