import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import { runJob, unwrap } from '../../backend/run-job';
import { AUDITOR, createVault, ok } from '../../test-support/temp-vault';
import { SAME_PAGE_ERROR } from './rest';
import { serveDuringTests } from './test-servers';
import { addConnector, customers, minutesAfter, profileCount, search, sync, type Customer } from './test-helpers';

const TOKEN = 'Bearer s3cret-token-1234';
const PEOPLE = customers(23).map((person, index) => ({ ...person, updated_at: `2026-03-${String(1 + (index % 20)).padStart(2, '0')}T10:00:00Z` }));
type Person = Customer & { updated_at: string };
let people: Person[] = PEOPLE;

const requests: string[] = [];

function send(response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

/** A small API: one route per way of paging, each behind an Authorization header. */
function handle(request: http.IncomingMessage, response: http.ServerResponse): void {
  const url = new URL(request.url ?? '/', api.base);
  requests.push(url.pathname + url.search);
  if (request.headers.authorization !== TOKEN) return send(response, 401, { error: 'unauthorized' });
  const number = (name: string, fallback: number) => Number(url.searchParams.get(name) ?? fallback);
  const since = url.searchParams.get('since');
  const list = since ? people.filter((person) => person.updated_at > since) : people;
  switch (url.pathname) {
    case '/api/page': {
      const size = number('per_page', 10);
      const page = number('page', 1);
      return send(response, 200, { data: { customers: list.slice((page - 1) * size, page * size) }, page });
    }
    case '/api/offset':
      return send(response, 200, list.slice(number('offset', 0), number('offset', 0) + number('limit', 10)));
    case '/api/cursor': {
      const after = number('after', 0);
      const items = list.filter((person) => person.id > after).slice(0, 7);
      const more = items.length > 0 && items.at(-1)!.id < list.at(-1)!.id;
      return send(response, 200, { items, meta: { next: more ? String(items.at(-1)!.id) : null } });
    }
    case '/api/link': {
      const page = number('p', 1);
      const items = list.slice((page - 1) * 5, page * 5);
      const next =
        page * 5 < list.length
          ? `<${api.base}/api/link?p=${page + 1}>; rel="next", <${api.base}/api/link?p=1>; rel="first"`
          : `<${api.base}/api/link?p=1>; rel="first"`;
      return send(response, 200, items, { link: next });
    }
    case '/api/same-content':
      // Ignores the page number: every page is the first one.
      return send(response, 200, { data: { customers: list.slice(0, 10) } });
    case '/api/same-cursor':
      return send(response, 200, { items: list.slice(0, 3), meta: { next: 'abc' } });
    case '/api/elsewhere':
      return send(response, 200, list.slice(0, 2), { link: '<http://example.invalid/steal>; rel="next"' });
    case '/api/broken':
      return send(response, 500, { error: 'database unavailable' });
    case '/api/html':
      // A login page or a proxy's error page, answered with 200.
      response.writeHead(200, { 'content-type': 'text/html' });
      return void response.end('<!doctype html><title>Sign in</title>');
    case '/api/endless': {
      // Always another page, always different: only maxPages stops it.
      const page = number('p', 1);
      return send(response, 200, customers(2, 100 + 2 * page), { link: `<${api.base}/api/endless?p=${page + 1}>; rel="next"` });
    }
    case '/api/slow':
      return void setTimeout(() => send(response, 200, []), number('ms', 3_000));
    default:
      return send(response, 404, {});
  }
}

const api = serveDuringTests(handle);

const auth = { name: 'Authorization', value: TOKEN };

describe('REST connector', () => {
  it.each([
    ['page numbers', { path: '/api/page', recordsPath: 'data.customers', pagination: { kind: 'page', param: 'page', sizeParam: 'per_page', size: 10 } }, 3],
    ['offsets', { path: 'api/offset', pagination: { kind: 'offset', param: 'offset', limitParam: 'limit', size: 10 } }, 3],
    ['a cursor in the body', { path: '/api/cursor', recordsPath: 'items', pagination: { kind: 'cursor', param: 'after', nextPath: 'meta.next' } }, 4],
    ['Link headers', { path: '/api/link', pagination: { kind: 'link' } }, 5],
  ])('reads every page with %s', async (_label, config, pages) => {
    const { backend } = await createVault({ connectorTickMs: null });
    await addConnector(backend, 'Boutique en ligne', 'rest', { baseUrl: api.base, authHeader: auth, ...config });
    requests.length = 0;
    const outcome = await sync(backend, 'Boutique en ligne');
    expect(outcome).toMatchObject({ status: 'completed', error: null, consecutiveFailures: 0 });
    expect(outcome.runs).toEqual([expect.objectContaining({ status: 'completed', read: 23, inserted: 23, rejected: 0 })]);
    expect(requests).toHaveLength(pages);
    expect(await profileCount(backend)).toBe(23);
    expect(await search(backend, 'helene cote')).toEqual(['Hélène Côté']);
    expect(await search(backend, 'LUKASZ wisniewski')).toEqual(['Łukasz Wiśniewski']);
    // Again: nothing new, nothing duplicated.
    expect((await sync(backend, 'Boutique en ligne')).runs[0]).toMatchObject({ inserted: 0, unchanged: 23 });
  });

  it('asks only for what changed since the last sync when incremental', async () => {
    const { backend } = await createVault({ connectorTickMs: null });
    const config = {
      baseUrl: api.base,
      path: '/api/offset',
      authHeader: auth,
      pagination: { kind: 'offset', param: 'offset', limitParam: 'limit', size: 10 },
      incremental: { param: 'since', cursorField: 'updated_at' },
    };
    await addConnector(backend, 'CRM', 'rest', config);
    expect((await sync(backend, 'CRM')).runs[0]).toMatchObject({ read: 23, inserted: 23 });
    people = PEOPLE.map((person) => (person.id === 5 ? { ...person, city: 'Sherbrooke', updated_at: '2026-04-01T09:00:00Z' } : person)).concat({
      ...customers(1, 24)[0]!,
      updated_at: '2026-04-02T00:00:00Z',
    });
    try {
      requests.length = 0;
      const second = await sync(backend, 'CRM');
      expect(requests[0]).toMatch(/since=2026-03-20T10%3A00%3A00Z/);
      expect(second.runs[0]).toMatchObject({ read: 2, inserted: 1, updated: 1 });
      const [latest] = await ok(backend, 'import.runs', {});
      expect(latest).toMatchObject({ status: 'completed' });
    } finally {
      people = PEOPLE;
    }
  });

  it('fails clearly without the right credentials, never repeating them, and backs off', async () => {
    const t0 = new Date('2026-11-24T10:00:00Z');
    let clock = t0;
    const { backend } = await createVault({ connectorTickMs: null, now: () => clock });
    await addConnector(backend, 'API', 'rest', {
      baseUrl: api.base,
      path: '/api/page',
      authHeader: { name: 'Authorization', value: 'Bearer wrong-secret-999' },
      recordsPath: 'data.customers',
      pagination: { kind: 'page', param: 'page', size: 10 },
    });
    const first = await sync(backend, 'API');
    expect(first.status).toBe('failed');
    expect(first.error).toMatch(/^The API answered HTTP 401 Unauthorized for page 1 of 127\.0\.0\.1:\d+\/api\/page: check the authentication header\.$/);
    expect(first.runs).toEqual([expect.objectContaining({ status: 'failed', read: 0, error: first.error })]);
    expect(first.consecutiveFailures).toBe(1);
    expect(minutesAfter(first.nextAttemptAt, clock)).toBe(1);
    clock = new Date(t0.getTime() + 5 * 60_000);
    const second = await sync(backend, 'API');
    expect(second).toMatchObject({ status: 'failed', consecutiveFailures: 2 });
    expect(minutesAfter(second.nextAttemptAt, clock)).toBe(2);

    const [listed] = await ok(backend, 'connectors.list');
    expect(listed).toMatchObject({ consecutiveFailures: 2, lastError: first.error, config: { authHeader: { name: 'Authorization', value: '••••' } } });
    expect(listed!.lastErrorDetail).toEqual({ code: 'CONNECTOR_FAILED', params: { kind: 'rest', reason: 'httpRefused', status: 401, page: 1 } });
    const everything = JSON.stringify([
      await ok(backend, 'connectors.list'),
      await ok(backend, 'audit.list', { limit: 1000 }),
      await ok(backend, 'import.runs', {}),
    ]);
    expect(everything).not.toContain('wrong-secret');
    const retries = (await ok(backend, 'audit.list', { filter: { action: 'sync.retry_scheduled' } })).entries;
    expect(retries.map((entry) => entry.details)).toEqual([
      expect.objectContaining({ failures: 2, retryInMinutes: 2 }),
      expect.objectContaining({ failures: 1, retryInMinutes: 1 }),
    ]);

    // Fixing the header (sent back masked for the rest) resets the delay, and the next sync succeeds.
    const fixed = await ok(backend, 'connectors.update', { name: 'API', config: { ...listed!.config, authHeader: auth } });
    expect(fixed).toMatchObject({ consecutiveFailures: 0, nextAttemptAt: null });
    expect(await sync(backend, 'API')).toMatchObject({ status: 'completed', consecutiveFailures: 0, error: null, errorDetail: null });
    expect((await ok(backend, 'connectors.list'))[0]).toMatchObject({ lastError: null, lastErrorDetail: null });
    expect(await profileCount(backend)).toBe(23);

    // The API stops asking for a token: `authHeader: null` removes it, and the next request sends none.
    const withoutHeader = await ok(backend, 'connectors.update', { name: 'API', config: { ...listed!.config, authHeader: null } });
    expect(withoutHeader.config).not.toHaveProperty('authHeader');
    expect(await sync(backend, 'API')).toMatchObject({
      status: 'failed',
      errorDetail: { code: 'CONNECTOR_FAILED', params: { reason: 'httpRefused', status: 401 } },
    });
    // Left out, on the other hand, a header is kept: here there is none left to keep.
    const unchanged = await ok(backend, 'connectors.update', { name: 'API', config: withoutHeader.config });
    expect(unchanged.config).not.toHaveProperty('authHeader');
  });

  it('tests unsaved changes to a saved connector with its stored header, on the same server only', async () => {
    const { backend } = await createVault({ connectorTickMs: null });
    await addConnector(backend, 'API', 'rest', {
      baseUrl: api.base,
      path: '/api/page',
      authHeader: auth,
      recordsPath: 'data.customers',
      pagination: { kind: 'page', param: 'page', size: 10 },
    });
    const [shown] = await ok(backend, 'connectors.list');
    // Another route, still on this server: the stored header (shown masked) opens it, and nothing is saved.
    const edited = { ...shown!.config, path: '/api/cursor', recordsPath: 'items', pagination: { kind: 'cursor', param: 'after', nextPath: 'meta.next' } };
    requests.length = 0;
    const tried = await ok(backend, 'connectors.test', { name: 'API', config: edited });
    expect(tried.rows.length).toBeGreaterThan(0);
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every((request) => request.startsWith('/api/cursor'))).toBe(true);
    expect((await ok(backend, 'connectors.list'))[0]!.config).toMatchObject({ path: '/api/page' });
    // The same edit aimed at another origin would carry the header there: refused before any request.
    requests.length = 0;
    const elsewhere = await backend.call('connectors.test', { name: 'API', config: { ...edited, baseUrl: api.base.replace('127.0.0.1', 'localhost') } });
    expect(elsewhere).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', params: { reason: 'secretMoved' } } });
    expect(requests).toEqual([]);
  });

  it('stops an API that serves the same page again, by content or by address', async () => {
    const { backend } = await createVault({ connectorTickMs: null });
    await addConnector(backend, 'Same content', 'rest', {
      baseUrl: api.base,
      path: '/api/same-content',
      authHeader: auth,
      recordsPath: 'data.customers',
      pagination: { kind: 'page', param: 'page', size: 10 },
    });
    await addConnector(backend, 'Same cursor', 'rest', {
      baseUrl: api.base,
      path: '/api/same-cursor',
      authHeader: auth,
      recordsPath: 'items',
      pagination: { kind: 'cursor', param: 'c', nextPath: 'meta.next' },
    });
    for (const name of ['Same content', 'Same cursor']) {
      const outcome = await sync(backend, name);
      expect(outcome.status).toBe('failed');
      expect(outcome.error).toBe(SAME_PAGE_ERROR);
      expect(outcome.error).toBe('The API returned the same page twice: stopping.');
      expect(outcome.errorDetail).toEqual({ code: 'CONNECTOR_FAILED', params: { kind: 'rest', reason: 'samePage' } });
    }
    // The rows of the pages read before the loop was seen stay: 10 from one source, 3 from the other.
    expect(await profileCount(backend)).toBe(13);
  });

  it('stops an API whose pages never end after maxPages, keeping the records read', async () => {
    const { backend } = await createVault({ connectorTickMs: null });
    await addConnector(backend, 'Endless', 'rest', { baseUrl: api.base, path: '/api/endless', authHeader: auth, pagination: { kind: 'link' }, maxPages: 5 });
    requests.length = 0;
    const outcome = await sync(backend, 'Endless');
    const detail = { code: 'CONNECTOR_FAILED', params: { kind: 'rest', reason: 'tooManyPages', pages: 5 } };
    expect(outcome).toMatchObject({ status: 'failed', errorDetail: detail, consecutiveFailures: 1 });
    expect(outcome.error).toBe(
      'The API kept sending pages: stopped after 5, the limit (maxPages). The records already read are kept; raise maxPages if the API really has more pages.',
    );
    // Five pages asked for, not a sixth; their 10 records stay, as with the other guards.
    expect(requests).toEqual(['/api/endless', '/api/endless?p=2', '/api/endless?p=3', '/api/endless?p=4', '/api/endless?p=5']);
    expect(outcome.runs).toEqual([expect.objectContaining({ status: 'failed', read: 10, inserted: 10, error: outcome.error, errorDetail: detail })]);
    expect(await profileCount(backend)).toBe(10);
  });

  it('refuses to follow a next link to another host, reports server errors and timeouts in one line', async () => {
    const { backend } = await createVault({ connectorTickMs: null });
    const add = (name: string, path: string, extra: Record<string, unknown> = {}) =>
      addConnector(backend, name, 'rest', { baseUrl: `${api.base}/`, path, authHeader: auth, pagination: { kind: 'link' }, ...extra });
    await add('Elsewhere', 'api/elsewhere');
    await add('Broken', '/api/broken');
    await add('Slow', '/api/slow', { timeoutSeconds: 1 });
    expect((await sync(backend, 'Elsewhere')).error).toBe(
      "The API's next page is on another host (example.invalid): Custodia does not send the credentials there.",
    );
    expect((await sync(backend, 'Broken')).error).toMatch(/^The API answered HTTP 500 Internal Server Error for page 1 of 127\.0\.0\.1:\d+\/api\/broken\.$/);
    expect((await sync(backend, 'Slow')).error).toMatch(/^The API at 127\.0\.0\.1:\d+\/api\/slow did not answer page 1 within 1 s\.$/);
    expect(await profileCount(backend)).toBe(2);
  });

  it('names what is wrong with an answer that is not a list of records, so the steward reads it in their language', async () => {
    const { backend } = await createVault({ connectorTickMs: null });
    const add = (name: string, path: string, extra: Record<string, unknown> = {}) =>
      addConnector(backend, name, 'rest', { baseUrl: api.base, path, authHeader: auth, pagination: { kind: 'link' }, ...extra });
    await add('Login page', '/api/html');
    await add('Wrong path', '/api/page', { recordsPath: 'data.clients' });
    await add('No path', '/api/page');
    await add('Elsewhere', '/api/elsewhere');
    const detail = async (name: string) => (await sync(backend, name)).errorDetail;
    expect(await detail('Login page')).toEqual({ code: 'CONNECTOR_FAILED', params: { kind: 'rest', reason: 'notJson', page: 1 } });
    expect(await detail('Wrong path')).toEqual({ code: 'CONNECTOR_FAILED', params: { kind: 'rest', reason: 'noRecordsAt', page: 1, path: 'data.clients' } });
    expect(await detail('No path')).toEqual({ code: 'CONNECTOR_FAILED', params: { kind: 'rest', reason: 'notAList', page: 1 } });
    expect(await detail('Elsewhere')).toEqual({ code: 'CONNECTOR_FAILED', params: { kind: 'rest', reason: 'otherHost', page: 2, host: 'example.invalid' } });
  });

  it('runs one sync of a connector at a time, even when asked twice at once', async () => {
    const { backend } = await createVault({ connectorTickMs: null });
    await addConnector(backend, 'Slow', 'rest', { baseUrl: api.base, path: '/api/slow?ms=300', authHeader: auth, pagination: { kind: 'link' } });
    const both = await Promise.all([runJob(backend, 'connectors.sync', { name: 'Slow' }), runJob(backend, 'connectors.sync', { name: 'Slow' })]);
    const outcomes = both.map((result) => unwrap(result).outcomes[0]!);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['completed', 'skipped']);
    const skipped = outcomes.find((outcome) => outcome.status === 'skipped')!;
    expect(skipped.error).toMatch(/^A sync of this connector is already running \(its lease runs until /);
    expect(skipped.errorDetail).toEqual({ code: 'CONFLICT', params: { reason: 'syncRunning', heldUntil: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) } });
    // The lease is given back at the end.
    expect((await sync(backend, 'Slow')).status).toBe('completed');
  });

  it('tests a configuration before saving it and audits the outcome only', async () => {
    const { backend } = await createVault({ connectorTickMs: null });
    const config = {
      baseUrl: api.base,
      path: '/api/page',
      authHeader: auth,
      recordsPath: 'data.customers',
      pagination: { kind: 'page', param: 'page', sizeParam: 'per_page', size: 100 },
    };
    const preview = await ok(backend, 'connectors.test', { kind: 'rest', config });
    expect(preview.rows).toHaveLength(20);
    expect(preview.headers).toEqual(['id', 'first_name', 'last_name', 'email', 'city', 'updated_at']);
    expect(preview.mappingFrom).toBe('suggested');
    expect(preview.mapping.columns).toEqual(
      expect.arrayContaining([
        { column: 'first_name', field: 'givenName' },
        { column: 'email', field: 'email' },
      ]),
    );
    const refused = await backend.call('connectors.test', { kind: 'rest', config: { ...config, authHeader: undefined } });
    expect(refused.ok || refused.error).toMatchObject({
      code: 'CONNECTOR_FAILED',
      message: expect.stringMatching(/HTTP 401/),
      params: { reason: 'httpRefused', status: 401 },
    });
    const tested = (await ok(backend, 'audit.list', { filter: { action: 'connector.tested' } })).entries.map((entry) => entry.details);
    expect(tested).toEqual([
      { kind: 'rest', result: 'failed', rows: 0 },
      { kind: 'rest', result: 'ok', rows: 20 },
    ]);
    expect((await runJob(backend, 'connectors.sync', { name: 'Nobody' })).ok).toBe(false);
  });

  it('syncs scheduled connectors by itself while an administrator or steward has the vault open, waiting out retry delays', async () => {
    let clock = new Date('2026-11-24T10:00:00Z');
    const { backend } = await createVault({ connectorTickMs: 50, now: () => clock });
    const good = { baseUrl: api.base, path: '/api/offset', authHeader: auth, pagination: { kind: 'offset', param: 'offset', limitParam: 'limit', size: 10 } };
    await addConnector(backend, 'Hourly', 'rest', good, { scheduleMinutes: 60 });
    await addConnector(backend, 'Failing', 'rest', { ...good, path: '/api/broken' }, { scheduleMinutes: 5 });
    await addConnector(backend, 'Manual', 'rest', good);
    const runsOf = async () => {
      const counts: Record<string, number> = {};
      for (const run of await ok(backend, 'import.runs', { limit: 500 })) counts[run.sourceName] = (counts[run.sourceName] ?? 0) + 1;
      return counts;
    };
    const settle = async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await backend.scheduler.idle();
    };
    await expect.poll(runsOf, { timeout: 5_000, interval: 50 }).toEqual({ Hourly: 1, Failing: 1 });
    await settle();
    expect(await runsOf()).toEqual({ Hourly: 1, Failing: 1 });

    clock = new Date(clock.getTime() + 2 * 60_000); // past the failing one's first retry delay (1 minute)
    await expect.poll(runsOf, { timeout: 5_000, interval: 50 }).toEqual({ Hourly: 1, Failing: 2 });
    await settle();
    expect(await runsOf()).toEqual({ Hourly: 1, Failing: 2 });
    expect((await ok(backend, 'connectors.list')).find((connector) => connector.name === 'Failing')).toMatchObject({ consecutiveFailures: 2 });

    clock = new Date(clock.getTime() + 61 * 60_000);
    await expect.poll(runsOf, { timeout: 5_000, interval: 50 }).toEqual({ Hourly: 2, Failing: 3 });

    // An auditor's session schedules nothing, and sees the register of connectors with secrets masked.
    await ok(backend, 'users.add', { name: AUDITOR.name, role: 'auditor', passphrase: AUDITOR.passphrase });
    await backend.scheduler.idle();
    await ok(backend, 'vault.lock');
    await ok(backend, 'vault.unlock', { userName: AUDITOR.name, passphrase: AUDITOR.passphrase });
    clock = new Date(clock.getTime() + 24 * 60 * 60_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await runsOf()).toEqual({ Hourly: 2, Failing: 3 });
    const register = await ok(backend, 'connectors.list');
    expect(register.map((connector) => [connector.name, connector.config.authHeader])).toEqual([
      ['Failing', { name: 'Authorization', value: '••••' }],
      ['Hourly', { name: 'Authorization', value: '••••' }],
      ['Manual', { name: 'Authorization', value: '••••' }],
    ]);
    for (const [method, input] of [
      ['connectors.sync', { all: true }],
      ['connectors.test', { name: 'Hourly' }],
      ['connectors.remove', { name: 'Hourly' }],
    ] as const) {
      const refused = await backend.call(method, input);
      expect(refused.ok || refused.error.code).toBe('FORBIDDEN');
    }
  });
});
