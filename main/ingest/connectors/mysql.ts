/**
 * MySQL and MariaDB connector (mysql2): the same paging and cursor as PostgreSQL (database.ts), with
 * MySQL's quoting and placeholders. BIGINT and DECIMAL arrive as text (no precision lost), DATE as the
 * calendar day it is, DATETIME and TIMESTAMP as ISO instants. Every query has the same time limit as
 * PostgreSQL's: the server stops it there itself where it can, and one that says nothing has its socket
 * destroyed a little later.
 */
import net from 'node:net';
import mysql from 'mysql2/promise';
import { AppError } from '../../core/errors';
import type { MysqlConfig } from './config';
import type { ReadBatch } from './cursor';
import {
  databaseFailure,
  networkProblem,
  oneLine,
  type Described,
  queryLimits,
  QueryTimedOut,
  queryTimedOut,
  readPages,
  throwIfAborted,
  type Dialect,
  type ReadOptions,
  limitedQueries,
} from './database';

const DATE_TIME_TEXT = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)$/;
const DATE_TIME_ISO = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2}(?:\.\d+)?)$/;
/** MariaDB's max_statement_time was reached; mysql2 has no name for it. (MySQL's max_execution_time: ER_QUERY_TIMEOUT.) */
const ER_STATEMENT_TIMEOUT = 1969;

export function mysqlDialect(escapeId: (identifier: string) => string): Dialect {
  return {
    name: 'MySQL',
    quote: escapeId,
    placeholder: () => '?',
    asText: (expression) => `CAST(${expression} AS CHAR)`,
    nullsFirst: '',
    // `2026-03-01 10:00:00.250000` is stored as `2026-03-01T10:00:00.250000` (ISO 8601, the server's time zone)…
    storedValue: (text) => text.replace(DATE_TIME_TEXT, '$1T$2'),
    // …and given back with the space every MySQL and MariaDB version reads.
    parameterValue: (stored) => stored.replace(DATE_TIME_ISO, '$1 $2'),
  };
}

const MESSAGES: Readonly<Record<string, { readonly reason: string; readonly text: (config: MysqlConfig, message: string) => string }>> = {
  ER_ACCESS_DENIED_ERROR: {
    reason: 'loginRefused',
    text: (config) => `MySQL refused the login of user ${config.user} (wrong password, or not allowed from this computer).`,
  },
  ER_DBACCESS_DENIED_ERROR: { reason: 'databaseRefused', text: (config) => `MySQL does not let user ${config.user} read the database ${config.database}.` },
  ER_BAD_DB_ERROR: { reason: 'noDatabase', text: (config) => `MySQL has no database ${config.database}.` },
  ER_TABLEACCESS_DENIED_ERROR: { reason: 'tableRefused', text: (_config, message) => `MySQL refused to read the table: ${message}.` },
};

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
}

/** The server stopped the query at a time limit (its own, or the one Custodia set). */
function stoppedByServer(error: unknown): boolean {
  const errno = typeof error === 'object' && error !== null && 'errno' in error ? (error as { errno: unknown }).errno : undefined;
  return errorCode(error) === 'ER_QUERY_TIMEOUT' || errno === ER_STATEMENT_TIMEOUT;
}

export function describeMysqlError(error: unknown, config: MysqlConfig): Described {
  const network = networkProblem(error, 'MySQL', config.host, config.port, config.connectTimeoutSeconds ?? 10);
  if (network) return network;
  const code = errorCode(error);
  const message = oneLine(error instanceof Error ? error.message : String(error));
  const described = databaseFailure('MySQL', config, code);
  if (stoppedByServer(error)) return described('queryTooLong', 'MySQL stopped the query: it ran longer than the server allows.');
  const known = MESSAGES[code];
  if (known) return described(known.reason, known.text(config, message));
  if (/^ER_(PARSE_ERROR|NO_SUCH_TABLE|BAD_FIELD_ERROR|BAD_TABLE_ERROR|WRONG_|NON_UNIQ|SYNTAX)/.test(code))
    return described('invalidQuery', `The query is not valid for MySQL: ${message} (${code}).`);
  if (code.startsWith('ER_')) return described('serverError', `MySQL answered with an error: ${message} (${code}).`);
  return described('other', `MySQL: ${message}`);
}

