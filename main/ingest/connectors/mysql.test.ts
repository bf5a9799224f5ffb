import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createVault, ok } from '../../test-support/temp-vault';
import { QUERY_GRACE_MS, QUERY_TIMEOUT_MS, queryLimits } from './database';
import { addConnector, minutesAfter, profileCount, search, sync } from './test-helpers';
import { freePort, missingMariaDbCommands, startMariaDb, startStallingProxy, type TestMariaDb } from './test-servers';

// Without MariaDB these tests cannot run. On a developer's machine they are skipped, saying why; in CI
// (CI=true, as .ci/run sets it) they fail instead, so that a CI without MariaDB cannot pass unnoticed.
const missing = missingMariaDbCommands();
const inCi = ['true', '1'].includes((process.env.CI ?? '').toLowerCase());
const MISSING_MARIADB = `MariaDB is not installed here (missing: ${missing.join(', ')}; Debian: apt-get install mariadb-server).`;
if (missing.length > 0 && !inCi) console.warn(`MySQL connector tests SKIPPED: ${MISSING_MARIADB} With CI=true they fail instead.`);

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

describe.skipIf(missing.length > 0 && !inCi)('MySQL / MariaDB connector', () => {
  beforeAll(async () => {
    if (missing.length > 0) throw new Error(`The MySQL connector tests must run in CI (CI=true), but ${MISSING_MARIADB} .ci/run installs it when it can.`);
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

  describe('against a source that stalls', () => {
    // Seconds instead of the 5 minutes a sync allows one query.
    afterEach(() => Object.assign(queryLimits, { timeoutMs: QUERY_TIMEOUT_MS, graceMs: QUERY_GRACE_MS }));
    const timedOut = (port: number, seconds: number) => ({
      error: `MySQL at 127.0.0.1:${port} did not return the next rows within ${seconds} s, the limit for one query: Custodia stopped waiting. The rows already read are kept.`,
      errorDetail: { code: 'CONNECTOR_FAILED', params: { kind: 'mysql', reason: 'timeout', server: 'MySQL', host: '127.0.0.1', port, seconds } },
    });

    it('has the server stop a query at the limit', async () => {
      Object.assign(queryLimits, { timeoutMs: 2_000, graceMs: 2_000 });
      const { backend } = await createVault({ connectorTickMs: null });
      await addConnector(
        backend,
        'Sleeps',
        'mysql',
        config({ table: undefined, query: 'SELECT id, prenom, nom, updated_at FROM customers WHERE id <= 10 AND SLEEP(60) = 0' }),
      );
      const started = Date.now();
      const outcome = await sync(backend, 'Sleeps');
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(outcome).toMatchObject({ status: 'failed', ...timedOut(server.port, 2) });
      expect(outcome.runs).toEqual([expect.objectContaining({ status: 'failed', read: 0, ...timedOut(server.port, 2) })]);
      // Stopped there (max_statement_time), not left sleeping on the server.
      expect(server.sql("SELECT count(*) FROM information_schema.processlist WHERE info LIKE '%SLEEP(60)%' AND id <> CONNECTION_ID()").trim()).toBe('0');
    });

    it('gives up on a server that stops answering, keeping the pages already written', async () => {
      // Forwards the first page's query, then swallows the second's (the one starting after a position).
      const proxy = await startStallingProxy(server.port, (chunk) => chunk.includes(' AS src WHERE '));
      try {
        Object.assign(queryLimits, { timeoutMs: 2_000, graceMs: 500 });
        const total = Number(server.sql('SELECT count(*) FROM customers', 'shop').trim());
        const { backend } = await createVault({ connectorTickMs: null });
        await addConnector(backend, 'Boutique', 'mysql', config({ port: proxy.port }));
        const started = Date.now();
        const outcome = await sync(backend, 'Boutique');
        expect(Date.now() - started).toBeLessThan(15_000);
        expect(proxy.stalled).toBe(1);
        expect(outcome).toMatchObject({ status: 'failed', consecutiveFailures: 1, ...timedOut(proxy.port, 2) });
        expect(outcome.runs).toEqual([expect.objectContaining({ status: 'failed', read: 5_000, inserted: 5_000, ...timedOut(proxy.port, 2) })]);
        expect(await profileCount(backend)).toBe(5_000);
        // Straight to the server again, the next sync reads only what the stalled one did not.
        await ok(backend, 'connectors.update', { name: 'Boutique', config: config() });
        expect((await sync(backend, 'Boutique')).runs[0]).toMatchObject({ status: 'completed', read: total - 5_000, inserted: total - 5_000 });
        expect(await profileCount(backend)).toBe(total);
      } finally {
        await proxy.close();
      }
    });

    it('cancels a sync waiting on a server that stops answering at once', async () => {
      const proxy = await startStallingProxy(server.port, (chunk) => chunk.includes(' AS src '));
      try {
        const { backend } = await createVault({ connectorTickMs: null });
        await addConnector(backend, 'Frozen', 'mysql', config({ port: proxy.port }));
        const started = await ok(backend, 'connectors.sync', { name: 'Frozen' });
        await expect.poll(() => proxy.stalled, { timeout: 10_000, interval: 50 }).toBe(1);
        await ok(backend, 'jobs.cancel', { jobId: started.jobId });
        await expect.poll(async () => (await ok(backend, 'jobs.get', started)).status, { timeout: 5_000, interval: 50 }).toBe('cancelled');
        expect((await ok(backend, 'import.runs', {}))[0]).toMatchObject({ status: 'cancelled', read: 0 });
      } finally {
        await proxy.close();
      }
    });
  });
});
