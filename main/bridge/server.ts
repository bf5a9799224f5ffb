/**
 * Browser mode: the built renderer and the API on one loopback origin, a random port and a per-launch
 * token. Only loopback clients, only our own Host (DNS rebinding), only our own Origin, and every API
 * request must carry the token. The token travels in the URL fragment, which browsers never send to
 * servers or write to logs, and then in an Authorization header.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BackendEvent } from '../api/contract';
import { isMethodName } from '../api/dispatch';
import type { BackendClient } from '../backend/backend';
import { SECURITY_HEADERS } from './content-security-policy';

const MAX_BODY_BYTES = 1024 * 1024;
/**
 * Uploads are whole exports staged for import. 4 GiB is far above any real one (a million CRM rows are
 * ~150 MB of CSV) and keeps a runaway page from filling the disk with plaintext personal data.
 */
export const MAX_UPLOAD_BYTES = 4 * 1024 * 1024 * 1024;
/** How much of an over-long body is read and thrown away so the 413 answer reaches the client intact. */
const MAX_DISCARD_BYTES = 64 * 1024 * 1024;

/** An over-long request body: answered 413, never reset. */
class BodyTooLarge extends Error {}
const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface BridgeOptions {
  readonly backend: BackendClient;
  readonly rendererDir: string;
  readonly port?: number;
  readonly token?: string;
  /** Where files sent from the browser for import are staged (a browser cannot give a file's path). */
  readonly uploadDir?: string;
  /** The largest upload taken (MAX_UPLOAD_BYTES unless a test sets it lower). */
  readonly maxUploadBytes?: number;
}

