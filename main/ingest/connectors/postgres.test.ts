import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runJob, unwrap } from '../../backend/run-job';
import { createVault, ok } from '../../test-support/temp-vault';
import { addConnector, minutesAfter, profileCount, search, sync } from './test-helpers';
import { QUERY_GRACE_MS, QUERY_TIMEOUT_MS, queryLimits } from './database';
import { freePort, startPostgres, startStallingProxy, type TestPostgres } from './test-servers';

const PASSWORD = 'pg-Secret-42!';
let server: TestPostgres;
let admin: pg.Client;
let shop: pg.Client;

async function database(name: string): Promise<pg.Client> {
  const client = new pg.Client({ host: '127.0.0.1', port: server.port, user: server.user, password: PASSWORD, database: name });
  await client.connect();
  return client;
}

beforeAll(async () => {
  server = await startPostgres(PASSWORD);
  admin = await database('postgres');
  await admin.query('CREATE DATABASE shop');
  shop = await database('shop');
  // 12 000 customers over three pages of 5 000; 40 share each updated_at, so pages end in the middle of
  // a tie, and the times carry microseconds, which a JavaScript Date would round away.
  await shop.query(`
    CREATE SCHEMA crm;
    CREATE TABLE crm.customers (
      id integer PRIMARY KEY,
      prenom text NOT NULL,
      nom text NOT NULL,
      courriel text,
      ville text,
      date_de_naissance date,
      points bigint,
      updated_at timestamptz NOT NULL
    );
    INSERT INTO crm.customers
    SELECT i,
           (ARRAY['Hélène','Łukasz','François','Zoë','Agnès','Jérôme','Małgorzata','Noël'])[1 + i % 8],
           'Nom' || i,
           'client' || i || '@exemple.ca',
           (ARRAY['Montréal','Łódź','Québec','Zürich'])[1 + i % 4],
           DATE '1950-01-01' + (i % 15000),
           9007199254740993 + i,
           TIMESTAMPTZ '2026-03-01 10:00:00.123456+00' + ((i / 40) * INTERVAL '1 second')
    FROM generate_series(1, 12000) AS i;
    UPDATE crm.customers SET prenom = 'Hélène', nom = 'Tremblay', courriel = 'helene.tremblay@exemple.ca', date_de_naissance = DATE '1980-03-12' WHERE id = 1;
    CREATE TABLE orders (order_no text PRIMARY KEY, customer_id integer, total numeric(10, 2), placed_at timestamptz);
  `);
}, 120_000);

afterAll(async () => {
  await shop?.end();
  await admin?.end();
  await server?.stop();
});

function config(extra: Record<string, unknown> = {}) {
  return {
    host: '127.0.0.1',
    port: server.port,
    database: 'shop',
    user: server.user,
    password: PASSWORD,
    table: 'crm.customers',
    cursorColumn: 'updated_at',
    idColumn: 'id',
    ...extra,
  };
}

