import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { processExists } from '../platform/processes';

export interface VaultFiles {
  readonly dir: string;
  readonly db: string;
  readonly keyslots: string;
  readonly attempts: string;
  readonly preferences: string;
  /**
   * Files sent from the browser for import, removed once imported: this process's own folder below
   * `stagingRoot`, so a CLI command that locks its session never deletes what a browser-mode window
   * staged in another process.
   */
  readonly staging: string;
  readonly stagingRoot: string;
}

export function vaultFiles(dir: string): VaultFiles {
  const resolved = path.resolve(dir);
  return {
    dir: resolved,
    db: path.join(resolved, 'vault.db'),
    keyslots: path.join(resolved, 'keyslots.json'),
    attempts: path.join(resolved, 'unlock-attempts.json'),
    preferences: path.join(resolved, 'preferences.json'),
    staging: path.join(resolved, 'staging', stagingOwner()),
    stagingRoot: path.join(resolved, 'staging'),
  };
}

function stagingOwner(host = os.hostname(), pid = process.pid): string {
  return `${host.replace(/[^A-Za-z0-9.-]/g, '_')}-${pid}`;
}

/**
 * Removes this process's staged copies, and those of processes on this machine that are gone (a window
 * killed before it locked): they hold personal data in the clear. Live processes' folders stay.
 */
export function clearStaging(files: VaultFiles): void {
  fs.rmSync(files.staging, { recursive: true, force: true });
  let entries: string[];
  try {
    entries = fs.readdirSync(files.stagingRoot);
  } catch {
    return;
  }
  const prefix = stagingOwner(os.hostname(), 0).slice(0, -1);
  for (const entry of entries) {
    const pid = entry.startsWith(prefix) ? Number(entry.slice(prefix.length)) : NaN;
    // Folders from before staging had owners (one folder per upload, named by a UUID) have no live owner either.
    const orphaned = /^[0-9a-f-]{36}$/.test(entry) || (Number.isInteger(pid) && pid > 0 && !processExists(pid));
    if (orphaned) fs.rmSync(path.join(files.stagingRoot, entry), { recursive: true, force: true });
  }
}

/** A vault exists once either of its two files does; creating over one would destroy data. */
export function vaultPresent(files: VaultFiles): boolean {
  return fs.existsSync(files.keyslots) || fs.existsSync(files.db);
}
