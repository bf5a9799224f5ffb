/**
 * Maps an app:// request to a file of the built renderer. Electron-free so the traversal checks run
 * under plain Node; `pathApi` lets the tests exercise Windows path rules on any machine.
 */
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
};

/**
 * The file to serve, or null when the request must be refused: another host, a malformed escape, a NUL
 * byte, or a path that resolves outside `rootDir` (`..`, encoded `%2e%2e%2f`, or `..\` on Windows).
 * Paths without an extension are client-side routes and get index.html, so a reload keeps working.
 */
export function resolveAppPath(rootDir: string, requestUrl: string, pathApi: path.PlatformPath = path): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;

  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (relative.includes('\0')) return null;
  relative = relative.replace(/^[/\\]+/, '');
  if (relative === '' || pathApi.extname(relative) === '') relative = 'index.html';

  const root = pathApi.resolve(rootDir);
  const file = pathApi.resolve(root, relative);
  return file.startsWith(root + pathApi.sep) ? file : null;
}

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}
