import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVault, ok } from '../../test-support/temp-vault';
import { addConnector, minutesAfter, profileCount, search, sync } from './test-helpers';
import { freePort, hasCommand, startMariaDb, type TestMariaDb } from './test-servers';

const hasMariaDb = hasCommand('mariadbd') && hasCommand('mariadb-install-db') && hasCommand('mariadb');
if (!hasMariaDb) {
  console.warn('MySQL connector tests SKIPPED: mariadbd is not installed here (Debian: apt-get install mariadb-server; CI installs it).');
}

const PASSWORD = 'maria-Secret-7';
let server: TestMariaDb;

function config(extra: Record<string, unknown> = {}) {
  return {
    host: '127.0.0.1',
    port: server.port,
    database: 'shop',
    user: 'custodia',
    password: PASSWORD,
    table: 'customers',
    cursorColumn: 'updated_at',
    idColumn: 'id',
    ...extra,
  };
}

describe.skipIf(!hasMariaDb)('MySQL / MariaDB connector', () => {
  beforeAll(async () => {
    server = await startMariaDb();
    server.sql(`
      CREATE DATABASE shop CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
      CREATE USER 'custodia'@'127.0.0.1' IDENTIFIED BY '${PASSWORD}';
      GRANT SELECT ON shop.* TO 'custodia'@'127.0.0.1';
    `);
    // 6 000 customers, two pages of 5 000; 30 share each updated_at, which has microseconds.
    server.sql(
      `
      CREATE TABLE customers (
        id BIGINT PRIMARY KEY,
        prenom VARCHAR(100) NOT NULL,
        nom VARCHAR(100) NOT NULL,
        courriel VARCHAR(200),
        ville VARCHAR(100),
        date_de_naissance DATE,
        solde DECIMAL(15, 2),
        updated_at DATETIME(6) NOT NULL
      );
      SET SESSION max_recursive_iterations = 10000;
      INSERT INTO customers
      WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6000)
      SELECT i, ELT(1 + i % 6, 'Hélène', 'Łukasz', 'François', 'Zoë', 'Agnès', 'Jérôme'), CONCAT('Nom', i), CONCAT('client', i, '@exemple.ca'),
             ELT(1 + i % 3, 'Montréal', 'Łódź', 'Québec'), DATE_ADD('1950-01-01', INTERVAL i % 15000 DAY), i * 1.25,
             TIMESTAMPADD(SECOND, i DIV 30, '2026-03-01 10:00:00.123456')
      FROM n;
      UPDATE customers SET prenom = 'Małgorzata', nom = 'Żółkiewska', date_de_naissance = '1975-02-01', solde = 12345678901.99 WHERE id = 1;
    `,
      'shop',
    );
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('imports everything first, then only the rows that changed', async () => {
    const { backend } = await createVault({ connectorTickMs: null });
    await addConnector(backend, 'Boutique', 'mysql', config());
    const first = await sync(backend, 'Boutique');
    expect(first).toMatchObject({ status: 'completed', error: null });
    expect(first.runs[0]).toMatchObject({ read: 6000, inserted: 6000, rejected: 0 });
    expect(await search(backend, 'malgorzata zolkiewska')).toEqual(['Małgorzata Żółkiewska']);
    const [hit] = (await ok(backend, 'profiles.search', { query: 'zolkiewska' })).hits;
    const record = (await ok(backend, 'profiles.get', { id: hit!.id })).records[0]!;
    expect(record).toMatchObject({ externalId: '1', birthDate: '1975-02-01', city: 'Łódź' });
    expect(record.raw).toMatchObject({ id: '1', solde: '12345678901.99', updated_at: expect.stringMatching(/^2026-03-01T\d\d:00:00\.123Z$/) });

    // Nothing changed: nothing read (the cursor kept its microseconds).
    expect((await sync(backend, 'Boutique')).runs[0]).toMatchObject({ status: 'completed', read: 0 });

    server.sql(
      `UPDATE customers SET ville = 'Sherbrooke', updated_at = '2026-04-01 08:00:00.000001' WHERE id IN (1, 4999, 5000);
       INSERT INTO customers VALUES (6001, 'Noël', 'Côté', 'noel@exemple.ca', 'Gatineau', NULL, 0, '2026-04-01 08:00:00.000001');`,
      'shop',
    );
    expect((await sync(backend, 'Boutique')).runs[0]).toMatchObject({ status: 'completed', read: 4, inserted: 1, updated: 3 });
    expect(await search(backend, 'noel cote')).toEqual(['Noël Côté']);
    expect(await profileCount(backend)).toBe(6001);
    expect((await sync(backend, 'Boutique')).runs[0]).toMatchObject({ read: 0 });
  });

  it('fails with a clear line for a wrong password, an invalid query and a server that is down', async () => {
    const clock = new Date('2026-11-24T10:00:00Z');
    const { backend } = await createVault({ connectorTickMs: null, now: () => clock });
    await addConnector(backend, 'Wrong password', 'mysql', config({ password: 'nope-nope' }));
    await addConnector(backend, 'Bad query', 'mysql', config({ table: undefined, query: 'SELECT * FROM nowhere' }));
    await addConnector(backend, 'Down', 'mysql', config({ port: await freePort() }));
    const wrong = await sync(backend, 'Wrong password');
    expect(wrong).toMatchObject({
      status: 'failed',
      error: 'MySQL refused the login of user custodia (wrong password, or not allowed from this computer).',
      consecutiveFailures: 1,
    });
    expect(wrong.runs[0]).toMatchObject({ status: 'failed', error: wrong.error });
    expect(minutesAfter(wrong.nextAttemptAt, clock)).toBe(1);
    expect((await sync(backend, 'Bad query')).error).toBe("The query is not valid for MySQL: Table 'shop.nowhere' doesn't exist (ER_NO_SUCH_TABLE).");
    expect((await sync(backend, 'Down')).error).toMatch(
      /^Cannot connect to MySQL at 127\.0\.0\.1:\d+: the connection was refused \(is the server running\?\)\.$/,
    );
    const listed = await ok(backend, 'connectors.list');
    expect(listed.map((connector) => connector.config.password)).toEqual(['••••', '••••', '••••']);
    expect(JSON.stringify([listed, await ok(backend, 'audit.list', { limit: 1000 })])).not.toMatch(/maria-Secret|nope-nope/);
  });

  it('reads a query as a subquery and tests it before saving', async () => {
    const { backend } = await createVault({ connectorTickMs: null });
    const query = "SELECT c.id AS no_client, c.prenom, c.nom, c.courriel, c.updated_at FROM customers c WHERE c.ville = 'Québec'";
    const preview = await ok(backend, 'connectors.test', { kind: 'mysql', config: config({ table: undefined, query, idColumn: 'no_client' }) });
    expect(preview).toMatchObject({ headers: ['no_client', 'prenom', 'nom', 'courriel', 'updated_at'], mappingFrom: 'suggested' });
    expect(preview.rows).toHaveLength(20);
    await addConnector(backend, 'Québec', 'mysql', config({ table: undefined, query, idColumn: 'no_client' }));
    const count = Number(server.sql(`SELECT count(*) FROM (${query}) AS q`, 'shop').trim());
    expect(count).toBeGreaterThan(1_000);
    expect((await sync(backend, 'Québec')).runs[0]).toMatchObject({ status: 'completed', read: count, inserted: count });
  });
});
