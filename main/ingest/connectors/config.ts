/**
 * What each connector kind needs to know, as zod schemas. The contract imports this file and the
 * renderer reads the contract, so it stays free of Node and of the database drivers: only zod.
 *
 * Credentials (a database password, an API token) are part of the configuration. They are stored inside
 * the encrypted vault only, and every answer that leaves the backend carries them masked (see mask.ts).
 */
import { z } from 'zod';
import { FILE_FORMATS } from '../types';

export const CONNECTOR_KINDS = ['postgres', 'mysql', 'rest', 'folder'] as const;
export const ConnectorKind = z.enum(CONNECTOR_KINDS);
export type ConnectorKind = z.infer<typeof ConnectorKind>;

/** What a masked secret reads as; sending it back unchanged in an update keeps the stored secret. */
export const MASK = '••••';

const Identifier = z.string().trim().min(1).max(200);
/** `schema.table` or `table`; each part is quoted as an identifier, never pasted into SQL. */
const TableName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^.]+(\.[^.]+)?$/, 'a table name, optionally with its schema: customers or crm.customers');
const SelectQuery = z
  .string()
  .trim()
  .min(1)
  .max(20_000)
  .regex(/^(select|with)\b/i, 'a SELECT (or WITH … SELECT) query')
  .refine((query) => !/;\s*\S/.test(query.replace(/;\s*$/, '')), 'a single query, without ;');

const DatabaseFields = {
  host: z.string().trim().min(1).max(255),
  database: z.string().trim().min(1).max(200),
  user: z.string().trim().min(1).max(200),
  password: z.string().max(1000).default(''),
  ssl: z.boolean().optional(),
  /** Either a table… */
  table: TableName.optional(),
  /** …or a SELECT, wrapped as a subquery so that paging and the cursor condition stay ours. */
  query: SelectQuery.optional(),
  /** A column that grows when a row changes (updated_at, a version number): only changed rows are read again. */
  cursorColumn: Identifier.optional(),
  /** A unique column: the tie-breaker of the cursor and the order of pages. */
  idColumn: Identifier,
  /** Seconds to wait for the server to answer the connection. */
  connectTimeoutSeconds: z.number().int().min(1).max(300).optional(),
};

function oneSource<T extends { table?: string | undefined; query?: string | undefined }>(config: T, context: z.RefinementCtx): void {
  if ((config.table === undefined) === (config.query === undefined)) {
    context.addIssue({ code: 'custom', path: ['table'], message: 'give either a table or a query, not both' });
  }
}

export const PostgresConfig = z
  .object({ ...DatabaseFields, port: z.number().int().min(1).max(65_535).default(5432) })
  .strict()
  .superRefine(oneSource);
export type PostgresConfig = z.infer<typeof PostgresConfig>;

export const MysqlConfig = z
  .object({ ...DatabaseFields, port: z.number().int().min(1).max(65_535).default(3306) })
  .strict()
  .superRefine(oneSource);
export type MysqlConfig = z.infer<typeof MysqlConfig>;

const ParamName = z.string().trim().min(1).max(100);
/** A dotted path into a JSON body, e.g. `data.customers`; empty means the body itself. */
const JsonPath = z.string().trim().max(200);

export const RestPagination = z.discriminatedUnion('kind', [
  /** `?page=1,2,3…` (and `&per_page=size` when sizeParam is given); stops at a short or empty page. */
  z
    .object({
      kind: z.literal('page'),
      param: ParamName,
      sizeParam: ParamName.optional(),
      size: z.number().int().min(1).max(100_000),
      firstPage: z.number().int().min(0).max(1).default(1),
    })
    .strict(),
  /** `?offset=0,size,2·size…&limit=size`; stops at a short or empty page. */
  z.object({ kind: z.literal('offset'), param: ParamName, limitParam: ParamName, size: z.number().int().min(1).max(100_000) }).strict(),
  /** `?cursor=<value found at nextPath in the previous body>`; stops when there is no next value. */
  z.object({ kind: z.literal('cursor'), param: ParamName, nextPath: JsonPath.min(1) }).strict(),
  /** RFC 8288 `Link: <…>; rel="next"` headers (GitHub, many others); stops when there is no next link. */
  z.object({ kind: z.literal('link') }).strict(),
]);
export type RestPagination = z.infer<typeof RestPagination>;

export const RestConfig = z
  .object({
    baseUrl: z
      .string()
      .trim()
      .url()
      .max(2000)
      .regex(/^https?:\/\//i, 'an http:// or https:// address'),
    path: z.string().trim().max(2000).default(''),
    /** e.g. `{ name: 'Authorization', value: 'Bearer …' }` or `{ name: 'X-Api-Key', value: '…' }`. */
    authHeader: z
      .object({
        name: z
          .string()
          .trim()
          .min(1)
          .max(100)
          .regex(/^[A-Za-z0-9-]+$/, 'a header name: letters, digits and -'),
        value: z
          .string()
          .min(1)
          .max(8000)
          .regex(/^[^\r\n]*$/, 'one line'),
      })
      .strict()
      .optional(),
    recordsPath: JsonPath.default(''),
    pagination: RestPagination,
    /** Ask only for what changed: `?param=<largest cursorField value seen by the last sync>`. */
    incremental: z
      .object({ param: ParamName, cursorField: JsonPath.min(1) })
      .strict()
      .optional(),
    timeoutSeconds: z.number().int().min(1).max(600).default(30),
    maxPages: z.number().int().min(1).max(1_000_000).default(10_000),
  })
  .strict();
export type RestConfig = z.infer<typeof RestConfig>;

export const FolderConfig = z
  .object({
    path: z
      .string()
      .trim()
      .min(1)
      .max(4096)
      .refine((value) => value.startsWith('/') || /^[A-Za-z]:[\\/]/.test(value) || value.startsWith('\\\\'), 'an absolute folder path'),
    /** How to read the files; each is detected when absent. */
    options: z
      .object({
        format: z.enum(FILE_FORMATS).optional(),
        encoding: z.string().max(40).optional(),
        delimiter: z.string().min(1).max(2).optional(),
        sheet: z.string().max(200).optional(),
        recordsPath: z.string().max(200).optional(),
      })
      .strict()
      .default({}),
    /**
     * A file modified less than this many seconds ago may still be being copied: it waits for the next
     * sync. The watcher waits as long before it reacts.
     */
    settleSeconds: z.number().int().min(0).max(3600).default(2),
  })
  .strict();
export type FolderConfig = z.infer<typeof FolderConfig>;

export const CONFIG_SCHEMAS = { postgres: PostgresConfig, mysql: MysqlConfig, rest: RestConfig, folder: FolderConfig } as const;

/** A connector's kind with its configuration; discriminated so that each kind's fields are checked. */
export const ConnectorSpec = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('postgres'), config: PostgresConfig }),
  z.object({ kind: z.literal('mysql'), config: MysqlConfig }),
  z.object({ kind: z.literal('rest'), config: RestConfig }),
  z.object({ kind: z.literal('folder'), config: FolderConfig }),
]);
export type ConnectorSpec = z.infer<typeof ConnectorSpec>;
export type DatabaseConfig = PostgresConfig | MysqlConfig;
