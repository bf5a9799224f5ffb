/** Command-line handling for the desktop app, Electron-free so it can be unit-tested. */
import crypto from 'node:crypto';
import path from 'node:path';
import { defaultVaultDir } from '../platform/app-paths';

/**
 * `--vault DIR` or `--vault=DIR` anywhere in argv (Electron puts its own path, and in development the
 * app path, before ours; Chromium switches may sit anywhere), else CUSTODIA_VAULT, else the default.
 */
export function vaultDirFromArgv(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): string {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg.startsWith('--vault=') && arg.length > '--vault='.length) return path.resolve(arg.slice('--vault='.length));
    const next = argv[i + 1];
    if (arg === '--vault' && next && !next.startsWith('--')) return path.resolve(next);
  }
  return defaultVaultDir(env);
}

/**
 * A folder name for the Chromium profile of one vault. The single-instance lock is held per profile, so
 * it then guards what needs guarding — one process per vault database — while two different vaults
 * (and parallel end-to-end tests, each with its own vault) can still run side by side.
 */
export function profileFolderFor(vaultDir: string): string {
  return crypto.createHash('sha256').update(path.resolve(vaultDir)).digest('hex').slice(0, 16);
}
