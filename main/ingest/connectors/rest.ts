/**
 * REST/JSON connector: pages of records from an HTTP API, with the four common ways of paging (page
 * number, offset, a cursor in the body, RFC 8288 Link headers) and an optional "changed since" parameter.
 *
 * Guards, because a sync runs unattended: every request has a timeout; a sync stops after maxPages pages;
 * an API that serves the same page again (same address, or the same content) is stopped at once instead of
 * being read forever; credentials are sent only to the configured host (a next link or a redirect to
 * another host is refused); and no error message repeats the authentication header or a URL's secrets.
 */
import crypto from 'node:crypto';
import { AppError } from '../../core/errors';
import { readPath, isPlainObject } from '../mapping/paths';
import type { ReadItem } from '../types';
import type { RestConfig } from './config';
import { decodeCursor, encodeCursor, scopeOf, type ReadBatch } from './cursor';
import { networkProblem, oneLine, throwIfAborted } from './database';

const BATCH = 2_000;
const MAX_REDIRECTS = 5;
export const SAME_PAGE_ERROR = 'The API returned the same page twice: stopping.';

export interface RestReadOptions {
  /** Stop once this many records were read (a connection test reads 20). */
  readonly maxRecords?: number;
}

function fail(message: string, params: Record<string, string | number> = {}): AppError {
  return new AppError('CONNECTOR_FAILED', message, { kind: 'rest', ...params });
}

/** Host and path only: no user info, no query string (either may hold a secret). */
function where(url: URL): string {
  return `${url.host}${url.pathname}`;
}

export function restScope(config: RestConfig): string {
  return scopeOf(config.baseUrl, config.path, config.recordsPath, config.incremental?.param ?? null, config.incremental?.cursorField ?? null);
}

/** The first page's address: the path is appended to the base address (not resolved against it). */
export function firstUrl(config: RestConfig): URL {
  const base = config.baseUrl.endsWith('/') ? config.baseUrl : `${config.baseUrl}/`;
  return new URL(config.path.replace(/^\/+/, ''), base);
}

/** `<https://api/x?page=2>; rel="next", <…>; rel="last"` → the next address, resolved against the current one. */
export function nextLink(header: string | null, current: URL): URL | null {
  if (!header) return null;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (!match) continue;
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(match[2] ?? '');
    const relations = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/);
    if (relations.includes('next')) return new URL(match[1]!, current);
  }
  return null;
}

/** Larger of two cursor values: numerically when both are numbers, else as text (ISO dates sort as text). */
function later(a: string | null, b: string): string {
  if (a === null) return b;
  const x = Number(a);
  const y = Number(b);
  if (a.trim() !== '' && b.trim() !== '' && Number.isFinite(x) && Number.isFinite(y)) return y > x ? b : a;
  return b > a ? b : a;
}

interface Page {
  readonly url: URL;
  readonly body: unknown;
  readonly text: string;
  readonly link: string | null;
}

function sameOrigin(next: URL, first: URL): boolean {
  // An upgrade from http to https on the same host keeps the credentials where they were meant to go.
  return next.host === first.host && (next.protocol === first.protocol || (first.protocol === 'http:' && next.protocol === 'https:'));
}

