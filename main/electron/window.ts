/** The one application window. Its page only ever comes from app://. */
import { app, BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './app-origin';

export function createMainWindow(preloadFile: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Custodia',
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Middle-click opens links in new windows; those are denied anyway, this keeps the event from firing.
      disableBlinkFeatures: 'Auxclick',
      // Packaged builds ship without DevTools: users have no need for them, and they would hand a ready
      // console to anyone at an unattended, unlocked workstation.
      devTools: !app.isPackaged,
    },
  });
  // Shown once painted, so the user never sees an empty white frame.
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

export function focusWindow(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
