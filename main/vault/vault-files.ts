import fs from 'node:fs';
import path from 'node:path';

export interface VaultFiles {
  readonly dir: string;
  readonly db: string;
  readonly keyslots: string;
  readonly attempts: string;
  readonly preferences: string;
  /** Files sent from the browser for import, removed once imported. */
  readonly staging: string;
}

export function vaultFiles(dir: string): VaultFiles {
  const resolved = path.resolve(dir);
  return {
    dir: resolved,
    db: path.join(resolved, 'vault.db'),
    keyslots: path.join(resolved, 'keyslots.json'),
    attempts: path.join(resolved, 'unlock-attempts.json'),
    preferences: path.join(resolved, 'preferences.json'),
    staging: path.join(resolved, 'staging'),
  };
}

/** A vault exists once either of its two files does; creating over one would destroy data. */
export function vaultPresent(files: VaultFiles): boolean {
  return fs.existsSync(files.keyslots) || fs.existsSync(files.db);
}