async function fetchPage(url: URL, first: URL, config: RestConfig, headers: Record<string, string>, pageNumber: number, signal: AbortSignal): Promise<Page> {
  let current = url;
  for (let redirects = 0; ; redirects += 1) {
    throwIfAborted(signal);
    let response: Response;
    try {
      response = await fetch(current, { headers, redirect: 'manual', signal: AbortSignal.any([signal, AbortSignal.timeout(config.timeoutSeconds * 1000)]) });
    } catch (error) {
      if (signal.aborted) throw new AppError('CANCELLED', 'Cancelled.');
      if (error instanceof DOMException && error.name === 'TimeoutError') {
        throw fail(`The API at ${where(current)} did not answer page ${pageNumber} within ${config.timeoutSeconds} s.`, {
          reason: 'noAnswer',
          server: 'API',
          host: current.host,
          seconds: config.timeoutSeconds,
        });
      }
      const cause = error instanceof Error && error.cause ? error.cause : error;
      const port = Number(current.port || (current.protocol === 'https:' ? 443 : 80));
      const network = networkProblem(cause, 'the API', current.hostname, port, config.timeoutSeconds);
      if (network) throw fail(network.text, { reason: network.reason, ...network.params, server: 'API' });
      throw fail(`The API at ${where(current)} could not be read: ${oneLine(String((cause as Error)?.message ?? cause))}.`);
    }
    if (response.status >= 300 && response.status < 400 && response.headers.has('location')) {
      await response.body?.cancel();
      const target = new URL(response.headers.get('location')!, current);
      if (!sameOrigin(target, first))
        throw fail(`The API redirected page ${pageNumber} to another host (${target.host}): Custodia does not send the credentials there.`, {
          reason: 'otherHost',
          page: pageNumber,
          host: target.host,
        });
      if (redirects >= MAX_REDIRECTS)
        throw fail(`The API redirected page ${pageNumber} more than ${MAX_REDIRECTS} times.`, {
          reason: 'tooManyRedirects',
          page: pageNumber,
          redirects: MAX_REDIRECTS,
        });
      current = target;
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      const hint = response.status === 401 || response.status === 403 ? ': check the authentication header' : '';
      throw fail(
        `The API answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''} for page ${pageNumber} of ${where(current)}${hint}.`,
        { status: response.status, reason: hint ? 'httpRefused' : 'httpStatus', page: pageNumber },
      );
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      if (signal.aborted) throw new AppError('CANCELLED', 'Cancelled.');
      throw fail(`The API at ${where(current)} stopped sending page ${pageNumber}: ${oneLine((error as Error).message)}.`, {
        reason: 'pageCut',
        page: pageNumber,
      });
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw fail(`The API's answer to page ${pageNumber} of ${where(current)} is not JSON.`, { reason: 'notJson', page: pageNumber });
    }
    return { url: current, body, text, link: response.headers.get('link') };
  }
}

function requestHeaders(config: RestConfig, url: URL): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'Custodia' };
  // fetch refuses addresses with user:password@; they become the Basic authentication they mean.
  if (url.username || url.password) {
    headers.authorization = `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`;
  }
  if (config.authHeader) headers[config.authHeader.name.toLowerCase()] = config.authHeader.value;
  return headers;
}

