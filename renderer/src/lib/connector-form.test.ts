import { describe, expect, it } from 'vitest';
import { connectorSpec, EMPTY_CONNECTOR_FIELDS } from './connector-form';

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
