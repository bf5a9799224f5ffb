/**
 * The connector form's fields as text, turned into the configuration the contract expects for each
 * kind (docs/connectors.md). Optional fields left empty are left out, numbers are parsed, and what is
 * missing is reported by field so the form can say it next to the right input. Editing starts from a
 * saved connector's configuration as connectors.list shows it, secrets masked: a stored secret the user
 * does not replace is never sent back as a new value.
 */
import type { MethodInput } from '../../../main/api/contract';

export type ConnectorSpec = Extract<MethodInput<'connectors.test'>, { kind: string }>;
export type ConnectorKind = ConnectorSpec['kind'];
export const CONNECTOR_KINDS = Object.keys({ postgres: true, mysql: true, rest: true, folder: true } satisfies Record<ConnectorKind, true>) as ConnectorKind[];

export interface ConnectorFields {
  readonly host: string;
  readonly port: string;
  readonly database: string;
  readonly user: string;
  readonly password: string;
  readonly ssl: boolean;
  readonly readFrom: 'table' | 'query';
  readonly table: string;
  readonly query: string;
  readonly idColumn: string;
  readonly cursorColumn: string;
  readonly baseUrl: string;
  readonly path: string;
  readonly authName: string;
  readonly authValue: string;
  readonly recordsPath: string;
  readonly pagination: string;
  readonly incrementalParam: string;
  readonly incrementalField: string;
  readonly folder: string;
  readonly settleSeconds: string;
  readonly delimiter: string;
  readonly encoding: string;
}

export const DEFAULT_PAGINATION = '{ "kind": "page", "param": "page", "size": 100 }';

export const EMPTY_CONNECTOR_FIELDS: ConnectorFields = {
  host: '',
  port: '',
  database: '',
  user: '',
  password: '',
  ssl: false,
  readFrom: 'table',
  table: '',
  query: '',
  idColumn: '',
  cursorColumn: '',
  baseUrl: '',
  path: '',
  authName: 'Authorization',
  authValue: '',
  recordsPath: '',
  pagination: DEFAULT_PAGINATION,
  incrementalParam: '',
  incrementalField: '',
  folder: '',
  settleSeconds: '',
  delimiter: '',
  encoding: '',
};

export type FieldProblem = 'required' | 'number' | 'json' | 'url' | 'absolute' | 'pair' | 'secret' | 'masked' | 'moved';
export type ConnectorProblems = Partial<Record<keyof ConnectorFields, FieldProblem>>;

function whole(text: string): number | null {
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : null;
}

