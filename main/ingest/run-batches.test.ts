import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import type { JobControl } from '../core/job-control';
import { AppError } from '../core/errors';
import { bulkIndexesPresent, dropBulkIndexes } from '../store/bulk-indexes';
import { ADMIN, createVault, ok } from '../test-support/temp-vault';
import type { OpenVault } from '../vault/vault-service';
import { suggestMapping } from './mapping/suggest';
import { openRun, writeBatches, type Batch } from './run-batches';
import { getRun } from './runs';
import { saveSource } from './sources';
import type { RawRow } from './types';

const HEADERS = ['customer_no', 'first_name', 'last_name', 'email', 'phone'];

function rows(from: number, count: number): RawRow[] {
  return Array.from({ length: count }, (_, index) => {
    const n = from + index;
    return {
      line: n + 1,
      values: {
        customer_no: `C${n}`,
        first_name: `Name${n}`,
        last_name: 'Tremblay',
        email: `person${n}@example.ca`,
        phone: `514 555 ${String(1000 + n).padStart(4, '0')}`,
      },
    };
  });
}

function job(steps: string[] = []): JobControl {
  return { signal: new AbortController().signal, progress: (step) => steps.push(step), checkpoint: () => undefined };
}

function startRun(vault: OpenVault, name = 'CRM') {
  const mapping = { ...suggestMapping(HEADERS, rows(1, 5)), defaultCountry: 'CA' };
  const stamp = new Date().toISOString();
  return vault.db.transaction(() => {
    const source = saveSource(
      vault.db,
      { name, kind: 'file', purposes: ['customer relationship'], lawfulBasis: 'contract', defaultCountry: 'CA', mapping },
      stamp,
    );
    return { sourceId: source.id, mapping, runId: openRun(vault, { sourceId: source.id }, stamp) };
  });
}

