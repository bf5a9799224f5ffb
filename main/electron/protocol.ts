/**
 * The app:// scheme serves the built renderer. A custom scheme instead of file:// gives the page a real
 * origin (so `'self'` in the CSP means something and file:// keeps no extra privileges), and lets us send
 * the CSP as a header rather than trust a <meta> tag the page controls.
 */
import fs from 'node:fs/promises';
import { protocol } from 'electron';
import { SECURITY_HEADERS } from '../bridge/content-security-policy';
import { APP_SCHEME } from './app-origin';
import { contentTypeFor, resolveAppPath } from './resolve-app-path';

/**
 * Must run before `app` is ready. `standard` gives the scheme an origin and relative URLs, `secure` a
 * secure context, `supportFetchAPI` lets the page fetch its own files. `corsEnabled` is left off on
 * purpose: our page and its assets share one origin, and without it no other origin can read app://.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

function refuse(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** Call once the app is ready; serves files of `rendererDir` only. */
export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'Method not allowed');
    const file = resolveAppPath(rendererDir, request.url);
    if (!file) return refuse(404, 'Not found');
    let body: Buffer;
    try {
      body = await fs.readFile(file);
    } catch {
      return refuse(404, 'Not found');
    }
    const headers = { ...SECURITY_HEADERS, 'Content-Type': contentTypeFor(file) };
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  });
}