/** The configuration for `kind`, or the fields that stop it from being one. */
export function connectorSpec(kind: ConnectorKind, fields: ConnectorFields): { readonly spec: ConnectorSpec } | { readonly problems: ConnectorProblems } {
  const problems: ConnectorProblems = {};
  const require = (key: keyof ConnectorFields): string => {
    const value = String(fields[key]).trim();
    if (value === '') problems[key] = 'required';
    return value;
  };
  const optionalNumber = (key: keyof ConnectorFields): number | undefined => {
    const text = String(fields[key]).trim();
    if (text === '') return undefined;
    const value = whole(text);
    if (value === null) problems[key] = 'number';
    return value ?? undefined;
  };
  const optional = (key: keyof ConnectorFields): string | undefined => String(fields[key]).trim() || undefined;

  switch (kind) {
    case 'postgres':
    case 'mysql': {
      const port = optionalNumber('port');
      const config = {
        host: require('host'),
        ...(port === undefined ? {} : { port }),
        database: require('database'),
        user: require('user'),
        password: fields.password,
        ...(fields.ssl ? { ssl: true } : {}),
        ...(fields.readFrom === 'table' ? { table: require('table') } : { query: require('query') }),
        idColumn: require('idColumn'),
        ...(optional('cursorColumn') ? { cursorColumn: optional('cursorColumn') } : {}),
      };
      return Object.keys(problems).length > 0 ? { problems } : { spec: { kind, config } as ConnectorSpec };
    }
    case 'rest': {
      const baseUrl = require('baseUrl');
      if (baseUrl !== '' && !/^https?:\/\/\S+$/i.test(baseUrl)) problems.baseUrl = 'url';
      let pagination: unknown = null;
      try {
        pagination = JSON.parse(fields.pagination);
        if (!pagination || typeof pagination !== 'object' || Array.isArray(pagination)) problems.pagination = 'json';
      } catch {
        problems.pagination = 'json';
      }
      const authValue = fields.authValue;
      const authName = fields.authName.trim();
      // A header value without a name would be left out silently.
      if (authValue !== '' && authName === '') problems.authName = 'required';
      const incrementalParam = optional('incrementalParam');
      const incrementalField = optional('incrementalField');
      if ((incrementalParam === undefined) !== (incrementalField === undefined)) problems[incrementalParam ? 'incrementalField' : 'incrementalParam'] = 'pair';
      const config = {
        baseUrl,
        path: fields.path.trim(),
        ...(authValue !== '' && authName !== '' ? { authHeader: { name: authName, value: authValue } } : {}),
        recordsPath: fields.recordsPath.trim(),
        pagination,
        ...(incrementalParam && incrementalField ? { incremental: { param: incrementalParam, cursorField: incrementalField } } : {}),
      };
      return Object.keys(problems).length > 0 ? { problems } : { spec: { kind, config } as ConnectorSpec };
    }
    case 'folder': {
      const path = require('folder');
      if (path !== '' && !(path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\'))) problems.folder = 'absolute';
      const settleSeconds = optionalNumber('settleSeconds');
      const delimiter = fields.delimiter === '' ? undefined : fields.delimiter;
      const encoding = optional('encoding');
      const config = {
        path,
        options: { ...(delimiter ? { delimiter } : {}), ...(encoding ? { encoding } : {}) },
        ...(settleSeconds === undefined ? {} : { settleSeconds }),
      };
      return Object.keys(problems).length > 0 ? { problems } : { spec: { kind, config } as ConnectorSpec };
    }
  }
}

/** What connectors.list shows in place of a secret (the contract's `Connector.config`). */
export const SECRET_MASK = '••••';

/** The two secrets a form can hold: a database password and the value of a REST authentication header. */
export type SecretField = 'password' | 'authValue';
/** For each secret: true while the stored value is kept, false when there is none or it is being replaced. */
export type KeptSecrets = Readonly<Record<SecretField, boolean>>;
export const NO_SECRETS: KeptSecrets = { password: false, authValue: false };

/** A saved connector as the edit form starts from it: its fields, and which secrets are stored. */
export interface ConnectorDraft {
  readonly fields: ConnectorFields;
  readonly stored: KeptSecrets;
}

type Config = Readonly<Record<string, unknown>>;

function asText(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

function asObject(value: unknown): Config {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Config) : {};
}

/** The form's fields for a saved configuration. Secret inputs start empty: the masked value is never a field's value. */
export function connectorDraft(kind: ConnectorKind, config: Config): ConnectorDraft {
  const fields = { ...EMPTY_CONNECTOR_FIELDS };
  switch (kind) {
    case 'postgres':
    case 'mysql':
      return {
        fields: {
          ...fields,
          host: asText(config.host),
          port: asText(config.port),
          database: asText(config.database),
          user: asText(config.user),
          ssl: config.ssl === true,
          readFrom: typeof config.query === 'string' ? 'query' : 'table',
          table: asText(config.table),
          query: asText(config.query),
          idColumn: asText(config.idColumn),
          cursorColumn: asText(config.cursorColumn),
        },
        stored: { ...NO_SECRETS, password: asText(config.password) !== '' },
      };
    case 'rest': {
      const auth = asObject(config.authHeader);
      const incremental = asObject(config.incremental);
      return {
        fields: {
          ...fields,
          baseUrl: asText(config.baseUrl),
          path: asText(config.path),
          authName: asText(auth.name) || fields.authName,
          recordsPath: asText(config.recordsPath),
          pagination: config.pagination === undefined ? DEFAULT_PAGINATION : JSON.stringify(config.pagination),
          incrementalParam: asText(incremental.param),
          incrementalField: asText(incremental.cursorField),
        },
        stored: { ...NO_SECRETS, authValue: config.authHeader !== undefined },
      };
    }
    case 'folder': {
      const options = asObject(config.options);
      return {
        fields: {
          ...fields,
          folder: asText(config.path),
          settleSeconds: asText(config.settleSeconds),
          delimiter: asText(options.delimiter),
          encoding: asText(options.encoding),
        },
        stored: NO_SECRETS,
      };
    }
  }
}

/** The keys of each kind's configuration that the form shows; the others (timeouts, page limits) are kept as saved. */
const FORM_KEYS: Readonly<Record<ConnectorKind, readonly string[]>> = {
  postgres: ['host', 'port', 'database', 'user', 'password', 'ssl', 'table', 'query', 'idColumn', 'cursorColumn'],
  mysql: ['host', 'port', 'database', 'user', 'password', 'ssl', 'table', 'query', 'idColumn', 'cursorColumn'],
  rest: ['baseUrl', 'path', 'authHeader', 'recordsPath', 'pagination', 'incremental'],
  folder: ['path', 'settleSeconds'],
};
const FOLDER_OPTION_KEYS = ['delimiter', 'encoding'];

function originOf(url: string): string {
  try {
    return new URL(url.trim()).origin;
  } catch {
    return url.trim();
  }
}

function without(config: Config, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(config).filter(([key]) => !keys.includes(key)));
}

/**
 * The `config` connectors.update should receive for an edited connector: the form's fields over the
 * saved configuration, so that settings the form does not show (timeouts, page limits, a workbook's sheet)
 * stay as they were. A kept secret is left out, and the backend keeps the stored one; only a header renamed
 * around its kept value is sent with that value masked, and a header whose name and value were both emptied
 * is sent as null, which removes it. A secret being replaced must be typed. An address whose hidden part (••••) was edited around is refused: saved as is, the mask itself
 * would become the secret.
 */
export function connectorEdit(
  kind: ConnectorKind,
  fields: ConnectorFields,
  kept: KeptSecrets,
  saved: Config,
): { readonly config: Record<string, unknown> } | { readonly problems: ConnectorProblems } {
  const built = connectorSpec(kind, { ...fields, ...(kept.authValue ? { authValue: '' } : {}) });
  const problems: ConnectorProblems = 'problems' in built ? { ...built.problems } : {};
  const { fields: initial, stored } = connectorDraft(kind, saved);
  // A REST header emptied of both its name and its value is being removed, not replaced by nothing.
  const headerRemoved = kind === 'rest' && stored.authValue && !kept.authValue && fields.authValue === '' && fields.authName.trim() === '';
  for (const key of ['password', 'authValue'] as const) if (stored[key] && !kept[key] && fields[key] === '' && !(key === 'authValue' && headerRemoved)) problems[key] = 'secret';
  if (kind === 'rest') {
    if (kept.authValue && fields.authName.trim() === '') problems.authName = 'required';
    for (const key of ['baseUrl', 'path'] as const) {
      if (!problems[key] && fields[key].includes(SECRET_MASK) && fields[key].trim() !== initial[key].trim()) problems[key] = 'masked';
    }
  }
  // A stored secret is only ever sent where it was entered for (the backend refuses it too).
  if ((kind === 'postgres' || kind === 'mysql') && kept.password && (fields.host.trim() !== initial.host.trim() || fields.port.trim() !== initial.port.trim())) {
    problems.password = 'moved';
  }
  if (kind === 'rest' && !problems.baseUrl && originOf(fields.baseUrl) !== originOf(initial.baseUrl)) {
    if (kept.authValue) problems.authValue = 'moved';
    if (!problems.path && fields.path.includes(SECRET_MASK)) problems.path = 'moved';
  }
  if ('problems' in built || Object.keys(problems).length > 0) return { problems };

  const config: Record<string, unknown> = { ...without(saved, FORM_KEYS[kind]), ...built.spec.config };
  if (kind === 'folder') config.options = { ...without(asObject(saved.options), FOLDER_OPTION_KEYS), ...asObject(config.options) };
  if (kept.password) delete config.password;
  // A kept header is left out, and the backend keeps it whole; renamed, it goes with its value masked, which
  // the contract reads as "the stored value" too.
  if (kept.authValue) {
    if (fields.authName.trim() === initial.authName.trim()) delete config.authHeader;
    else config.authHeader = { name: fields.authName.trim(), value: SECRET_MASK };
  }
  // Left out, the stored header would be kept: null is how the contract says "send none".
  if (headerRemoved) config.authHeader = null;
  return { config };
}

/** Configurations compared by value, whatever the order of their keys. */
export function sameConfig(a: unknown, b: unknown): boolean {
  const canonical = (value: unknown): unknown =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value)
            .filter(([, inner]) => inner !== undefined)
            .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
            .map(([key, inner]) => [key, canonical(inner)]),
        )
      : Array.isArray(value)
        ? value.map(canonical)
        : value;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}
