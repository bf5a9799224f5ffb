/**
 * The parts of the Electron security checklist that are not window options. The vault holds personal
 * data and works offline, so nothing here has a legitimate exception: every web permission, every new
 * window, every navigation away from app:// and every remote request is refused.
 */
import { app, type Session, type WebContents } from 'electron';
import { isAppUrl } from './app-origin';

export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  // The CSP already limits the page to 'self'; this also refuses what the CSP does not govern. In these
  // patterns `*://` means http and https only, so app:// itself is untouched.
  session.webRequest.onBeforeRequest({ urls: ['*://*/*', 'ws://*/*', 'wss://*/*', 'file:///*'] }, (_details, callback) => callback({ cancel: true }));
  // Chromium's spellchecker may fetch dictionaries from Google's servers; an offline vault makes no such request.
  session.setSpellCheckerEnabled(false);
}

function hardenContents(contents: WebContents): void {
  // will-frame-navigate, unlike will-navigate, also fires for subframes.
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Applies to every web contents, including any the app did not create itself. */
export function hardenAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
}
