/**
 * What the PostgreSQL and MySQL connectors share: the page query and the keyset paging over it.
 *
 * A table or the steward's SELECT (wrapped as a subquery) is read in pages of 5 000 rows ordered by
 * (cursor column, id column). Each page starts after the last row of the one before:
 * `WHERE c > $1 OR (c = $1 AND id > $2)`, so pages never overlap or skip, whatever else changes while
 * they are read. Identifiers are quoted by the driver's own function and every value travels as a
 * parameter: nothing the user typed is pasted into SQL except their SELECT, which is theirs to run.
 * Rows whose cursor is NULL sort first, so the first sync reads them too; later syncs see only rows
 * whose cursor grew.
 */
import { AppError } from '../../core/errors';
import type { RawRow } from '../types';
import type { DatabaseConfig } from './config';
import { decodeCursor, encodeCursor, scopeOf, type Position, type ReadBatch } from './cursor';

export const PAGE_SIZE = 5_000;
export const CURSOR_ALIAS = '__custodia_cursor';
export const ID_ALIAS = '__custodia_id';

/**
 * How long one query of a sync may run, from sending it to its last row: 5 minutes. A page is at most
 * PAGE_SIZE rows read in key order, which an index serves in milliseconds; even a steward's SELECT that
 * the server must sort whole for every page takes seconds, at worst a minute or two, on tables of
 * millions of rows. A query still running after 5 minutes waits on something that may never come (a
 * lock held by a forgotten transaction, a frozen server, a network that drops packets silently). This is
 * how long one stalled source may keep one of the scheduler's few places (scheduler.ts), and hold up the
 * connectors after it in `custodia sync --all`, which syncs them one after another.
 */
export const QUERY_TIMEOUT_MS = 5 * 60_000;
/**
 * The server is asked to stop the query itself at the limit (and so free what it holds); Custodia waits
 * this much longer for it to say so before closing the connection under a server that answers nothing.
 */
export const QUERY_GRACE_MS = 15_000;

/** The limits in force. Only tests change them: a stalled server must not make a test wait 5 minutes. */
export const queryLimits: { timeoutMs: number; graceMs: number } = { timeoutMs: QUERY_TIMEOUT_MS, graceMs: QUERY_GRACE_MS };

/** Custodia's own deadline passed (the server said nothing): the connection was closed under the query. */
export class QueryTimedOut extends Error {
  constructor() {
    super('The query did not finish in time.');
  }
}

/**
 * `work`, unless it outlives the limit and its grace (QueryTimedOut) or the job is cancelled (CANCELLED):
 * then `close` tears the connection down and the promise settles at once, whatever the driver later does
 * with the query it was waiting for. A stalled server answers nothing, not even a polite goodbye, so
 * neither a timeout nor a cancel may wait for it.
 */
export async function withinLimit<T>(work: Promise<T>, limitMs: number, signal: AbortSignal, close: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stopped = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      close();
      reject(new QueryTimedOut());
    }, limitMs);
    onAbort = () => {
      close();
      reject(new AppError('CANCELLED', 'Cancelled.'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    throwIfAborted(signal);
    return await Promise.race([work, stopped]);
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort!);
  }
}

/** Sends one query of a sync under the limit (see withinLimit). */
export type LimitedQuery = <T>(send: () => Promise<T>) => Promise<T>;

/**
 * The connector's way of running its queries: each under the limit, and a failure turned into the
 * connector's error by `fail`, told the limit when the query outlived it (the failure is then a timeout,
 * whatever the driver says).
 */
export function limitedQueries(signal: AbortSignal, close: () => void, fail: (error: unknown, overLimitMs: number | undefined) => Error): LimitedQuery {
  const { timeoutMs, graceMs } = queryLimits;
  return async <T>(send: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    try {
      return await withinLimit(send(), timeoutMs + graceMs, signal, close);
    } catch (error) {
      throw fail(error, Date.now() - started >= timeoutMs ? timeoutMs : undefined);
    }
  };
}

