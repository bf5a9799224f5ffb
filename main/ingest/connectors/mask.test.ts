import { describe, expect, it } from 'vitest';
import type { RestConfig } from './config';
import { ConnectorSpec, MASK } from './config';
import { decodeCursor, encodeCursor } from './cursor';
import { pageQuery } from './database';
import { keepSecrets, maskSpec, maskUrl } from './mask';
import { mysqlDialect } from './mysql';
import { postgresDialect } from './postgres';
import { nextLink } from './rest';

const rest = (config: Record<string, unknown>) =>
  ConnectorSpec.parse({ kind: 'rest', config: { baseUrl: 'https://api.example.com', pagination: { kind: 'link' }, ...config } });

describe('secrets', () => {
  it('are masked in URLs: the password of the user info and secret-looking query parameters', () => {
    expect(maskUrl('https://alice:p%40ss@api.example.com/v1?api_key=abc&page=2')).toBe(`https://alice:${MASK}@api.example.com/v1?api_key=${MASK}&page=2`);
    expect(maskUrl('customers?access_token=xyz&status=active')).toBe(`customers?access_token=${MASK}&status=active`);
    expect(maskUrl('/customers?status=active')).toBe('/customers?status=active');
    expect(maskUrl('https://api.example.com/v1')).toBe('https://api.example.com/v1');
  });

  it('are masked in every kind of configuration, and a masked value sent back keeps the stored secret', () => {
    const stored = rest({ baseUrl: 'https://bob:hunter2@api.example.com/', path: 'v1/customers?token=t0k', authHeader: { name: 'X-Api-Key', value: 'k3y' } });
    const masked = maskSpec(stored);
    expect(JSON.stringify(masked)).not.toMatch(/hunter2|t0k|k3y/);
    // What a form shows can be saved as is: it validates, and the secrets come back.
    const resent = ConnectorSpec.parse(JSON.parse(JSON.stringify(masked)));
    expect(keepSecrets(resent, stored)).toEqual(stored);
    // A new value replaces the stored one.
    const changed = ConnectorSpec.parse({ ...masked, config: { ...masked.config, authHeader: { name: 'X-Api-Key', value: 'new-key' } } });
    expect((keepSecrets(changed, stored).config as RestConfig).authHeader?.value).toBe('new-key');

    const database = ConnectorSpec.parse({
      kind: 'postgres',
      config: { host: 'db', database: 'crm', user: 'reader', password: 'pw', table: 't', idColumn: 'id' },
    });
    expect(maskSpec(database).config).toMatchObject({ password: MASK, user: 'reader', host: 'db' });
    expect(keepSecrets(maskSpec(database), database)).toEqual(database);
    const folder = ConnectorSpec.parse({ kind: 'folder', config: { path: '/srv/drop' } });
    expect(maskSpec(folder)).toEqual(folder);
  });

  it('are only kept for the server they were entered for', () => {
    const moved = expect.objectContaining({ code: 'INVALID_INPUT', params: { reason: 'secretMoved' } });
    const stored = rest({ baseUrl: 'https://api.example.com/', path: 'v1/customers?token=t0k', authHeader: { name: 'X-Api-Key', value: 'k3y' } });
    const masked = maskSpec(stored).config as RestConfig;
    const elsewhere = (config: Partial<RestConfig>) =>
      ConnectorSpec.parse({ kind: 'rest', config: { ...masked, baseUrl: 'https://collector.example.net/', ...config } });
    // The header value, or a token in the path, would go to another server: refused until typed again.
    expect(() => keepSecrets(elsewhere({ path: 'v1/customers' }), stored)).toThrow(moved);
    expect(() => keepSecrets(elsewhere({ authHeader: { name: 'X-Api-Key', value: 'typed-again' } }), stored)).toThrow(moved);
    expect(keepSecrets(elsewhere({ path: 'v1/customers', authHeader: { name: 'X-Api-Key', value: 'typed-again' } }), stored).config).toMatchObject({
      baseUrl: 'https://collector.example.net/',
      authHeader: { value: 'typed-again' },
    });
    // Another port is another server; another path on the same one is not.
    expect(() => keepSecrets(elsewhere({ baseUrl: 'https://api.example.com:8443/' }), stored)).toThrow(moved);
    expect((keepSecrets(elsewhere({ baseUrl: 'https://api.example.com/v2/' }), stored).config as RestConfig).authHeader?.value).toBe('k3y');

    const database = ConnectorSpec.parse({
      kind: 'postgres',
      config: { host: 'db', database: 'crm', user: 'reader', password: 'pw', table: 't', idColumn: 'id' },
    });
    const shown = maskSpec(database).config;
    expect(() => keepSecrets(ConnectorSpec.parse({ kind: 'postgres', config: { ...shown, host: 'db.attacker.example' } }), database)).toThrow(moved);
    expect(() => keepSecrets(ConnectorSpec.parse({ kind: 'postgres', config: { ...shown, port: 6543 } }), database)).toThrow(moved);
    expect(keepSecrets(ConnectorSpec.parse({ kind: 'postgres', config: { ...shown, host: 'db2', password: 'pw' } }), database).config).toMatchObject({
      host: 'db2',
      password: 'pw',
    });
    expect(keepSecrets(ConnectorSpec.parse({ kind: 'postgres', config: { ...shown, table: 'crm.clients' } }), database).config).toMatchObject({
      password: 'pw',
    });
  });
});