describe('PostgreSQL connector', () => {
  it('imports everything first, then only the rows that changed, resuming from the stored cursor', async () => {
    const { backend } = await createVault({ connectorTickMs: null });
    await addConnector(backend, 'CRM Québec', 'postgres', config());

    const first = await sync(backend, 'CRM Québec');
    expect(first).toMatchObject({ status: 'completed', error: null });
    expect(first.runs).toEqual([expect.objectContaining({ status: 'completed', read: 12_000, inserted: 12_000, rejected: 0 })]);
    expect(await profileCount(backend)).toBe(12_000);
    expect(await search(backend, 'helene tremblay')).toEqual(['Hélène Tremblay']);
    const [hit] = (await ok(backend, 'profiles.search', { query: 'helene tremblay' })).hits;
    const person = await ok(backend, 'profiles.get', { id: hit!.id });
    // A DATE stays the calendar day it is; a bigint keeps every digit.
    expect(person.records[0]).toMatchObject({ externalId: '1', birthDate: '1980-03-12', city: 'Łódź' });
    expect((person.records[0]!.raw as Record<string, unknown>).points).toBe('9007199254740994');
    expect((person.records[0]!.raw as Record<string, unknown>).updated_at).toBe('2026-03-01T10:00:00.123Z');

    const [run] = await ok(backend, 'import.runs', {});
    expect(run).toMatchObject({ read: 12_000 });
    // Nothing changed: nothing read, not even the last row again (the cursor kept its microseconds).
    expect((await sync(backend, 'CRM Québec')).runs[0]).toMatchObject({ status: 'completed', read: 0 });

    await shop.query(`
      UPDATE crm.customers SET ville = 'Sherbrooke', updated_at = TIMESTAMPTZ '2026-04-01 08:00:00.000001+00' WHERE id IN (1, 2, 5000);
      INSERT INTO crm.customers VALUES (12001, 'Noël', 'Côté', 'noel@exemple.ca', 'Gatineau', NULL, 1, TIMESTAMPTZ '2026-04-01 08:00:00.000001+00'),
                                       (12002, 'Agnès', 'Lévesque', 'agnes@exemple.ca', 'Lévis', NULL, 2, TIMESTAMPTZ '2026-04-02 00:00:00+00');
    `);
    const second = await sync(backend, 'CRM Québec');
    expect(second.runs[0]).toMatchObject({ status: 'completed', read: 5, inserted: 2, updated: 3, unchanged: 0 });
    expect(await profileCount(backend)).toBe(12_002);
    expect(await search(backend, 'agnes levesque')).toEqual(['Agnès Lévesque']);
    expect((await ok(backend, 'profiles.get', { id: hit!.id })).records[0]).toMatchObject({ city: 'Sherbrooke' });
    expect((await sync(backend, 'CRM Québec')).runs[0]).toMatchObject({ read: 0 });

    // New settings without the password keep the stored one; the same table and columns keep the cursor.
    const { password: _password, ...withoutPassword } = config();
    await ok(backend, 'connectors.update', { name: 'CRM Québec', config: { ...withoutPassword, connectTimeoutSeconds: 5 } });
    expect((await sync(backend, 'CRM Québec')).runs[0]).toMatchObject({ status: 'completed', read: 0 });
    // Another cursor column is another scope: everything is read again (and found unchanged).
    await ok(backend, 'connectors.update', { name: 'CRM Québec', config: { ...withoutPassword, cursorColumn: 'id' } });
    expect((await sync(backend, 'CRM Québec')).runs[0]).toMatchObject({ status: 'completed', read: 12_002, inserted: 0, updated: 0, unchanged: 12_002 });
    // Pointed at another server, the stored password stays behind: it is asked for again.
    const moved = await backend.call('connectors.update', { name: 'CRM Québec', config: { ...withoutPassword, host: 'localhost' } });
    expect(moved).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', params: { reason: 'secretMoved' } } });
    expect((await ok(backend, 'connectors.list'))[0]!.config).toMatchObject({ host: '127.0.0.1' });
  });

  it('reads a SELECT as a subquery, and a query can be tested before it is saved', async () => {
    const { backend } = await createVault({ connectorTickMs: null });
    const query = `SELECT id AS no_client, prenom, nom, courriel, updated_at FROM crm.customers WHERE ville = 'Łódź'`;
    const count = Number((await shop.query(`SELECT count(*) AS n FROM (${query}) AS q`)).rows[0].n);
    expect(count).toBeGreaterThan(2_000);
    const preview = await ok(backend, 'connectors.test', {
      kind: 'postgres',
      config: config({ table: undefined, query, cursorColumn: 'updated_at', idColumn: 'no_client' }),
    });
    expect(preview.rows).toHaveLength(20);
    expect(preview.headers).toEqual(['no_client', 'prenom', 'nom', 'courriel', 'updated_at']);
    expect(preview.mapping).toMatchObject({ recordKey: 'no_client' });
    await addConnector(backend, 'Łódź', 'postgres', config({ table: undefined, query, idColumn: 'no_client' }));
    expect((await sync(backend, 'Łódź')).runs[0]).toMatchObject({ status: 'completed', read: count, inserted: count });
  });

  it('fails with a clear line for a wrong password, an invalid query and a server that is down, and backs off', async () => {
    const t0 = new Date('2026-11-24T10:00:00Z');
    let clock = t0;
    const { backend } = await createVault({ connectorTickMs: null, now: () => clock });
    await addConnector(backend, 'Wrong password', 'postgres', config({ password: 'not-the-password' }));
    await addConnector(backend, 'Bad query', 'postgres', config({ table: undefined, query: 'SELECT * FROM crm.nowhere' }));
    const downPort = await freePort();
    await addConnector(backend, 'Down', 'postgres', config({ port: downPort }));

    const wrong = await sync(backend, 'Wrong password');
    expect(wrong).toMatchObject({ status: 'failed', error: 'PostgreSQL refused the password of user postgres (wrong password).', consecutiveFailures: 1 });
    expect(wrong.runs).toEqual([
      expect.objectContaining({
        status: 'failed',
        read: 0,
        error: wrong.error,
        errorDetail: { code: 'CONNECTOR_FAILED', params: expect.objectContaining({ reason: 'wrongPassword' }) },
      }),
    ]);
    expect(minutesAfter(wrong.nextAttemptAt, clock)).toBe(1);

    expect((await sync(backend, 'Bad query')).error).toBe('The query is not valid for PostgreSQL: relation "crm.nowhere" does not exist (42P01).');
    const down = await sync(backend, 'Down');
    expect(down.error).toMatch(/^Cannot connect to PostgreSQL at 127\.0\.0\.1:\d+: the connection was refused \(is the server running\?\)\.$/);

    // 1, 2, 4 … minutes, never more than 60.
    const delays = [minutesAfter(down.nextAttemptAt, clock)];
    for (let attempt = 2; attempt <= 8; attempt += 1) {
      clock = new Date(clock.getTime() + 120 * 60_000);
      delays.push(minutesAfter((await sync(backend, 'Down')).nextAttemptAt, clock));
    }
    expect(delays).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
    const listed = (await ok(backend, 'connectors.list')).find((connector) => connector.name === 'Down');
    expect(listed).toMatchObject({ consecutiveFailures: 8, lastError: down.error, config: { password: '••••' } });
    // Kept beside the English line, for the interface to say it in the steward's language.
    const serverDown = {
      code: 'CONNECTOR_FAILED',
      params: { kind: 'postgres', reason: 'refused', server: 'PostgreSQL', host: '127.0.0.1', port: downPort, seconds: 10 },
    };
    expect(listed!.lastErrorDetail).toEqual(serverDown);
    expect(down.errorDetail).toEqual(serverDown);
    expect(down.runs).toEqual([expect.objectContaining({ status: 'failed', error: down.error, errorDetail: serverDown })]);

    const everything = JSON.stringify([
      await ok(backend, 'connectors.list'),
      await ok(backend, 'audit.list', { limit: 1000 }),
      await ok(backend, 'import.runs', { limit: 500 }),
    ]);
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain('not-the-password');
    const refused = await backend.call('connectors.test', { name: 'Wrong password' });
    // The reason and its parameters let the interface say it in the steward's language.
    expect(refused.ok || refused.error).toEqual({
      code: 'CONNECTOR_FAILED',
      message: wrong.error,
      params: { kind: 'postgres', reason: 'wrongPassword', server: 'PostgreSQL', user: 'postgres', database: expect.any(String), code: '28P01' },
    });
  });

  it('syncs every connector with all: a broken one never stops the others', async () => {
    const { backend } = await createVault({ connectorTickMs: null });
    await addConnector(backend, 'A broken one', 'postgres', config({ password: 'nope' }));
    await addConnector(backend, 'B good one', 'postgres', config({ table: undefined, query: 'SELECT * FROM crm.customers WHERE id <= 100' }));
    await addConnector(backend, 'C disabled', 'postgres', config());
    await ok(backend, 'connectors.update', { name: 'C disabled', enabled: false });
    const { outcomes } = unwrap(await runJob(backend, 'connectors.sync', { all: true }));
    expect(outcomes.map((outcome) => [outcome.name, outcome.status])).toEqual([
      ['A broken one', 'failed'],
      ['B good one', 'completed'],
    ]);
    expect(outcomes[1]!.runs[0]).toMatchObject({ inserted: 100 });
    expect(await profileCount(backend)).toBe(100);
  });

  it('stops a sync when its job is cancelled, keeping the batches already written', async () => {
    const { backend } = await createVault({ connectorTickMs: null });
    const total = Number((await shop.query('SELECT count(*) AS n FROM crm.customers')).rows[0].n);
    await addConnector(backend, 'CRM', 'postgres', config());
    const started = await ok(backend, 'connectors.sync', { name: 'CRM' });
    await new Promise<void>((resolve) => {
      const stop = backend.onEvent((event) => {
        if (event.type === 'job.progress' && event.jobId === started.jobId && event.done >= 5_000) {
          stop();
          void backend.call('jobs.cancel', { jobId: started.jobId }).then(() => resolve());
        }
      });
    });
    await expect.poll(async () => (await ok(backend, 'jobs.get', started)).status).toBe('cancelled');
    const [run] = await ok(backend, 'import.runs', {});
    expect(run!.status).toBe('cancelled');
    expect(run!.inserted).toBeGreaterThanOrEqual(5_000);
    expect(run!.inserted).toBeLessThan(total);
    // The next sync resumes where the last whole batch ended.
    expect((await sync(backend, 'CRM')).runs[0]).toMatchObject({ status: 'completed', read: total - run!.inserted, inserted: total - run!.inserted });
    expect(await profileCount(backend)).toBe(total);
  });
});