export interface Dialect {
  readonly name: 'PostgreSQL' | 'MySQL';
  quote(identifier: string): string;
  /** The n-th parameter (1-based) of a statement. */
  placeholder(index: number): string;
  /** An expression rendering `expression` as text exactly (timestamps with all their digits). */
  asText(expression: string): string;
  /** Appended to an ascending ORDER BY term so that NULLs come first (MySQL's default already). */
  readonly nullsFirst: string;
  /** Turns the text of a cursor value into its stored form (ISO 8601 for timestamps). */
  storedValue(text: string): string;
  /** …and back into a parameter the server compares with the column. */
  parameterValue(stored: string): string;
}

export interface PageQuery {
  readonly text: string;
  readonly params: readonly string[];
}

/** The scope of a cursor: a new table, query or column makes an old position meaningless. */
export function databaseScope(config: DatabaseConfig): string {
  return scopeOf(config.table ?? null, config.query ?? null, config.cursorColumn ?? null, config.idColumn);
}

function fromClause(config: DatabaseConfig, dialect: Dialect): string {
  if (config.table !== undefined)
    return config.table
      .split('.')
      .map((part) => dialect.quote(part))
      .join('.');
  return `(${config.query!.replace(/;\s*$/, '')})`;
}

export function pageQuery(config: DatabaseConfig, dialect: Dialect, after: Position | null, limit: number): PageQuery {
  const params: string[] = [];
  const param = (value: string): string => {
    params.push(value);
    return dialect.placeholder(params.length);
  };
  const id = `src.${dialect.quote(config.idColumn)}`;
  const cursor = config.cursorColumn === undefined ? null : `src.${dialect.quote(config.cursorColumn)}`;
  const select = [`src.*`, `${dialect.asText(id)} AS ${dialect.quote(ID_ALIAS)}`];
  if (cursor) select.push(`${dialect.asText(cursor)} AS ${dialect.quote(CURSOR_ALIAS)}`);

  let where = '';
  if (after !== null && after.id !== undefined) {
    if (cursor === null) {
      where = `WHERE ${id} > ${param(after.id)}`;
    } else if (after.value === null) {
      where = `WHERE (${cursor} IS NULL AND ${id} > ${param(after.id)}) OR ${cursor} IS NOT NULL`;
    } else {
      // The value is repeated rather than reused ($1 twice) because MySQL's placeholders are positional.
      const value = dialect.parameterValue(after.value);
      where = `WHERE ${cursor} > ${param(value)} OR (${cursor} = ${param(value)} AND ${id} > ${param(after.id)})`;
    }
  }
  const order = cursor === null ? `${id}` : `${cursor}${dialect.nullsFirst}, ${id}`;
  return { text: `SELECT ${select.join(', ')} FROM ${fromClause(config, dialect)} AS src ${where} ORDER BY ${order} LIMIT ${Math.trunc(limit)}`, params };
}

/** Driver values as the mapping expects them: ISO dates, numbers as numbers, big integers as text. */
export function plainValue(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return value;
}

export type RunQuery = (query: PageQuery) => Promise<Array<Record<string, unknown>>>;

export interface ReadOptions {
  readonly pageSize?: number;
  /** Stop after this many rows (a connection test reads 20). */
  readonly maxRows?: number;
}

/**
 * Pages of rows as batches, from `cursorText` (null: from the start). Each batch carries the position
 * after its last row when the connector is incremental; otherwise every sync reads everything again and
 * the unchanged rows are recognised as such by their content hash.
 */
