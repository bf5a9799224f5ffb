import { describe, expect, it } from 'vitest';
import { connectorDraft, connectorEdit, connectorSpec, EMPTY_CONNECTOR_FIELDS, NO_SECRETS, sameConfig, SECRET_MASK } from './connector-form';

describe('connectorSpec', () => {
  it('builds a database configuration, leaving out empty optional fields', () => {
    const result = connectorSpec('postgres', {
      ...EMPTY_CONNECTOR_FIELDS,
      host: 'db.local',
      port: '5433',
      database: 'crm',
      user: 'reader',
      password: 's3cret',
      table: 'crm.customers',
      idColumn: 'id',
    });
    expect(result).toEqual({
      spec: {
        kind: 'postgres',
        config: { host: 'db.local', port: 5433, database: 'crm', user: 'reader', password: 's3cret', table: 'crm.customers', idColumn: 'id' },
      },
    });
  });

  it('says which fields are missing or wrong', () => {
    expect(connectorSpec('mysql', { ...EMPTY_CONNECTOR_FIELDS, readFrom: 'query', port: 'x' })).toEqual({
      problems: { host: 'required', port: 'number', database: 'required', user: 'required', query: 'required', idColumn: 'required' },
    });
    expect(connectorSpec('rest', { ...EMPTY_CONNECTOR_FIELDS, baseUrl: 'crm.example.com', pagination: '{', incrementalParam: 'since' })).toEqual({
      problems: { baseUrl: 'url', pagination: 'json', incrementalField: 'pair' },
    });
    expect(connectorSpec('folder', { ...EMPTY_CONNECTOR_FIELDS, folder: 'exports' })).toEqual({ problems: { folder: 'absolute' } });
    // A header value without its header's name would be dropped without a word.
    expect(connectorSpec('rest', { ...EMPTY_CONNECTOR_FIELDS, baseUrl: 'https://crm.example.com', authName: ' ', authValue: 'Bearer t' })).toEqual({
      problems: { authName: 'required' },
    });
  });

  it('builds a REST and a folder configuration', () => {
    const rest = connectorSpec('rest', { ...EMPTY_CONNECTOR_FIELDS, baseUrl: 'https://crm.example.com/api', path: 'v2/customers', authValue: 'Bearer t' });
    expect(rest).toEqual({
      spec: {
        kind: 'rest',
        config: {
          baseUrl: 'https://crm.example.com/api',
          path: 'v2/customers',
          authHeader: { name: 'Authorization', value: 'Bearer t' },
          recordsPath: '',
          pagination: { kind: 'page', param: 'page', size: 100 },
        },
      },
    });
    expect(connectorSpec('folder', { ...EMPTY_CONNECTOR_FIELDS, folder: '/srv/exports', delimiter: ';', settleSeconds: '5' })).toEqual({
      spec: { kind: 'folder', config: { path: '/srv/exports', options: { delimiter: ';' }, settleSeconds: 5 } },
    });
  });
});

// Configurations as connectors.list shows them: defaults filled in, secrets masked.
const POSTGRES = {
  host: 'db.local',
  port: 5432,
  database: 'crm',
  user: 'reader',
  password: SECRET_MASK,
  table: 'crm.customers',
  idColumn: 'id',
  cursorColumn: 'updated_at',
  connectTimeoutSeconds: 5,
};
const REST = {
  baseUrl: `https://bob:${SECRET_MASK}@api.example.com/v1`,
  path: 'customers',
  authHeader: { name: 'X-Api-Key', value: SECRET_MASK },
  recordsPath: 'data',
  pagination: { kind: 'cursor', param: 'after', nextPath: 'meta.next' },
  incremental: { param: 'since', cursorField: 'updated_at' },
  timeoutSeconds: 30,
  maxPages: 500,
};
const FOLDER = { path: '/srv/exports', options: { delimiter: ';', sheet: 'Clients' }, settleSeconds: 2 };

