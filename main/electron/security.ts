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
  // The CSP already limits the page to 'self'; this also covers requests the CSP does not see (a
  // compromised renderer's own fetches, favicons, DevTools in development).
  session.webRequest.onBeforeRequest({ urls: ['*://*/*', 'file:///*'] }, (_details, callback) => callback({ cancel: true }));
  // Chromium would otherwise download Hunspell dictionaries from Google's CDN on Windows and Linux.
  session.setSpellCheckerEnabled(false);
}

function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Applies to every web contents, including any the app did not create itself. */
export function hardenAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
}
