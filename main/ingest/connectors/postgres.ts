/**
 * PostgreSQL connector (node-postgres): one connection per sync, pages read with keyset paging (see
 * database.ts), values turned into plain JSON values. A cancelled job closes the connection, which also
 * ends a query still running on the server. Every query has a time limit (QUERY_TIMEOUT_MS): the server
 * stops it there itself (statement_timeout), and a server that says nothing has its connection closed
 * a little later.
 */
import pg from 'pg';
import { AppError } from '../../core/errors';
import type { PostgresConfig } from './config';
import type { ReadBatch } from './cursor';
import {
  databaseFailure,
  networkProblem,
  type Described,
  oneLine,
  queryLimits,
  QueryTimedOut,
  queryTimedOut,
  readPages,
  throwIfAborted,
  type Dialect,
  type ReadOptions,
  limitedQueries,
} from './database';

const DATE_OID = 1082;
/** query_canceled: a statement_timeout, or a cancel request. */
const QUERY_CANCELED = '57014';

export const postgresDialect: Dialect = {
  name: 'PostgreSQL',
  quote: (identifier) => pg.escapeIdentifier(identifier),
  placeholder: (index) => `$${index}`,
  // to_json renders timestamps in ISO 8601 with every digit and numbers exactly; #>> '{}' takes it as text.
  asText: (expression) => `to_json(${expression}) #>> '{}'`,
  nullsFirst: ' NULLS FIRST',
  storedValue: (text) => text,
  parameterValue: (stored) => stored,
};

/** A DATE is a calendar day, not an instant: node-postgres would make it local midnight and shift it. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === DATE_OID ? (value: string) => value : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
}

export function describePostgresError(error: unknown, config: PostgresConfig): Described {
  const timeout = config.connectTimeoutSeconds ?? 10;
  const network = networkProblem(error, 'PostgreSQL', config.host, config.port, timeout);
  if (network) return network;
  const code = errorCode(error);
  const message = oneLine(error instanceof Error ? error.message : String(error));
  const described = databaseFailure('PostgreSQL', config, code);
  if (code === '28P01') return described('wrongPassword', `PostgreSQL refused the password of user ${config.user} (wrong password).`);
  if (code === '28000') return described('loginRefused', `PostgreSQL refused the login of user ${config.user}: ${message}.`);
  if (code === '3D000') return described('noDatabase', `PostgreSQL has no database ${config.database}.`);
  if (code === QUERY_CANCELED) return described('queryTooLong', 'PostgreSQL stopped the query: it ran longer than the server allows.');
  if (code.startsWith('42')) return described('invalidQuery', `The query is not valid for PostgreSQL: ${message} (${code}).`);
  if (/^[0-9A-Z]{5}$/.test(code)) return described('serverError', `PostgreSQL answered with an error: ${message} (${code}).`);
  if (/self[- ]signed|certificate|SSL|TLS/i.test(message)) return described('tls', `The secure connection to PostgreSQL at ${config.host} failed: ${message}.`);
  return described('other', `PostgreSQL: ${message}`);
}

/** `overLimitMs`: the limit the failed query outlived, if it did (then a cancel is the timeout's). */
function failure(error: unknown, config: PostgresConfig, signal: AbortSignal, overLimitMs?: number): AppError {
  if (signal.aborted) return new AppError('CANCELLED', 'Cancelled.');
  if (error instanceof AppError) return error;
  const timedOut = overLimitMs !== undefined && (error instanceof QueryTimedOut || errorCode(error) === QUERY_CANCELED);
  const described = timedOut ? queryTimedOut('PostgreSQL', config.host, config.port, overLimitMs) : describePostgresError(error, config);
  return new AppError('CONNECTOR_FAILED', described.text, { kind: 'postgres', reason: described.reason, ...described.params });
}

/** Batches of rows from `cursor` on (null: from the start); see readPages. */
export async function* readPostgres(config: PostgresConfig, cursor: string | null, signal: AbortSignal, options: ReadOptions = {}): AsyncGenerator<ReadBatch> {
  throwIfAborted(signal);
  const { timeoutMs } = queryLimits;
  const client = new pg.Client({
    host: config.host,
    port: config.port,
    database: config.database,
    user: config.user,
    password: config.password,
    ssl: config.ssl ? { rejectUnauthorized: true } : false,
    connectionTimeoutMillis: (config.connectTimeoutSeconds ?? 10) * 1000,
    application_name: 'custodia',
    types,
  });
  // A server that goes away between queries emits 'error' on the client: without a listener it would
  // crash the process. The failing query reports it.
  client.on('error', () => undefined);
  // With a query under way, end() destroys the socket rather than wait for an answer that may never come.
  const close = (): void => void client.end().catch(() => undefined);
  signal.addEventListener('abort', close, { once: true });
  const limited = limitedQueries(signal, close, (error, overLimitMs) => failure(error, config, signal, overLimitMs));
  try {
    try {
      await client.connect();
    } catch (error) {
      throw failure(error, config, signal);
    }
    // The reader only reads: a mistaken query cannot change the source system. The server stops a query
    // at the limit itself, which also frees what it holds there.
    await limited(() => client.query(`SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY; SET statement_timeout = ${Math.trunc(timeoutMs)}`));
    const run = async (query: { text: string; params: readonly string[] }) =>
      (await limited(() => client.query({ text: query.text, values: [...query.params] }))).rows as Array<Record<string, unknown>>;
    yield* readPages(config, postgresDialect, run, cursor, signal, options);
  } finally {
    signal.removeEventListener('abort', close);
    await client.end().catch(() => undefined);
  }
}