describe('connectorDraft', () => {
  it('fills the form from a saved configuration, secret inputs empty', () => {
    const draft = connectorDraft('postgres', POSTGRES);
    expect(draft.stored).toEqual({ password: true, authValue: false });
    expect(draft.fields).toMatchObject({
      host: 'db.local',
      port: '5432',
      user: 'reader',
      password: '',
      readFrom: 'table',
      table: 'crm.customers',
      cursorColumn: 'updated_at',
    });
    expect(connectorDraft('mysql', { ...POSTGRES, password: '', table: undefined, query: 'SELECT 1' })).toMatchObject({
      fields: { readFrom: 'query', query: 'SELECT 1', table: '' },
      stored: NO_SECRETS,
    });

    const rest = connectorDraft('rest', REST);
    expect(rest.stored).toEqual({ password: false, authValue: true });
    expect(rest.fields).toMatchObject({ authName: 'X-Api-Key', authValue: '', incrementalParam: 'since', incrementalField: 'updated_at' });
    expect(JSON.parse(rest.fields.pagination)).toEqual(REST.pagination);
    expect(connectorDraft('folder', FOLDER).fields).toMatchObject({ folder: '/srv/exports', delimiter: ';', encoding: '', settleSeconds: '2' });
  });
});

describe('connectorEdit', () => {
  it('sends back what was shown without its secrets, and keeps the settings the form does not show', () => {
    const { fields, stored } = connectorDraft('postgres', POSTGRES);
    const result = connectorEdit('postgres', { ...fields, table: 'crm.clients' }, stored, POSTGRES);
    expect(result).toEqual({
      config: {
        host: 'db.local',
        port: 5432,
        database: 'crm',
        user: 'reader',
        table: 'crm.clients',
        idColumn: 'id',
        cursorColumn: 'updated_at',
        connectTimeoutSeconds: 5,
      },
    });
    expect(JSON.stringify(result)).not.toContain(SECRET_MASK);
    // Unchanged fields give back the same configuration, password aside: the form can tell nothing changed.
    const same = connectorEdit('postgres', fields, stored, POSTGRES);
    expect('config' in same && sameConfig(same.config, { ...POSTGRES, password: undefined })).toBe(true);
  });

  it('asks for a stored secret again when the server it goes to changes', () => {
    const pg = connectorDraft('postgres', POSTGRES);
    expect(connectorEdit('postgres', { ...pg.fields, host: 'db.elsewhere.example' }, pg.stored, POSTGRES)).toEqual({ problems: { password: 'moved' } });
    expect(connectorEdit('postgres', { ...pg.fields, port: '6543' }, pg.stored, POSTGRES)).toEqual({ problems: { password: 'moved' } });
    expect(connectorEdit('postgres', { ...pg.fields, host: 'db.elsewhere.example', password: 'typed' }, { ...pg.stored, password: false }, POSTGRES)).toMatchObject({
      config: { host: 'db.elsewhere.example', password: 'typed' },
    });
    const plain = { ...REST, baseUrl: 'https://api.example.com/v1' };
    const api = connectorDraft('rest', plain);
    expect(connectorEdit('rest', { ...api.fields, baseUrl: 'https://collector.example.net' }, api.stored, plain)).toEqual({ problems: { authValue: 'moved' } });
    // Same server, another path: the stored value may follow.
    expect(connectorEdit('rest', { ...api.fields, baseUrl: 'https://api.example.com/v2' }, api.stored, plain)).toMatchObject({ config: { baseUrl: 'https://api.example.com/v2' } });
  });

  it('removes a REST header whose name and value are both emptied, and only then', () => {
    const { fields, stored } = connectorDraft('rest', REST);
    const replacing = { ...stored, authValue: false };
    // Replacing with nothing typed is not removing: the value is asked for while the name is there.
    expect(connectorEdit('rest', fields, replacing, REST)).toEqual({ problems: { authValue: 'secret' } });
    const removed = connectorEdit('rest', { ...fields, authName: ' ' }, replacing, REST);
    expect(removed).toMatchObject({ config: { authHeader: null, baseUrl: REST.baseUrl } });
    // Kept, an emptied name is a mistake to point at, not a removal.
    expect(connectorEdit('rest', { ...fields, authName: '' }, stored, REST)).toEqual({ problems: { authName: 'required' } });
  });

  it('sends a replaced secret, and asks for it until it is typed or kept', () => {
    const { fields, stored } = connectorDraft('postgres', POSTGRES);
    const replacing = { ...stored, password: false };
    expect(connectorEdit('postgres', fields, replacing, POSTGRES)).toEqual({ problems: { password: 'secret' } });
    expect(connectorEdit('postgres', { ...fields, password: 'n3w' }, replacing, POSTGRES)).toMatchObject({ config: { password: 'n3w' } });
    // A connector saved without a password may get one, or stay without.
    const open = { ...POSTGRES, password: '' };
    const draft = connectorDraft('postgres', open);
    expect(connectorEdit('postgres', draft.fields, draft.stored, open)).toMatchObject({ config: { password: '' } });
    expect(connectorEdit('postgres', { ...draft.fields, password: 'pw' }, draft.stored, open)).toMatchObject({ config: { password: 'pw' } });
  });

  it('leaves a kept REST header value out (masked if its header is renamed), and refuses an edited masked address', () => {
    const { fields, stored } = connectorDraft('rest', REST);
    const { authHeader: _kept, ...withoutHeader } = REST;
    expect(connectorEdit('rest', { ...fields, recordsPath: 'items' }, stored, REST)).toEqual({ config: { ...withoutHeader, recordsPath: 'items' } });
    const renamed = connectorEdit('rest', { ...fields, authName: 'Authorization', recordsPath: 'items' }, stored, REST);
    expect(renamed).toEqual({ config: { ...REST, authHeader: { name: 'Authorization', value: SECRET_MASK }, recordsPath: 'items' } });
    expect(connectorEdit('rest', { ...fields, authName: '' }, stored, REST)).toEqual({ problems: { authName: 'required' } });
    expect(connectorEdit('rest', fields, { ...stored, authValue: false }, REST)).toEqual({ problems: { authValue: 'secret' } });

    // The host changed around the hidden password: saved, •••• would become the password.
    expect(connectorEdit('rest', { ...fields, baseUrl: `https://bob:${SECRET_MASK}@api2.example.com/v1` }, stored, REST)).toEqual({
      problems: { baseUrl: 'masked' },
    });
    // Retyped in full, with the header value replaced: everything is in clear, and can be tested unsaved.
    const retyped = { ...fields, baseUrl: 'https://api2.example.com/v1', authValue: 'k3y' };
    expect(connectorEdit('rest', retyped, NO_SECRETS, REST)).toMatchObject({
      config: { baseUrl: 'https://api2.example.com/v1', authHeader: { name: 'X-Api-Key', value: 'k3y' } },
    });
    // Clearing the incremental pair turns incremental reading off.
    const full = connectorEdit('rest', { ...fields, incrementalParam: '', incrementalField: '' }, stored, REST);
    expect('config' in full && 'incremental' in full.config).toBe(false);
  });

  it("keeps a folder's other reading options when the delimiter or encoding change", () => {
    const { fields, stored } = connectorDraft('folder', FOLDER);
    expect(connectorEdit('folder', { ...fields, delimiter: '', encoding: 'windows-1252', settleSeconds: '10' }, stored, FOLDER)).toEqual({
      config: { path: '/srv/exports', options: { sheet: 'Clients', encoding: 'windows-1252' }, settleSeconds: 10 },
    });
  });
});

describe('sameConfig', () => {
  it('ignores the order of keys and keys left undefined', () => {
    expect(sameConfig({ a: 1, b: { c: [1, { d: 2, e: 3 }] } }, { b: { c: [1, { e: 3, d: 2 }] }, a: 1, z: undefined })).toBe(true);
    expect(sameConfig({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
  });
});