export async function* readPages(
  config: DatabaseConfig,
  dialect: Dialect,
  run: RunQuery,
  cursorText: string | null,
  signal: AbortSignal,
  options: ReadOptions = {},
): AsyncGenerator<ReadBatch> {
  const scope = databaseScope(config);
  const incremental = config.cursorColumn !== undefined;
  let after = incremental ? decodeCursor(cursorText, scope) : null;
  const pageSize = Math.min(options.pageSize ?? PAGE_SIZE, options.maxRows ?? Number.POSITIVE_INFINITY);
  let line = 0;
  for (;;) {
    throwIfAborted(signal);
    const rows = await run(pageQuery(config, dialect, after, pageSize));
    throwIfAborted(signal);
    if (rows.length === 0) return;
    const items = rows.map((row) => {
      const values: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(row)) if (key !== CURSOR_ALIAS && key !== ID_ALIAS) values[key] = plainValue(value);
      line += 1;
      return { kind: 'row' as const, row: { line, values } satisfies RawRow };
    });
    const last = rows[rows.length - 1]!;
    const lastId = last[ID_ALIAS];
    if (lastId === null || lastId === undefined) {
      throw new AppError('CONNECTOR_FAILED', `The id column ${config.idColumn} is empty in some rows: it must be unique and never empty.`);
    }
    const lastCursor = last[CURSOR_ALIAS];
    const next: Position = { value: lastCursor === null || lastCursor === undefined ? null : dialect.storedValue(String(lastCursor)), id: String(lastId) };
    if (after !== null && after.id === next.id && after.value === next.value) {
      throw new AppError('CONNECTOR_FAILED', `The query returned the same page twice: is ${config.idColumn} unique?`);
    }
    after = next;
    yield { items, cursor: incremental ? encodeCursor(scope, next) : null };
    if (rows.length < pageSize || (options.maxRows !== undefined && line >= options.maxRows)) return;
  }
}

export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new AppError('CANCELLED', 'Cancelled.');
}

/** One line, no newlines or runs of spaces: errors end up in a run's `error` and in a terminal. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * A connector failure in English, with a `reason` and parameters the interface translates
 * (`errors.CONNECTOR_FAILED_<reason>`); the text stays the full story.
 */
export interface Described {
  readonly text: string;
  readonly reason: string;
  readonly params: Readonly<Record<string, string | number>>;
}

/** A database server's failure, with what the interface needs to say it (user, database, server code). */
export function databaseFailure(server: string, config: { readonly user: string; readonly database: string }, code: string) {
  return (reason: string, text: string): Described => ({ text, reason, params: { server, user: config.user, database: config.database, code } });
}

/**
 * A query that outlived the limit: Custodia's own deadline passed, or the server stopped it at the limit
 * Custodia set (a lower limit of the server's own is `queryTooLong`). Rows of earlier pages stay written.
 */
export function queryTimedOut(server: string, host: string, port: number, limitMs: number): Described {
  const seconds = Math.round(limitMs / 1000);
  return {
    text: `${server} at ${host}:${port} did not return the next rows within ${seconds} s, the limit for one query: Custodia stopped waiting. The rows already read are kept.`,
    reason: 'timeout',
    params: { server, host, port, seconds },
  };
}

/** The errors of the network layer, worded for a person; null for anything else. */
export function networkProblem(error: unknown, server: string, host: string, port: number, timeoutSeconds: number): Described | null {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  const message = error instanceof Error ? error.message : String(error);
  const params = { server, host, port, seconds: timeoutSeconds };
  const described = (reason: string, text: string): Described => ({ text, reason, params });
  switch (code) {
    case 'ECONNREFUSED':
      return described('refused', `Cannot connect to ${server} at ${host}:${port}: the connection was refused (is the server running?).`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return described('unknownHost', `Cannot connect to ${server}: the host ${host} is unknown.`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return described('unreachable', `Cannot connect to ${server} at ${host}:${port}: the network cannot reach it.`);
    case 'ETIMEDOUT':
      return described('noAnswer', `${server} at ${host}:${port} did not answer within ${timeoutSeconds} s.`);
    case 'ECONNRESET':
    case 'EPIPE':
      return described('cut', `The connection to ${server} at ${host}:${port} was cut.`);
    default:
      if (/timeout/i.test(message) && /connect/i.test(message))
        return described('noAnswer', `${server} at ${host}:${port} did not answer within ${timeoutSeconds} s.`);
      if (/Connection terminated unexpectedly|server closed the connection/i.test(message))
        return described('cut', `The connection to ${server} at ${host}:${port} was cut.`);
      return null;
  }
}