describe('bulk imports', () => {
  it('build the random-order indexes once at the end of a large import, and they cover every row', async () => {
    const { backend } = await createVault();
    const vault = backend.vaults.current();
    const { sourceId, runId, mapping } = startRun(vault);
    const presentBeforeBatch: boolean[] = [];
    async function* batches(): AsyncGenerator<Batch> {
      for (let batch = 0; batch < 4; batch += 1) {
        presentBeforeBatch.push(bulkIndexesPresent(vault.db.raw));
        yield { items: rows(batch * 10, 10).map((row) => ({ kind: 'row' as const, row })) };
      }
    }
    const steps: string[] = [];
    await writeBatches(vault, batches(), { sourceId, runId, mapping, job: job(steps), now: () => new Date(), estimatedRows: 40, bulkMinRows: 20 });

    expect(presentBeforeBatch).toEqual([true, false, false, false]);
    expect(bulkIndexesPresent(vault.db.raw)).toBe(true);
    expect(steps).toContain('indexing');
    expect(getRun(vault.db, runId)).toMatchObject({ status: 'completed', inserted: 40 });
    const indexed = vault.db.raw
      .prepare(`SELECT count(*) AS n FROM identifier INDEXED BY identifier_value WHERE kind = 'email' AND value LIKE 'person%'`)
      .get() as { n: number };
    expect(indexed.n).toBe(40);
    expect((await ok(backend, 'profiles.list', { limit: 3 })).profiles.map((row) => row.displayName)).toEqual([
      'Name0 Tremblay',
      'Name1 Tremblay',
      'Name10 Tremblay',
    ]);
  });

  it('build them again when the import fails half-way', async () => {
    const { backend } = await createVault();
    const vault = backend.vaults.current();
    const { sourceId, runId, mapping } = startRun(vault);
    async function* batches(): AsyncGenerator<Batch> {
      yield { items: rows(0, 10).map((row) => ({ kind: 'row' as const, row })) };
      throw new Error('the disk went away');
    }
    await expect(
      writeBatches(vault, batches(), { sourceId, runId, mapping, job: job(), now: () => new Date(), estimatedRows: 100, bulkMinRows: 20 }),
    ).rejects.toThrow('the disk went away');
    expect(bulkIndexesPresent(vault.db.raw)).toBe(true);
    expect(getRun(vault.db, runId)).toMatchObject({ status: 'failed', inserted: 10 });
  });

  it('keep every index up to date row by row on small imports', async () => {
    const { backend } = await createVault();
    const vault = backend.vaults.current();
    const { sourceId, runId, mapping } = startRun(vault);
    const present: boolean[] = [];
    async function* batches(): AsyncGenerator<Batch> {
      for (let batch = 0; batch < 3; batch += 1) {
        present.push(bulkIndexesPresent(vault.db.raw));
        yield { items: rows(batch * 10, 10).map((row) => ({ kind: 'row' as const, row })) };
      }
    }
    await writeBatches(vault, batches(), { sourceId, runId, mapping, job: job(), now: () => new Date(), estimatedRows: 30 });
    expect(present).toEqual([true, true, true]);
  });

  it('keep every index up to date when the new records are few next to what the vault holds', async () => {
    const { backend } = await createVault();
    const vault = backend.vaults.current();
    const first = startRun(vault);
    async function* firstBatches(): AsyncGenerator<Batch> {
      for (let batch = 0; batch < 4; batch += 1) yield { items: rows(batch * 10, 10).map((row) => ({ kind: 'row' as const, row })) };
    }
    await writeBatches(vault, firstBatches(), { ...first, job: job(), now: () => new Date(), estimatedRows: 40, bulkMinRows: 5 });
    // 40 profiles held; 10 more expected after the first batch of 10: not worth rebuilding 50 entries.
    const second = startRun(vault);
    const present: boolean[] = [];
    async function* secondBatches(): AsyncGenerator<Batch> {
      for (let batch = 4; batch < 6; batch += 1) {
        present.push(bulkIndexesPresent(vault.db.raw));
        yield { items: rows(batch * 10, 10).map((row) => ({ kind: 'row' as const, row })) };
      }
    }
    await writeBatches(vault, secondBatches(), { ...second, job: job(), now: () => new Date(), estimatedRows: 20, bulkMinRows: 5 });
    expect(present).toEqual([true, true]);
    expect(getRun(vault.db, second.runId)).toMatchObject({ status: 'completed', inserted: 20 });
  });

  it('are taken by one run at a time: a run beside it writes without the two indexes, and the rebuild covers its rows', async () => {
    const { backend } = await createVault();
    const vault = backend.vaults.current();
    const big = startRun(vault, 'CRM');
    const beside = startRun(vault, 'Till');
    const presentBeside: boolean[] = [];
    async function* batches(from: number, present?: boolean[]): AsyncGenerator<Batch> {
      for (let batch = 0; batch < 4; batch += 1) {
        present?.push(bulkIndexesPresent(vault.db.raw));
        yield { items: rows(from + batch * 10, 10).map((row) => ({ kind: 'row' as const, row })) };
      }
    }
    const bigSteps: string[] = [];
    const besideSteps: string[] = [];
    // Both qualify for bulk mode, and their batches alternate on the one connection (each yields to the event loop).
    await Promise.all([
      writeBatches(vault, batches(0), { ...big, job: job(bigSteps), now: () => new Date(), estimatedRows: 40, bulkMinRows: 20 }),
      writeBatches(vault, batches(1_000, presentBeside), { ...beside, job: job(besideSteps), now: () => new Date(), estimatedRows: 40, bulkMinRows: 20 }),
    ]);

    expect([bigSteps.includes('indexing'), besideSteps.includes('indexing')]).toEqual([true, false]);
    expect(presentBeside.slice(1)).toContain(false);
    expect(getRun(vault.db, big.runId)).toMatchObject({ status: 'completed', inserted: 40 });
    expect(getRun(vault.db, beside.runId)).toMatchObject({ status: 'completed', inserted: 40 });
    expect(bulkIndexesPresent(vault.db.raw)).toBe(true);
    expect(vault.db.raw.pragma('journal_mode', { simple: true })).toBe('wal');
    const indexed = vault.db.raw
      .prepare(`SELECT count(*) AS n FROM identifier INDEXED BY identifier_value WHERE kind = 'email' AND value LIKE 'person%'`)
      .get() as { n: number };
    expect(indexed.n).toBe(80);
  });

  it('left without their indexes by a crash, a vault gets them back when it is next unlocked', async () => {
    const { backend } = await createVault();
    dropBulkIndexes(backend.vaults.current().db.raw);
    await ok(backend, 'vault.lock');
    await ok(backend, 'vault.unlock', { userName: ADMIN.name, passphrase: ADMIN.passphrase });
    expect(bulkIndexesPresent(backend.vaults.current().db.raw)).toBe(true);
  });
});

