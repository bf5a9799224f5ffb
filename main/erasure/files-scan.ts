/**
 * The vault folder's other files (the log, staged imports, preferences): plain text a person's identifier
 * must not be in either. The database and its WAL are encrypted and scanned page by page instead.
 */
import fs from 'node:fs';
import path from 'node:path';

const ENCRYPTED = new Set(['vault.db', 'vault.db-wal', 'vault.db-shm']);

function files(dir: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return files(full);
    return entry.isFile() && !ENCRYPTED.has(entry.name) ? [full] : [];
  });
}

export function scanVaultFiles(vaultDir: string, forms: readonly string[]): { filesScanned: number; fileHits: number } {
  const scanned = files(vaultDir);
  let fileHits = 0;
  for (const file of scanned) {
    const text = fs.readFileSync(file).toString('utf8').toLowerCase();
    fileHits += forms.filter((form) => text.includes(form)).length;
  }
  return { filesScanned: scanned.length, fileHits };
}
