/**
 * Electron main entry: one window showing the built renderer from app://, the backend in a worker
 * thread (it owns the database connection), and IPC between the two. The main thread itself never
 * touches vault data.
 */
import path from 'node:path';
import { app, dialog, session, type BrowserWindow } from 'electron';
import type { Language } from '../api/contract';
import type { BackendClient } from '../backend/backend';
import { WorkerBackend } from '../backend/worker-client';
import { findBuiltDir } from '../platform/built-paths';
import { profileFolderFor, vaultDirFromArgv } from './command-line';
import { registerIpc } from './ipc';
import { applyMenu } from './menu';
import { languageForLocale } from './menu-strings';
import { handleAppProtocol, registerAppScheme } from './protocol';
import { hardenAllWebContents, hardenSession } from './security';
import { createMainWindow, focusWindow } from './window';

// An ESM entry is loaded asynchronously: only what runs synchronously here is sure to happen before
// `ready`, which scheme registration and the userData path require.
registerAppScheme();
hardenAllWebContents();

const vaultDir = vaultDirFromArgv(process.argv);
app.setPath('userData', path.join(app.getPath('userData'), 'profiles', profileFolderFor(vaultDir)));

if (app.requestSingleInstanceLock()) {
  start();
} else {
  // Another process already has this vault open; it focuses its window on 'second-instance'.
  app.quit();
}

async function vaultLanguage(backend: BackendClient): Promise<Language> {
  const status = await backend.call('vault.status', {});
  return status.ok && status.value.language ? status.value.language : languageForLocale(app.getLocale());
}

function fail(message: string): void {
  dialog.showErrorBox('Custodia', message);
  app.exit(1);
}

function start(): void {
  let window: BrowserWindow | null = null;
  let backend: BackendClient | null = null;
  let backendClosed = false;

  app.on('second-instance', () => focusWindow(window));

  // Closing the window ends the session on every platform, macOS included: an app left running with
  // no window would keep the vault unlocked out of sight.
  app.on('window-all-closed', () => app.quit());

  // Quit waits for the backend to lock the vault and close the database cleanly.
  app.on('before-quit', (event) => {
    if (!backend || backendClosed) return;
    event.preventDefault();
    void backend.close().finally(() => {
      backendClosed = true;
      app.quit();
    });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => app.quit());

  void app
    .whenReady()
    .then(async () => {
      const rendererDir = findBuiltDir('renderer', 'index.html');
      const preloadDir = findBuiltDir('preload', 'index.cjs');
      if (!rendererDir || !preloadDir) return fail('The interface is not built: run `npm run build` first.');

      hardenSession(session.defaultSession);
      handleAppProtocol(rendererDir);
      app.setAboutPanelOptions({ applicationName: 'Custodia', applicationVersion: app.getVersion() });

      const client = new WorkerBackend(vaultDir);
      backend = client;
      const refreshMenu = async (): Promise<void> => {
        applyMenu(await vaultLanguage(client), {
          // A locked vault answers LOCKED, which needs no reaction; on success the backend emits
          // vault.locked and the renderer shows its lock screen.
          lockVault: () => void client.call('vault.lock', {}),
        });
      };
      registerIpc({
        backend: client,
        window: () => window,
        afterCall: async (method) => {
          if (method === 'preferences.setLanguage') await refreshMenu();
        },
      });

      window = createMainWindow(path.join(preloadDir, 'index.cjs'));
      window.on('closed', () => {
        window = null;
      });
      await refreshMenu();
    })
    .catch((error: unknown) => fail(`Custodia could not start: ${error instanceof Error ? error.message : String(error)}`));
}
