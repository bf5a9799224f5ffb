import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../backend/backend';
import { runJob, unwrap } from '../backend/run-job';
import { createVault, ok, tempDir } from '../test-support/temp-vault';

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
