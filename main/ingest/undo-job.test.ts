import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BackendEvent } from '../core/events';
import type { Backend } from '../backend/backend';
import { runJob, unwrap } from '../backend/run-job';
import { createVault, ok, tempDir } from '../test-support/temp-vault';
import { UNDO_BATCH } from './undo-job';
import { searchDocumentIds, searchDocuments } from '../test-support/search-index';

/** Enough records for several batches; the two last rows are rejected (too few fields to be a record). */
const RECORDS = UNDO_BATCH * 3 + 500;

async function importCsv(backend: Backend, source: string, count: number, rejects = 0) {
  const file = path.join(tempDir(), `${source}.csv`);
  const lines = ['id,first_name,last_name,email,city'];
  for (let index = 1; index <= count; index += 1) lines.push(`${source}-${index},Prénom${index},Nom${index},p${index}@${source}.example,Lyon`);
  for (let index = 1; index <= rejects; index += 1) lines.push(`${source}-bad-${index},Rejeté`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  const run = unwrap(await runJob(backend, 'import.file', { file, source, options: {} }));
  expect(run).toMatchObject({ inserted: count, rejected: rejects });
  return run;
}

function scalar(backend: Backend, query: string): number {
  return backend.vaults.current().db.raw.prepare(query).pluck().get() as number;
}

/** Every record with its profile, membership and full-text row; nothing left pointing at a record or profile that went. */
function expectConsistent(backend: Backend, records: number): void {
  expect([
    scalar(backend, 'SELECT count(*) FROM source_record'),
    scalar(backend, 'SELECT count(*) FROM profile_member'),
    scalar(backend, 'SELECT count(*) FROM profile'),
    searchDocuments(backend.vaults.current().raw),
  ]).toEqual([records, records, records, records]);
  for (const table of ['identifier', 'event', 'consent_event'])
    expect(scalar(backend, `SELECT count(*) FROM ${table} t WHERE NOT EXISTS (SELECT 1 FROM source_record r WHERE r.id = t.source_record_id)`)).toBe(0);
  expect(scalar(backend, 'SELECT count(*) FROM profile p WHERE NOT EXISTS (SELECT 1 FROM profile_member m WHERE m.profile_id = p.id)')).toBe(0);
  const profiles = new Set(backend.vaults.current().raw.prepare('SELECT id FROM profile').pluck().all() as number[]);
  expect(searchDocumentIds(backend.vaults.current().raw).filter((id) => !profiles.has(id))).toEqual([]);
  expect(backend.vaults.current().db.raw.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
}

/** Starts `import.undo` and lets `onProgress` act while it runs; resolves with how the job finished. */
async function undoWatched(backend: Backend, runId: number, onProgress: (event: Extract<BackendEvent, { type: 'job.progress' }>, jobId: string) => void) {
  let jobId: string | null = null;
  const finished = new Promise<Extract<BackendEvent, { type: 'job.finished' }>>((resolve) => {
    const stop = backend.onEvent((event) => {
      if (event.type === 'vault.locked' || event.type === 'vault.damaged' || event.jobId !== jobId) return;
      if (event.type === 'job.progress') onProgress(event, event.jobId);
      else {
        stop();
        resolve(event);
      }
    });
  });
  // The job starts on the next turn of the event loop, after the id is back.
  jobId = (await ok(backend, 'import.undo', { runId })).jobId;
  return finished;
}

describe('undoing a large import as a job', () => {
  it('removes the records in batches and says how far it got', async () => {
    const { backend } = await createVault();
    await importCsv(backend, 'autre', 2);
    const run = await importCsv(backend, 'mauvais', RECORDS, 2);
    const progress: Array<{ step: string; done: number; total: number | null }> = [];
    const counts = unwrap(await runJob(backend, 'import.undo', { runId: run.id }, ({ step, done, total }) => progress.push({ step, done, total })));
    expect(counts).toEqual({ removed: RECORDS, keptChanged: 0, keptLater: 0, rejectsRemoved: 2 });
    // The first batch is always reported; the last report is the whole.
    expect(progress[0]).toEqual({ step: 'removing', done: UNDO_BATCH, total: RECORDS + 2 });
    expect(progress.at(-1)).toEqual({ step: 'removing', done: RECORDS + 2, total: RECORDS + 2 });
    expectConsistent(backend, 2);
    const actions = (await ok(backend, 'audit.list', { filter: {} })).entries.filter((entry) => entry.action.startsWith('import.undo'));
    expect(actions.map((entry) => [entry.action, entry.details]).reverse()).toEqual([
      ['import.undo_started', { removed: RECORDS, keptChanged: 0, keptLater: 0, rejectsRemoved: 2 }],
      ['import.undone', { removed: RECORDS, keptChanged: 0, keptLater: 0, rejectsRemoved: 2 }],
    ]);
  });

  it('cancelled part-way, leaves a consistent vault and an undoable run, and a second undo finishes the rest', async () => {
    const { backend } = await createVault();
    await importCsv(backend, 'autre', 2);
    const run = await importCsv(backend, 'mauvais', RECORDS, 2);
    // Cancelled as soon as the first batch is reported: the job stops before the next one.
    const finished = await undoWatched(backend, run.id, (_event, jobId) => void backend.call('jobs.cancel', { jobId }));
    expect(finished).toMatchObject({
      status: 'cancelled',
      error: { code: 'CANCELLED', params: { removed: UNDO_BATCH, remaining: RECORDS - UNDO_BATCH, rejectsRemoved: 0, rejectsRemaining: 2 } },
    });
    expectConsistent(backend, 2 + RECORDS - UNDO_BATCH);
    expect(scalar(backend, 'SELECT count(*) FROM import_reject')).toBe(2);
    expect((await ok(backend, 'import.runs', {})).find((summary) => summary.id === run.id)).toMatchObject({ undoneAt: null });
    expect(await ok(backend, 'import.undoPlan', { runId: run.id })).toEqual({ removed: RECORDS - UNDO_BATCH, keptChanged: 0, keptLater: 0, rejectsRemoved: 2 });
    const [cancelled] = (await ok(backend, 'audit.list', { filter: { action: 'import.undo_cancelled' } })).entries;
    expect(cancelled).toMatchObject({
      objectId: String(run.id),
      details: { removed: UNDO_BATCH, remaining: RECORDS - UNDO_BATCH, rejectsRemoved: 0, rejectsRemaining: 2 },
    });

    expect(unwrap(await runJob(backend, 'import.undo', { runId: run.id }))).toEqual({
      removed: RECORDS - UNDO_BATCH,
      keptChanged: 0,
      keptLater: 0,
      rejectsRemoved: 2,
    });
    expectConsistent(backend, 2);
    expect(scalar(backend, 'SELECT count(*) FROM import_reject')).toBe(0);
    expect((await ok(backend, 'import.runs', {})).find((summary) => summary.id === run.id)).toMatchObject({ undoneAt: expect.any(String) });
    expect((await ok(backend, 'audit.list', { filter: { action: 'import.undone' } })).entries).toHaveLength(1);
  });

  it('answers other calls while it runs, and refuses a second undo of the same run meanwhile', async () => {
    const { backend } = await createVault();
    await importCsv(backend, 'autre', 2);
    const run = await importCsv(backend, 'mauvais', RECORDS);
    let done = false;
    let asked = false;
    let countDuring: number | null = null;
    let secondUndo: Promise<unknown> | null = null;
    const finished = await undoWatched(backend, run.id, () => {
      if (asked) return;
      asked = true;
      void backend.call('profiles.count').then((result) => {
        if (!done && result.ok) countDuring = result.value.profiles;
      });
      secondUndo = runJob(backend, 'import.undo', { runId: run.id });
    });
    done = true;
    expect(finished.status).toBe('completed');
    // Answered between two batches: some of the run's people gone, not all.
    expect(countDuring).toBe(2 + RECORDS - UNDO_BATCH);
    expect(await secondUndo).toMatchObject({ ok: false, error: { code: 'CONFLICT', params: { reason: 'undoRunning' } } });
    expect((await ok(backend, 'profiles.count')).profiles).toBe(2);
  });
});