describe('page queries', () => {
  const config = {
    host: 'db',
    port: 5432,
    database: 'crm',
    user: 'u',
    password: '',
    idColumn: 'id"; DROP TABLE x; --',
    cursorColumn: 'updated at',
    table: 'crm.customers',
  };

  it('quote identifiers, pass every value as a parameter, and page on (cursor, id)', () => {
    expect(pageQuery(config, postgresDialect, null, 5000).text).toBe(
      `SELECT src.*, to_json(src."id""; DROP TABLE x; --") #>> '{}' AS "__custodia_id", to_json(src."updated at") #>> '{}' AS "__custodia_cursor" FROM "crm"."customers" AS src  ORDER BY src."updated at" NULLS FIRST, src."id""; DROP TABLE x; --" LIMIT 5000`,
    );
    const after = pageQuery(config, postgresDialect, { value: "2026-03-01T10:00:00.123456+00:00'; --", id: '42' }, 5000);
    expect(after.text).toContain(`WHERE src."updated at" > $1 OR (src."updated at" = $2 AND src."id""; DROP TABLE x; --" > $3)`);
    expect(after.params).toEqual(["2026-03-01T10:00:00.123456+00:00'; --", "2026-03-01T10:00:00.123456+00:00'; --", '42']);
    expect(pageQuery(config, postgresDialect, { value: null, id: '7' }, 10).text).toContain(
      `WHERE (src."updated at" IS NULL AND src."id""; DROP TABLE x; --" > $1) OR src."updated at" IS NOT NULL`,
    );
    const query = pageQuery(
      { ...config, table: undefined, query: 'SELECT * FROM customers WHERE active;', cursorColumn: undefined, idColumn: 'id' },
      postgresDialect,
      { value: null, id: '9' },
      5000,
    );
    expect(query.text).toBe(
      `SELECT src.*, to_json(src."id") #>> '{}' AS "__custodia_id" FROM (SELECT * FROM customers WHERE active) AS src WHERE src."id" > $1 ORDER BY src."id" LIMIT 5000`,
    );
  });

  it('use MySQL quoting and placeholders, and keep timestamps as ISO 8601 in the cursor', () => {
    const dialect = mysqlDialect((name) => `\`${name.replaceAll('`', '``')}\``);
    const after = pageQuery({ ...config, idColumn: 'id' }, dialect, { value: dialect.storedValue('2026-03-01 10:00:00.250000'), id: '3' }, 5000);
    expect(after.text).toContain('WHERE src.`updated at` > ? OR (src.`updated at` = ? AND src.`id` > ?) ORDER BY src.`updated at`, src.`id` LIMIT 5000');
    expect(after.params).toEqual(['2026-03-01 10:00:00.250000', '2026-03-01 10:00:00.250000', '3']);
    expect(dialect.storedValue('2026-03-01 10:00:00.250000')).toBe('2026-03-01T10:00:00.250000');
  });

  it('belong to their scope: a cursor of another query is ignored', () => {
    const text = encodeCursor('abc', { value: '2026-03-01T10:00:00.123456+00:00', id: '42' });
    expect(JSON.parse(text)).toEqual({ scope: 'abc', value: '2026-03-01T10:00:00.123456+00:00', id: '42' });
    expect(decodeCursor(text, 'abc')).toEqual({ value: '2026-03-01T10:00:00.123456+00:00', id: '42' });
    expect(decodeCursor(text, 'other')).toBeNull();
    expect(decodeCursor('not json', 'abc')).toBeNull();
  });
});

describe('Link headers', () => {
  it('give the next page, resolved against the current one', () => {
    const current = new URL('https://api.example.com/v1/customers?page=1');
    expect(
      nextLink('<https://api.example.com/v1/customers?page=2>; rel="next", <https://api.example.com/v1/customers?page=9>; rel="last"', current)?.href,
    ).toBe('https://api.example.com/v1/customers?page=2');
    expect(nextLink('</v1/customers?page=3>; rel=next', current)?.href).toBe('https://api.example.com/v1/customers?page=3');
    expect(nextLink('<https://api.example.com/x>; rel="prev first"', current)).toBeNull();
    expect(nextLink(null, current)).toBeNull();
  });
});