describe('new records', () => {
  it('are written many per statement, each profile linked to its own record, identifiers and search terms', async () => {
    const { backend } = await createVault();
    const vault = backend.vaults.current();
    const { sourceId, runId, mapping } = startRun(vault);
    const first = rows(0, 150);
    // Later in the same batch, before anything was flushed: one key again with other details, one identical.
    const changed = { line: 151, values: { ...first[10]!.values, first_name: 'Someone Else' } };
    const identical = { line: 152, values: { ...first[20]!.values } };
    async function* batches(): AsyncGenerator<Batch> {
      yield { items: [...first, changed, identical].map((row) => ({ kind: 'row' as const, row })) };
      yield { items: rows(150, 70).map((row) => ({ kind: 'row' as const, row })) };
    }
    await writeBatches(vault, batches(), { sourceId, runId, mapping, job: job(), now: () => new Date(), estimatedRows: 222 });

    // The same number again with other details is the same record seen twice: the later row wins, flagged.
    expect(getRun(vault.db, runId)).toMatchObject({ status: 'completed', inserted: 220, updated: 1, unchanged: 1, rejected: 0, flagged: 1 });
    const mismatched = vault.db.raw
      .prepare(
        `SELECT count(*) AS n FROM profile p JOIN profile_member m ON m.profile_id = p.id JOIN source_record r ON r.id = m.source_record_id
         WHERE p.display_name <> r.given_name || ' Tremblay' OR (r.external_id <> 'C' || substr(r.given_name, 5) AND r.external_id <> 'C10')`,
      )
      .get() as { n: number };
    expect(mismatched.n).toBe(0);
    const record10 = vault.db.raw.prepare(`SELECT given_name AS name, id FROM source_record WHERE external_id = 'C10'`).get() as { name: string; id: number };
    expect(record10.name).toBe('Someone Else');
    expect(vault.db.raw.prepare('SELECT value FROM identifier WHERE source_record_id = ? ORDER BY kind').all(record10.id)).toEqual([
      { value: 'person10@example.ca' },
      { value: '+15145551010' },
    ]);
    const found = await ok(backend, 'profiles.search', { query: 'name219' });
    expect(found.hits.map((profile) => profile.displayName)).toEqual(['Name219 Tremblay']);
    const flags = vault.db.raw.prepare('SELECT source_record_id AS recordId, code, detail FROM record_flag WHERE run_id = ?').all(runId) as {
      recordId: number;
      code: string;
      detail: string;
    }[];
    expect(flags).toEqual([{ recordId: record10.id, code: 'duplicateKey', detail: expect.any(String) }]);
    expect(JSON.parse(flags[0]!.detail)).toEqual({ params: { key: 'C10', line: 11, later: 151 }, supersededRow: expect.stringMatching(/^[\w-]{22}$/) });
  });
});