/** Batches of records, from the position `cursor` records (null: everything). */
export async function* readRest(config: RestConfig, cursor: string | null, signal: AbortSignal, options: RestReadOptions = {}): AsyncGenerator<ReadBatch> {
  const scope = restScope(config);
  const since = config.incremental ? (decodeCursor(cursor, scope)?.value ?? null) : null;
  const withCredentials = firstUrl(config);
  const headers = requestHeaders(config, withCredentials);
  const first = new URL(withCredentials);
  first.username = '';
  first.password = '';
  const { pagination } = config;
  if (config.incremental && since !== null) first.searchParams.set(config.incremental.param, since);
  let pageIndex = pagination.kind === 'page' ? pagination.firstPage : 0;
  if (pagination.kind === 'page') {
    first.searchParams.set(pagination.param, String(pageIndex));
    if (pagination.sizeParam) first.searchParams.set(pagination.sizeParam, String(pagination.size));
  } else if (pagination.kind === 'offset') {
    first.searchParams.set(pagination.param, '0');
    first.searchParams.set(pagination.limitParam, String(pagination.size));
  }

  const seenUrls = new Set<string>();
  const seenPages = new Set<string>();
  let url: URL | null = first;
  let pages = 0;
  let line = 0;
  let offset = 0;
  let largest: string | null = since;
  let pending: ReadItem[] = [];
  let failure: unknown = null;
  try {
    while (url !== null) {
      if (pages >= config.maxPages) {
        throw fail(
          `The API kept sending pages: stopped after ${config.maxPages}, the limit (maxPages). The records already read are kept; raise maxPages if the API really has more pages.`,
          { reason: 'tooManyPages', pages: config.maxPages },
        );
      }
      if (seenUrls.has(url.href)) throw fail(SAME_PAGE_ERROR, { reason: 'samePage' });
      seenUrls.add(url.href);
      pages += 1;
      const page = await fetchPage(url, first, config, headers, pages, signal);
      const records = config.recordsPath === '' ? page.body : isPlainObject(page.body) ? readPath(page.body, config.recordsPath) : undefined;
      if (!Array.isArray(records)) {
        throw fail(
          `The API's answer to page ${pages} has no list of records${config.recordsPath ? ` at ${config.recordsPath}` : ' (the body is not a list; set recordsPath)'}.`,
          config.recordsPath ? { reason: 'noRecordsAt', page: pages, path: config.recordsPath } : { reason: 'notAList', page: pages },
        );
      }
      if (records.length > 0) {
        const digest = crypto.createHash('sha256').update(page.text).digest('hex');
        if (seenPages.has(digest)) throw fail(SAME_PAGE_ERROR, { reason: 'samePage' });
        seenPages.add(digest);
      }
      for (const record of records) {
        line += 1;
        if (isPlainObject(record)) {
          pending.push({ kind: 'row', row: { line, values: record } });
          if (config.incremental) {
            const value = readPath(record, config.incremental.cursorField);
            if (value !== null && value !== undefined && value !== '') largest = later(largest, String(value));
          }
        } else {
          pending.push({ kind: 'problem', problem: { line, reason: 'the record is not a JSON object', raw: JSON.stringify(record).slice(0, 10_000) } });
        }
        if (options.maxRecords !== undefined && line >= options.maxRecords) {
          yield { items: pending };
          return;
        }
      }
      if (pending.length >= BATCH) {
        yield { items: pending };
        pending = [];
      }
      url = nextUrl(page, records.length);
      if (url !== null && !sameOrigin(url, first))
        throw fail(`The API's next page is on another host (${url.host}): Custodia does not send the credentials there.`, {
          reason: 'otherHost',
          page: pages + 1,
          host: url.host,
        });
    }
  } catch (error) {
    failure = error;
  }
  if (failure !== null) {
    // The records of the pages read before the failure are kept (written as one last batch), as a database
    // connector keeps its earlier pages; the position does not move, so the next sync reads them again.
    if (pending.length > 0 && !signal.aborted) yield { items: pending };
    throw failure;
  }
  // The position is stored with the last batch only: pages of an API are not promised to come in cursor
  // order, so an interrupted sync starts again from the previous position rather than skip records.
  const position = config.incremental && largest !== null ? encodeCursor(scope, { value: largest }) : null;
  if (pending.length > 0 || position !== null) yield { items: pending, cursor: position };

  function nextUrl(page: Page, count: number): URL | null {
    switch (pagination.kind) {
      case 'page': {
        if (count === 0 || count < pagination.size) return null;
        pageIndex += 1;
        const next = new URL(page.url);
        next.searchParams.set(pagination.param, String(pageIndex));
        return next;
      }
      case 'offset': {
        if (count === 0 || count < pagination.size) return null;
        offset += count;
        const next = new URL(page.url);
        next.searchParams.set(pagination.param, String(offset));
        return next;
      }
      case 'cursor': {
        const value = isPlainObject(page.body) ? readPath(page.body, pagination.nextPath) : undefined;
        if (value === null || value === undefined || value === '' || value === false) return null;
        const next = new URL(page.url);
        next.searchParams.set(pagination.param, String(value));
        return next;
      }
      case 'link':
        return nextLink(page.link, page.url);
    }
  }
}
