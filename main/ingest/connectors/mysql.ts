/**
 * MySQL and MariaDB connector (mysql2): the same paging and cursor as PostgreSQL (database.ts), with
 * MySQL's quoting and placeholders. BIGINT and DECIMAL arrive as text (no precision lost), DATE as the
 * calendar day it is, DATETIME and TIMESTAMP as ISO instants.
 */
import mysql from 'mysql2/promise';
import { AppError } from '../../api/errors';
import type { MysqlConfig } from './config';
import type { ReadBatch } from './cursor';
import { databaseFailure, networkProblem, oneLine, type Described, readPages, throwIfAborted, type Dialect, type ReadOptions } from './database';

const DATE_TIME_TEXT = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)$/;
const DATE_TIME_ISO = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2}(?:\.\d+)?)$/;

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
  ER_QUERY_TIMEOUT: { reason: 'queryTooLong', text: () => 'MySQL stopped the query: it ran longer than the server allows.' },
};

export function describeMysqlError(error: unknown, config: MysqlConfig): Described {
  const network = networkProblem(error, 'MySQL', config.host, config.port, config.connectTimeoutSeconds ?? 10);
  if (network) return network;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  const message = oneLine(error instanceof Error ? error.message : String(error));
  const described = databaseFailure('MySQL', config, code);
  const known = MESSAGES[code];
  if (known) return described(known.reason, known.text(config, message));
  if (/^ER_(PARSE_ERROR|NO_SUCH_TABLE|BAD_FIELD_ERROR|BAD_TABLE_ERROR|WRONG_|NON_UNIQ|SYNTAX)/.test(code))
    return described('invalidQuery', `The query is not valid for MySQL: ${message} (${code}).`);
  if (code.startsWith('ER_')) return described('serverError', `MySQL answered with an error: ${message} (${code}).`);
  return described('other', `MySQL: ${message}`);
}

function failure(error: unknown, config: MysqlConfig, signal: AbortSignal): AppError {
  if (signal.aborted) return new AppError('CANCELLED', 'Cancelled.');
  if (error instanceof AppError) return error;
  const described = describeMysqlError(error, config);
  return new AppError('CONNECTOR_FAILED', described.text, { kind: 'mysql', reason: described.reason, ...described.params });
}

/** Batches of rows from `cursor` on (null: from the start); see readPages. */
export async function* readMysql(config: MysqlConfig, cursor: string | null, signal: AbortSignal, options: ReadOptions = {}): AsyncGenerator<ReadBatch> {
  throwIfAborted(signal);
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
    });
  } catch (error) {
    throw failure(error, config, signal);
  }
  connection.on('error', () => undefined);
  const abort = (): void => connection.destroy();
  signal.addEventListener('abort', abort, { once: true });
  try {
    try {
      // The reader only reads: a mistaken query cannot change the source system.
      await connection.query('SET SESSION TRANSACTION READ ONLY');
    } catch (error) {
      throw failure(error, config, signal);
    }
    const dialect = mysqlDialect((identifier) => connection.escapeId(identifier));
    const run = async (query: { text: string; params: readonly string[] }) => {
      try {
        const [rows] = await connection.execute(query.text, [...query.params]);
        return rows as Array<Record<string, unknown>>;
      } catch (error) {
        throw failure(error, config, signal);
      }
    };
    yield* readPages(config, dialect, run, cursor, signal, options);
  } finally {
    signal.removeEventListener('abort', abort);
    await connection.end().catch(() => connection.destroy());
  }
}