/** `overLimitMs`: the limit the failed query outlived, if it did (then the server's stop is the timeout's). */
function failure(error: unknown, config: MysqlConfig, signal: AbortSignal, overLimitMs?: number): AppError {
  if (signal.aborted) return new AppError('CANCELLED', 'Cancelled.');
  if (error instanceof AppError) return error;
  const timedOut = overLimitMs !== undefined && (error instanceof QueryTimedOut || stoppedByServer(error));
  const described = timedOut ? queryTimedOut('MySQL', config.host, config.port, overLimitMs) : describeMysqlError(error, config);
  return new AppError('CONNECTOR_FAILED', described.text, { kind: 'mysql', reason: described.reason, ...described.params });
}

/** Batches of rows from `cursor` on (null: from the start); see readPages. */
export async function* readMysql(config: MysqlConfig, cursor: string | null, signal: AbortSignal, options: ReadOptions = {}): AsyncGenerator<ReadBatch> {
  throwIfAborted(signal);
  const { timeoutMs } = queryLimits;
  // Our own socket, as mysql2 would open it, so that it can be destroyed: mysql2's destroy() only half-closes
  // it, and waits, like end(), for a server that may never answer.
  let socket = null as net.Socket | null;
  const openSocket = (): net.Socket => {
    socket = net.connect(config.port, config.host);
    socket.setNoDelay(true);
    socket.setKeepAlive(true);
    return socket;
  };
  let connection: mysql.Connection;
  try {
    connection = await mysql.createConnection({
      host: config.host,
      port: config.port,
      database: config.database,
      user: config.user,
      password: config.password,
      ...(config.ssl ? { ssl: { rejectUnauthorized: true } } : {}),
      connectTimeout: (config.connectTimeoutSeconds ?? 10) * 1000,
      supportBigNumbers: true,
      bigNumberStrings: true,
      dateStrings: ['DATE'],
      charset: 'utf8mb4',
      stream: openSocket,
    });
  } catch (error) {
    socket?.destroy();
    throw failure(error, config, signal);
  }
  connection.on('error', () => undefined);
  let closed = false;
  const close = (): void => {
    closed = true;
    connection.destroy();
    socket?.destroy();
  };
  signal.addEventListener('abort', close, { once: true });
  const limited = limitedQueries(signal, close, (error, overLimitMs) => failure(error, config, signal, overLimitMs));
  try {
    // The reader only reads: a mistaken query cannot change the source system.
    await limited(() => connection.query('SET SESSION TRANSACTION READ ONLY'));
    await setServerLimit(connection, timeoutMs, limited);
    const dialect = mysqlDialect((identifier) => connection.escapeId(identifier));
    const run = async (query: { text: string; params: readonly string[] }) => {
      const [rows] = await limited(() => connection.execute(query.text, [...query.params]));
      return rows as Array<Record<string, unknown>>;
    };
    yield* readPages(config, dialect, run, cursor, signal, options);
  } finally {
    signal.removeEventListener('abort', close);
    // end() waits for the query under way: after a timeout or a cancel there is nothing left to say goodbye to.
    if (closed) socket?.destroy();
    else await connection.end().catch(() => close());
  }
}

/**
 * Asks the server to stop a query at the limit itself, which also frees what it holds there: MariaDB
 * (10.1+) calls it max_statement_time, in seconds; MySQL (5.7.8+) max_execution_time, in milliseconds, for
 * SELECTs. An older server knows neither: Custodia's own deadline still applies.
 */
async function setServerLimit(connection: mysql.Connection, timeoutMs: number, limited: <T>(send: () => Promise<T>) => Promise<T>): Promise<void> {
  const unknownVariable = (error: unknown) => error instanceof AppError && error.params?.code === 'ER_UNKNOWN_SYSTEM_VARIABLE';
  try {
    await limited(() => connection.query(`SET SESSION max_statement_time = ${timeoutMs / 1000}`));
    return;
  } catch (error) {
    if (!unknownVariable(error)) throw error;
  }
  try {
    await limited(() => connection.query(`SET SESSION max_execution_time = ${Math.trunc(timeoutMs)}`));
  } catch (error) {
    if (!unknownVariable(error)) throw error;
  }
}
