/**
 * The add-connector form's fields as text, turned into the configuration the contract expects for each
 * kind (docs/connectors.md). Optional fields left empty are left out, numbers are parsed, and what is
 * missing is reported by field so the form can say it next to the right input.
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

export type FieldProblem = 'required' | 'number' | 'json' | 'url' | 'absolute' | 'pair';
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
