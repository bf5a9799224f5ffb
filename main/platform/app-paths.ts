/**
 * Where the vault lives by default, following each OS's convention for application data:
 * XDG data home on Linux, AppData on Windows, Application Support on macOS.
 * `--vault DIR` or CUSTODIA_VAULT overrides it.
 */
import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER = 'Custodia';

export function appDataBase(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  switch (platform) {
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER);
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', APP_FOLDER);
    default:
      return path.join(env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : path.join(home, '.local', 'share'), APP_FOLDER);
  }
}

export function defaultVaultDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  return env.CUSTODIA_VAULT ? path.resolve(env.CUSTODIA_VAULT) : path.join(appDataBase(env, platform), 'vault');
}

export function suggestedExportDir(): string {
  return path.join(os.homedir(), 'Documents', 'Custodia');
}