describe('runs of one source', () => {
  function leaveRunning(vault: OpenVault, sourceId: number, owner: string | null, heartbeat: Date): number {
    const stamp = heartbeat.toISOString();
    return Number(
      vault.db.raw
        .prepare(`INSERT INTO import_run (source_id, started_at, status, owner, heartbeat_at) VALUES (?, ?, 'running', ?, ?)`)
        .run(sourceId, stamp, owner, stamp).lastInsertRowid,
    );
  }

  function open(vault: OpenVault, sourceId: number): number {
    return vault.db.transaction(() => openRun(vault, { sourceId }, new Date().toISOString()));
  }

  function statusOf(vault: OpenVault, runId: number): string {
    return getRun(vault.db, runId).status;
  }

  it('do not start beside one still going on, in this process or another one on this machine', async () => {
    const { backend } = await createVault();
    const vault = backend.vaults.current();
    const { sourceId, runId } = startRun(vault);
    expect(() => open(vault, sourceId)).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(statusOf(vault, runId)).toBe('running');

    const other = leaveRunning(vault, sourceId, `${os.hostname()}:${process.ppid}`, new Date());
    vault.db.raw.prepare(`UPDATE import_run SET status = 'completed' WHERE id = ?`).run(runId);
    expect(() => open(vault, sourceId)).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(statusOf(vault, other)).toBe('running');
  });

  it('mark interrupted a run whose process is gone, or that has been silent for minutes', async () => {
    const { backend } = await createVault();
    const vault = backend.vaults.current();
    const { sourceId, runId } = startRun(vault);
    vault.db.raw.prepare(`UPDATE import_run SET status = 'completed' WHERE id = ?`).run(runId);
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    const crashed = leaveRunning(vault, sourceId, `${os.hostname()}:${gone}`, new Date());
    const silent = leaveRunning(vault, sourceId, `elsewhere.example:${process.pid}`, new Date(Date.now() - 3 * 60_000));
    const next = open(vault, sourceId);
    expect([statusOf(vault, crashed), statusOf(vault, silent), statusOf(vault, next)]).toEqual(['interrupted', 'interrupted', 'running']);
    const audited = (await ok(backend, 'audit.list', { filter: { action: 'import.interrupted' } })).entries.map((entry) => entry.objectId);
    expect(audited.map(Number).sort()).toEqual([crashed, silent].sort());
    // Said in the steward's language: what happened, that nothing written is lost, how to finish.
    expect(getRun(vault.db, crashed)).toMatchObject({
      error: expect.stringContaining('stopped before it finished'),
      errorDetail: { code: 'CANCELLED', params: { reason: 'interrupted' } },
    });
  });

  it('let a run from another machine keep its source while its heartbeat is fresh', async () => {
    const { backend } = await createVault();
    const vault = backend.vaults.current();
    const { sourceId, runId } = startRun(vault);
    vault.db.raw.prepare(`UPDATE import_run SET status = 'completed' WHERE id = ?`).run(runId);
    leaveRunning(vault, sourceId, 'elsewhere.example:4242', new Date());
    expect(() => open(vault, sourceId)).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
  });
});

describe('a run that fails half-way', () => {
  async function failAfterOneBatch(thrown: Error) {
    const { backend } = await createVault();
    const vault = backend.vaults.current();
    const { sourceId, runId, mapping } = startRun(vault);
    async function* batches(): AsyncGenerator<Batch> {
      yield { items: rows(0, 10).map((row) => ({ kind: 'row' as const, row })) };
      throw thrown;
    }
    await expect(writeBatches(vault, batches(), { sourceId, runId, mapping, job: job(), now: () => new Date() })).rejects.toBe(thrown);
    return { backend, run: getRun(vault.db, runId) };
  }

  it('keeps its English error and, beside it, the code and parameters the interface translates', async () => {
    const { backend, run } = await failAfterOneBatch(new AppError('IO_ERROR', 'The file could not be read (EIO).', { code: 'EIO' }));
    expect(run).toMatchObject({
      status: 'failed',
      inserted: 10,
      error: 'The file could not be read (EIO).',
      errorDetail: { code: 'IO_ERROR', params: { code: 'EIO' } },
    });
    // As the interface lists it.
    expect((await ok(backend, 'import.runs', {}))[0]).toMatchObject({ id: run.id, errorDetail: { code: 'IO_ERROR', params: { code: 'EIO' } } });
  });

  it('keeps an error without a code as its own words only, for the interface to show as written', async () => {
    const { run } = await failAfterOneBatch(new Error('database or disk is full'));
    expect(run).toMatchObject({ status: 'failed', inserted: 10, error: 'database or disk is full', errorDetail: null });
  });
});
