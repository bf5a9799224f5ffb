import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../backend/backend';
import { runJob, unwrap } from '../backend/run-job';
import { createVault, ok, tempDir } from '../test-support/temp-vault';
import { PROFILE_EVENT_LIMIT } from './profiles';

/** Eight Gagnons with names of the same length (equal bm25 scores), and one Tremblay-Gagnon. */
async function gagnons(): Promise<Backend> {
  const { backend } = await createVault();
  const lines = ['id,first_name,last_name,city'];
  for (let n = 1; n <= 8; n += 1) lines.push(`${n},Person${n},Gagnon,Laval`);
  lines.push('9,Pierre,Gagnon Gagnon,Gagnonville');
  const file = path.join(tempDir(), 'gagnons.csv');
  fs.writeFileSync(file, lines.join('\n'));
  unwrap(await runJob(backend, 'import.file', { file, source: 'CRM' }));
  return backend;
}

async function names(backend: Backend, query: string, limit: number): Promise<string[]> {
  return (await ok(backend, 'profiles.search', { query, limit })).hits.map((hit) => hit.displayName);
}

describe('profile search', () => {
  it('puts the best match first, then equal matches in the order they came', async () => {
    const backend = await gagnons();
    // The name that says Gagnon three times ranks first; the others tie and keep their order.
    expect(await names(backend, 'gagnon', 4)).toEqual(['Pierre Gagnon Gagnon', 'Person1 Gagnon', 'Person2 Gagnon', 'Person3 Gagnon']);
    expect(await names(backend, 'person7', 4)).toEqual(['Person7 Gagnon']);
  });

  it('fills a page with active profiles when inactive ones still have search terms', async () => {
    const backend = await gagnons();
    const db = backend.vaults.current().db.raw;
    // What a merge or an erasure that left its search row behind would look like.
    db.prepare(`UPDATE profile SET status = 'merged' WHERE display_name IN ('Pierre Gagnon Gagnon', 'Person1 Gagnon', 'Person3 Gagnon')`).run();
    expect(await names(backend, 'gagnon', 4)).toEqual(['Person2 Gagnon', 'Person4 Gagnon', 'Person5 Gagnon', 'Person6 Gagnon']);
    expect(await names(backend, 'gagnon', 50)).toHaveLength(6);
    expect(await names(backend, 'person1', 4)).toEqual([]);
  });
});

describe('search by customer number', () => {
  it('finds a person by a source record’s external key, exactly and case-insensitively', async () => {
    const { backend } = await createVault();
    const file = path.join(tempDir(), 'numbers.csv');
    fs.writeFileSync(
      file,
      'id,first_name,last_name,city\n100001,Ada,Lovelace,London\n6033029099977331,Alan,Turing,Wilmslow\nwsg_1lgt471,Grace,Hopper,Arlington\n1000010,Not,Them,Paris\n',
    );
    unwrap(await runJob(backend, 'import.file', { file, source: 'Till' }));
    expect(await names(backend, '100001', 50)).toEqual(['Ada Lovelace']);
    expect(await names(backend, ' 6033029099977331 ', 50)).toEqual(['Alan Turing']);
    expect(await names(backend, 'wsg_1lgt471', 50)).toEqual(['Grace Hopper']);
    expect(await names(backend, 'WSG_1LGT471', 50)).toEqual(['Grace Hopper']);
    // Exact, not a prefix: part of a number finds nobody by it.
    expect(await names(backend, '10000', 50)).toEqual([]);
    // A name search is unchanged.
    expect(await names(backend, 'hopper', 50)).toEqual(['Grace Hopper']);
    const db = backend.vaults.current().db.raw;
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM source_record WHERE external_id = ? COLLATE NOCASE`).all('100001') as Array<{ detail: string }>;
    expect(plan.map((step) => step.detail).join(' ')).toMatch(/USING (COVERING )?INDEX source_record_external_id/);
  });
});

describe('a person’s detail', () => {
  it('shows the latest events only, and says how many there are in all', async () => {
    const { backend } = await createVault();
    const file = path.join(tempDir(), 'loyal.csv');
    fs.writeFileSync(file, 'id,first_name,last_name\n1,Loyal,Member\n2,Once,Seen\n');
    unwrap(await runJob(backend, 'import.file', { file, source: 'CRM' }));
    const db = backend.vaults.current().db.raw;
    const record = (externalId: string) =>
      db
        .prepare(
          `SELECT r.id, r.last_run AS runId, m.profile_id AS profileId FROM source_record r JOIN profile_member m ON m.source_record_id = r.id WHERE r.external_id = ?`,
        )
        .get(externalId) as {
        id: number;
        runId: number;
        profileId: number;
      };
    const loyal = record('1');
    const once = record('2');
    const insert = db.prepare(
      `INSERT INTO event (source_record_id, external_id, type, at, amount, currency, place, raw, run_id) VALUES (?, ?, 'purchase', ?, 1, 'CAD', NULL, '{}', ?)`,
    );
    const total = PROFILE_EVENT_LIMIT + 234;
    db.transaction(() => {
      // One a minute from 2024-01-01: the latest is the one inserted last.
      for (let n = 0; n < total; n += 1) insert.run(loyal.id, `e${n}`, new Date(Date.UTC(2024, 0, 1) + n * 60_000).toISOString(), loyal.runId);
      insert.run(once.id, 'only', '2024-06-01T00:00:00.000Z', once.runId);
    })();

    const detail = await ok(backend, 'profiles.get', { id: loyal.profileId });
    expect(detail.eventCount).toBe(total);
    expect(detail.events).toHaveLength(PROFILE_EVENT_LIMIT);
    expect(detail.events[0]!.at).toBe(new Date(Date.UTC(2024, 0, 1) + (total - 1) * 60_000).toISOString());
    expect(detail.events.at(-1)!.at).toBe(new Date(Date.UTC(2024, 0, 1) + (total - PROFILE_EVENT_LIMIT) * 60_000).toISOString());

    const small = await ok(backend, 'profiles.get', { id: once.profileId });
    expect(small.eventCount).toBe(1);
    expect(small.events).toHaveLength(1);
  });
});