export interface Bridge {
  readonly origin: string;
  readonly url: string;
  readonly token: string;
  readonly port: number;
  close(): Promise<void>;
}

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = options.token ?? crypto.randomBytes(32).toString('base64url');
  const maxUpload = options.maxUploadBytes ?? MAX_UPLOAD_BYTES;
  const rendererDir = path.resolve(options.rendererDir);
  const streams = new Set<http.ServerResponse>();
  let origin = '';
  let host = '';

  const unsubscribe = options.backend.onEvent((event: BackendEvent) => {
    const frame = `data: ${JSON.stringify(event)}\n\n`;
    for (const stream of streams) stream.write(frame);
  });

  const server = http.createServer((request, response) => {
    void handle(request, response).catch(() => {
      if (!response.headersSent) send(response, 500, { error: 'internal' });
      else response.end();
    });
  });

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    if (!isLoopbackAddress(request.socket.remoteAddress)) {
      request.socket.destroy();
      return;
    }
    if (request.headers.host !== host) return send(response, 421, { error: 'wrong host' });
    const requestOrigin = request.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== origin) return send(response, 403, { error: 'origin not allowed' });
    if (request.headers['sec-fetch-site'] === 'cross-site') return send(response, 403, { error: 'cross-site request refused' });

    const url = new URL(request.url ?? '/', origin);
    if (url.pathname.startsWith('/api/')) {
      const auth = request.headers.authorization ?? '';
      if (!auth.startsWith('Bearer ') || !sameToken(auth.slice(7), token)) return send(response, 401, { error: 'missing or wrong token' });
      if (url.pathname === '/api/call' && request.method === 'POST') return handleCall(request, response);
      if (url.pathname === '/api/events' && request.method === 'GET') return handleEvents(request, response);
      if (url.pathname === '/api/upload' && request.method === 'POST') return handleUpload(request, response, url);
      if (url.pathname === '/api/upload' && request.method === 'DELETE') return handleDiscard(response, url);
      return send(response, 404, { error: 'not found' });
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, { error: 'method not allowed' });
    return serveStatic(url.pathname, response);
  }

  async function handleCall(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) return send(response, 415, { error: 'JSON only' });
    let body: unknown;
    try {
      body = JSON.parse(await readBody(request));
    } catch (error) {
      if (error instanceof BodyTooLarge) return tooLarge(response, request, MAX_BODY_BYTES);
      return send(response, 400, { ok: false, error: { code: 'INVALID_INPUT', message: 'The request body is not valid JSON.' } });
    }
    const { method, input } = (body ?? {}) as { method?: unknown; input?: unknown };
    if (!isMethodName(method)) return send(response, 400, { ok: false, error: { code: 'INVALID_INPUT', message: 'Unknown method.' } });
    send(response, 200, await options.backend.call(method, input ?? {}));
  }

  /** The uploads' folder, or why the person may not use it: it is for an unlocked administrator or steward. */
  async function stagingFor(response: http.ServerResponse): Promise<string | null> {
    if (!options.uploadDir) {
      send(response, 404, { error: 'uploads are not enabled' });
      return null;
    }
    const status = await options.backend.call('vault.status', {});
    const role = status.ok ? status.value.user?.role : undefined;
    if (role !== 'administrator' && role !== 'steward') {
      send(response, 403, { ok: false, error: { code: role ? 'FORBIDDEN' : 'LOCKED', message: 'Unlock as an administrator or steward to import.' } });
      return null;
    }
    return options.uploadDir;
  }

  /**
   * Stages a file chosen or dropped in the browser so the import can read it by path. Only for an
   * unlocked administrator or steward; the import removes the staged copy when it is done.
   */
  async function handleUpload(request: http.IncomingMessage, response: http.ServerResponse, url: URL): Promise<void> {
    const declared = Number(request.headers['content-length']);
    if (declared > maxUpload) return tooLarge(response, request, maxUpload);
    const uploadDir = await stagingFor(response);
    if (uploadDir === null) return;
    const cleaned = (url.searchParams.get('name') ?? 'upload').replace(/[^\p{L}\p{N}._ -]/gu, '_').slice(-120);
    const name = cleaned === '' || cleaned === '.' || cleaned === '..' ? 'upload' : cleaned;
    // A folder of its own per upload keeps the person's file name, which the run's history shows.
    const folder = path.join(uploadDir, crypto.randomUUID());
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    const file = path.join(folder, name);
    let received = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        received += chunk.length;
        done(received > maxUpload ? new BodyTooLarge() : null, chunk);
      },
    });
    try {
      await pipeline(request, limit, fs.createWriteStream(file, { mode: 0o600 }));
    } catch (error) {
      fs.rmSync(folder, { recursive: true, force: true });
      if (error instanceof BodyTooLarge) return tooLarge(response, request, maxUpload);
      return send(response, 400, { ok: false, error: { code: 'IO_ERROR', message: 'The upload did not arrive whole.' } });
    }
    send(response, 200, { ok: true, value: { file, bytes: fs.statSync(file).size } });
  }

  /**
   * A staged copy the page no longer needs (another file chosen, a sample read, the wizard left) holds
   * personal data in the clear: it goes now rather than at the next lock. Only a copy this server staged,
   * named as the upload answered it.
   */
  async function handleDiscard(response: http.ServerResponse, url: URL): Promise<void> {
    const uploadDir = await stagingFor(response);
    if (uploadDir === null) return;
    const file = path.resolve(url.searchParams.get('file') ?? '');
    const folder = path.dirname(file);
    if (path.dirname(folder) !== path.resolve(uploadDir) || !/^[0-9a-f-]{36}$/.test(path.basename(folder))) {
      return send(response, 400, { ok: false, error: { code: 'INVALID_INPUT', message: 'Not a staged file.' } });
    }
    fs.rmSync(folder, { recursive: true, force: true });
    send(response, 200, { ok: true, value: null });
  }

  function handleEvents(request: http.IncomingMessage, response: http.ServerResponse): void {
    response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
    response.write(': connected\n\n');
    streams.add(response);
    request.on('close', () => streams.delete(response));
  }

  function serveStatic(pathname: string, response: http.ServerResponse): void {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      // A malformed escape (`/%E0%A4%A`) names no file of ours.
      return send(response, 400, { error: 'malformed path' });
    }
    const relative = pathname === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
    const file = path.resolve(rendererDir, relative);
    if (file !== rendererDir && !file.startsWith(rendererDir + path.sep)) return send(response, 404, { error: 'not found' });
    let content: Buffer;
    try {
      content = fs.readFileSync(file);
    } catch {
      return send(response, 404, { error: 'not found' });
    }
    response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream' });
    response.end(content);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  host = `127.0.0.1:${port}`;

  return {
    origin,
    url: `${origin}/#token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function send(response: http.ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

/**
 * Answers 413 and closes the connection. The rest of the body is read and dropped first (up to a bound):
 * closing a socket with unread data makes TCP reset it, and the client would see a reset, not the answer.
 */
function tooLarge(response: http.ServerResponse, request: http.IncomingMessage, limit: number): void {
  const answer = (): void => {
    if (response.headersSent) return;
    response.writeHead(413, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', Connection: 'close' });
    response.end(
      JSON.stringify({
        ok: false,
        error: { code: 'INVALID_INPUT', message: `The request is larger than ${limit} bytes.`, params: { reason: 'tooLarge', limit } },
      }),
    );
  };
  if (request.readableEnded || request.destroyed) return answer();
  let discarded = 0;
  request.removeAllListeners('data');
  request.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > MAX_DISCARD_BYTES) {
      answer();
      request.destroy();
    }
  });
  request.once('end', answer);
  request.once('error', answer);
  request.resume();
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    if (Number(request.headers['content-length']) > MAX_BODY_BYTES) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        request.off('data', onData);
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
