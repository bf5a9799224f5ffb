import type http from 'node:http';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../contract';
import type { Backend } from '../../backend/backend';
import { sql } from '../../store/sql';
import { createVault, ok } from '../../test-support/temp-vault';
import { serveDuringTests } from './test-servers';
import { addConnector, customers, profileCount, search, type Customer } from './test-helpers';

const PAGE = 2_000;
/** Two sources with the same customer numbers (1 to 6 000) for different people: records are keyed by source too. */
const NORTH = customers(3 * PAGE);
const SOUTH = customers(3 * PAGE, 3 * PAGE + 1).map((person) => ({ ...person, id: person.id - 3 * PAGE }));
const SMALL = customers(23, 20_001);
const LATE = customers(5, 30_001);
const DATA: Record<string, Customer[]> = { north: NORTH, south: SOUTH, small: SMALL };

/** Requests to /api/silent: never answered unless a test does it. */
const silent: http.ServerResponse[] = [];
/** In lockstep, the highest page each source has asked for, and the answers waiting for the other source. */
const asked = new Map<string, number>();
let waiting: { source: string; page: number; answer: () => void }[] = [];

function send(response: http.ServerResponse, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(200, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

/**
 * Page p of a source waits until the other source has asked for page p too: two syncs that really run at
 * once write their batches in turn, and syncs that run one after the other never get past their first page.
 */
function inLockstep(source: string, page: number, answer: () => void): void {
  asked.set(source, Math.max(asked.get(source) ?? 0, page));
  waiting.push({ source, page, answer });
  const other = (name: string) => (name === 'north' ? 'south' : 'north');
  const ready = waiting.filter((entry) => (asked.get(other(entry.source)) ?? 0) >= entry.page);
  waiting = waiting.filter((entry) => !ready.includes(entry));
  for (const entry of ready) entry.answer();
}

function handle(request: http.IncomingMessage, response: http.ServerResponse): void {
  const url = new URL(request.url ?? '/', api.base);
  if (url.pathname === '/api/silent') return void silent.push(response);
  const source = url.pathname.slice('/api/'.length);
  const list = DATA[source];
  if (!list) return void response.writeHead(404).end();
  const page = Number(url.searchParams.get('p') ?? 1);
  const next: Record<string, string> = {};
  if (page * PAGE < list.length) next.link = `<${api.base}${url.pathname}?p=${page + 1}${url.searchParams.has('lockstep') ? '&lockstep' : ''}>; rel="next"`;
  const answer = () => send(response, list.slice((page - 1) * PAGE, page * PAGE), next);
  if (url.searchParams.has('lockstep')) inLockstep(source, page, answer);
  else answer();
}

const api = serveDuringTests(handle);
beforeEach(() => {
  for (const response of silent.splice(0)) response.destroy();
  asked.clear();
  waiting = [];
});

function rest(path: string, extra: Record<string, unknown> = {}) {
  return { baseUrl: api.base, path, pagination: { kind: 'link' }, ...extra };
}

async function runsBySource(backend: Backend): Promise<Record<string, RunSummary[]>> {
  const runs: Record<string, RunSummary[]> = {};
  for (const run of (await ok(backend, 'import.runs', { limit: 500 })).reverse()) (runs[run.sourceName] ??= []).push(run);
  return runs;
}

async function statuses(backend: Backend): Promise<Record<string, string[]>> {
  return Object.fromEntries(Object.entries(await runsBySource(backend)).map(([name, runs]) => [name, runs.map((run) => run.status)]));
}

describe('scheduled syncs', () => {
  it('finish a healthy connector while another one waits on an API that stopped answering', async () => {
    const { backend } = await createVault({ connectorTickMs: 50 });
    // Queued in name order: the silent one first, so syncing one at a time would keep the healthy one behind it.
    await addConnector(backend, 'A silent', 'rest', rest('/api/silent', { timeoutSeconds: 600 }), { scheduleMinutes: 60 });
    await addConnector(backend, 'B healthy', 'rest', rest('/api/small'), { scheduleMinutes: 60 });

    await expect.poll(() => statuses(backend), { timeout: 10_000, interval: 50 }).toEqual({ 'A silent': ['running'], 'B healthy': ['completed'] });
    expect(silent).toHaveLength(1);
    expect(await profileCount(backend)).toBe(SMALL.length);
    expect(await search(backend, `${SMALL[0]!.first_name} ${SMALL[0]!.last_name}`)).toEqual([`${SMALL[0]!.first_name} ${SMALL[0]!.last_name}`]);
    expect((await ok(backend, 'connectors.list')).find((connector) => connector.name === 'B healthy')).toMatchObject({
      consecutiveFailures: 0,
      lastError: null,
    });
    // idle() waits for every sync still running, not only for the queue.
    const idle = backend.scheduler.idle().then(() => 'idle');
    expect(await Promise.race([idle, new Promise((resolve) => setTimeout(resolve, 300, 'still running'))])).toBe('still running');

    // The API answers at last: the stalled sync ends, after the healthy one.
    send(silent[0]!, LATE);
    expect(await idle).toBe('idle');
    const runs = await runsBySource(backend);
    expect(runs['A silent']).toEqual([expect.objectContaining({ status: 'completed', inserted: LATE.length })]);
    expect(runs['B healthy']).toEqual([expect.objectContaining({ status: 'completed', inserted: SMALL.length })]);
    expect(runs['A silent']![0]!.finishedAt! > runs['B healthy']![0]!.finishedAt!).toBe(true);
    expect(await profileCount(backend)).toBe(SMALL.length + LATE.length);
  });

  it('write two connectors side by side, batch after batch, each record whole and in its own source', async () => {
    let shift = 0;
    const { backend } = await createVault({ connectorTickMs: 50, now: () => new Date(Date.now() + shift) });
    await addConnector(backend, 'North', 'rest', rest('/api/north?lockstep', { timeoutSeconds: 10 }), { scheduleMinutes: 60 });
    await addConnector(backend, 'South', 'rest', rest('/api/south?lockstep', { timeoutSeconds: 10 }), { scheduleMinutes: 60 });

    await expect.poll(() => statuses(backend), { timeout: 15_000, interval: 100 }).toEqual({ North: ['completed'], South: ['completed'] });
    await backend.scheduler.idle();
    const first = await runsBySource(backend);
    const total = NORTH.length + SOUTH.length;
    for (const name of ['North', 'South']) {
      expect(first[name]).toEqual([
        expect.objectContaining({ status: 'completed', read: 3 * PAGE, inserted: 3 * PAGE, updated: 0, unchanged: 0, rejected: 0 }),
      ]);
    }
    const [north, south] = [first['North']![0]!, first['South']![0]!];
    expect(north.startedAt < south.finishedAt! && south.startedAt < north.finishedAt!).toBe(true);
    expect(await profileCount(backend)).toBe(total);

    const { db } = backend.vaults.current();
    // Every record with its own run, its own profile, named after its own row, with its own email.
    const bySource = db.all<{ run: number; records: number; profiles: number }>(sql`
      SELECT r.first_run AS run, count(*) AS records, count(DISTINCT m.profile_id) AS profiles
      FROM source_record r JOIN profile_member m ON m.source_record_id = r.id GROUP BY r.source_id, r.first_run ORDER BY r.source_id`);
    expect(bySource).toEqual([
      { run: north.id, records: 3 * PAGE, profiles: 3 * PAGE },
      { run: south.id, records: 3 * PAGE, profiles: 3 * PAGE },
    ]);
    const wrong = db.get<{ names: number; emails: number; orphans: number; total: number }>(sql`
      SELECT
        (SELECT count(*) FROM source_record r JOIN profile_member m ON m.source_record_id = r.id JOIN profile p ON p.id = m.profile_id
         WHERE p.display_name <> r.given_name || ' ' || r.family_name) AS names,
        (SELECT count(*) FROM source_record r JOIN identifier i ON i.source_record_id = r.id JOIN source s ON s.id = r.source_id
         WHERE i.kind = 'email' AND i.value <> 'client' || (CAST(r.external_id AS INTEGER) + CASE s.name WHEN 'South' THEN CAST(${3 * PAGE} AS INTEGER) ELSE 0 END) || '@exemple.ca') AS emails,
        (SELECT count(*) FROM profile WHERE id NOT IN (SELECT profile_id FROM profile_member)) AS orphans,
        (SELECT count(*) FROM identifier WHERE kind = 'email') AS total`);
    expect(wrong).toEqual({ names: 0, emails: 0, orphans: 0, total });
    // Last and first rows of pages (customer numbers 2 000, 6 000, 6 001 and 12 000: no other name starts the same).
    for (const person of [NORTH[PAGE - 1]!, NORTH.at(-1)!, SOUTH[0]!, SOUTH.at(-1)!]) {
      const name = `${person.first_name} ${person.last_name}`;
      expect(await search(backend, name)).toEqual([name]);
    }

    // An hour later, both again at once: each finds its own records unchanged.
    asked.clear();
    shift = 61 * 60_000;
    await expect
      .poll(() => statuses(backend), { timeout: 15_000, interval: 100 })
      .toEqual({ North: ['completed', 'completed'], South: ['completed', 'completed'] });
    await backend.scheduler.idle();
    for (const runs of Object.values(await runsBySource(backend))) {
      expect(runs[1]).toMatchObject({ status: 'completed', read: 3 * PAGE, inserted: 0, updated: 0, unchanged: 3 * PAGE, rejected: 0 });
    }
    expect(await profileCount(backend)).toBe(total);
  });
});
