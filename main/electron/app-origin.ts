/**
 * The one origin the desktop window may show and the only one allowed to call the backend. Kept free of
 * Electron imports so the checks can be unit-tested under plain Node.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'custodia';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * True for URLs on our own origin. The prefix test alone would accept nothing bad either, but parsing as
 * well refuses look-alikes a future edit to the prefix might let through (`app://custodia.evil/`,
 * `app://user@custodia/`).
 */
export function isAppUrl(url: string): boolean {
  if (!url.startsWith(`${APP_ORIGIN}/`)) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}