describe('PostgreSQL connector, against a source that stalls', () => {
  // Seconds instead of the 5 minutes a sync allows one query.
  afterEach(() => Object.assign(queryLimits, { timeoutMs: QUERY_TIMEOUT_MS, graceMs: QUERY_GRACE_MS }));

  it('stops a query that runs past the limit, keeping the pages already written, and resumes after them', async () => {
    // Only the query of a later page has a WHERE after the subquery (the position it starts from): that one waits.
    await shop.query(`
      CREATE OR REPLACE FUNCTION stall_after_first_page(seconds float) RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        IF current_query() LIKE '%) AS src WHERE%' THEN PERFORM pg_sleep(seconds); END IF;
        RETURN true;
      END $$`);
    Object.assign(queryLimits, { timeoutMs: 2_000, graceMs: 2_000 });
    const { backend } = await createVault({ connectorTickMs: null });
    const query = 'SELECT id, prenom, nom, courriel, updated_at FROM crm.customers WHERE id <= 5100 AND stall_after_first_page(60)';
    await addConnector(backend, 'Stalls', 'postgres', config({ table: undefined, query }));

    const started = Date.now();
    const stalled = await sync(backend, 'Stalls');
    expect(Date.now() - started).toBeLessThan(15_000);
    const detail = {
      code: 'CONNECTOR_FAILED',
      params: { kind: 'postgres', reason: 'timeout', server: 'PostgreSQL', host: '127.0.0.1', port: server.port, seconds: 2 },
    };
    expect(stalled).toMatchObject({ status: 'failed', errorDetail: detail, consecutiveFailures: 1 });
    expect(stalled.error).toBe(
      `PostgreSQL at 127.0.0.1:${server.port} did not return the next rows within 2 s, the limit for one query: Custodia stopped waiting. The rows already read are kept.`,
    );
    expect(stalled.runs).toEqual([expect.objectContaining({ status: 'failed', read: 5_000, inserted: 5_000, error: stalled.error, errorDetail: detail })]);
    expect(await profileCount(backend)).toBe(5_000);
    // The server stopped the query itself (statement_timeout): it is not left sleeping there.
    const sleeping = await admin.query(
      `SELECT count(*) AS n FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%stall_after_first_page%' AND pid <> pg_backend_pid()`,
    );
    expect(Number(sleeping.rows[0].n)).toBe(0);

    // The next sync starts after the last page written: only the 100 rows left are read.
    await shop.query(`CREATE OR REPLACE FUNCTION stall_after_first_page(seconds float) RETURNS boolean LANGUAGE sql AS 'SELECT true'`);
    expect((await sync(backend, 'Stalls')).runs[0]).toMatchObject({ status: 'completed', read: 100, inserted: 100 });
    expect(await profileCount(backend)).toBe(5_100);
  });

  it('gives up on a server that stops answering, and the next scheduled connector still syncs', async () => {
    // Connects, then swallows the first page's query and never answers again.
    const proxy = await startStallingProxy(server.port, (chunk) => chunk.includes(' AS src '));
    try {
      Object.assign(queryLimits, { timeoutMs: 1_000, graceMs: 500 });
      const clock = new Date('2026-11-24T10:00:00Z');
      const { backend } = await createVault({ connectorTickMs: 50, now: () => clock });
      // Queued in name order, the frozen one first (scheduler.test.ts shows the healthy one no longer waits for it).
      await addConnector(backend, 'A frozen', 'postgres', config({ port: proxy.port }), { scheduleMinutes: 60 });
      await addConnector(backend, 'B healthy', 'postgres', config({ table: undefined, query: 'SELECT * FROM crm.customers WHERE id <= 100' }), {
        scheduleMinutes: 60,
      });
      const statuses = async () => Object.fromEntries((await ok(backend, 'import.runs', {})).map((run) => [run.sourceName, run.status]));
      await expect.poll(statuses, { timeout: 15_000, interval: 100 }).toEqual({ 'A frozen': 'failed', 'B healthy': 'completed' });
      await backend.scheduler.idle();
      expect(proxy.stalled).toBe(1);
      expect(await profileCount(backend)).toBe(100);
      const [frozen, healthy] = await ok(backend, 'connectors.list');
      expect(frozen).toMatchObject({
        name: 'A frozen',
        consecutiveFailures: 1,
        lastError: `PostgreSQL at 127.0.0.1:${proxy.port} did not return the next rows within 1 s, the limit for one query: Custodia stopped waiting. The rows already read are kept.`,
        lastErrorDetail: { code: 'CONNECTOR_FAILED', params: { kind: 'postgres', reason: 'timeout', port: proxy.port, seconds: 1 } },
      });
      expect(healthy).toMatchObject({ name: 'B healthy', consecutiveFailures: 0, lastError: null });
    } finally {
      await proxy.close();
    }
  });
});
