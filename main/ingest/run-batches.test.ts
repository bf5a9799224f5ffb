import { describe, expect, it } from 'vitest';
import type { JobControl } from '../api/dispatch';
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
    return { line: n + 1, values: { customer_no: `C${n}`, first_name: `Name${n}`, last_name: 'Tremblay', email: `person${n}@example.ca`, phone: `514 555 ${String(1000 + n).padStart(4, '0')}` } };
  });
}

function job(steps: string[] = []): JobControl {
  return { signal: new AbortController().signal, progress: (step) => steps.push(step), checkpoint: () => undefined };
}

function startRun(vault: OpenVault) {
  const mapping = { ...suggestMapping(HEADERS, rows(1, 5)), defaultCountry: 'CA' };
  const stamp = new Date().toISOString();
  return vault.db.transaction(() => {
    const source = saveSource(vault.db, { name: 'CRM', kind: 'file', purposes: ['customer relationship'], lawfulBasis: 'contract', defaultCountry: 'CA', mapping }, stamp);
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
    const indexed = vault.db.raw.prepare(`SELECT count(*) AS n FROM identifier INDEXED BY identifier_value WHERE kind = 'email' AND value LIKE 'person%'`).get() as { n: number };
    expect(indexed.n).toBe(40);
    expect((await ok(backend, 'profiles.list', { limit: 3 })).profiles.map((row) => row.displayName)).toEqual(['Name0 Tremblay', 'Name1 Tremblay', 'Name10 Tremblay']);
  });

  it('build them again when the import fails half-way', async () => {
    const { backend } = await createVault();
    const vault = backend.vaults.current();
    const { sourceId, runId, mapping } = startRun(vault);
    async function* batches(): AsyncGenerator<Batch> {
      yield { items: rows(0, 10).map((row) => ({ kind: 'row' as const, row })) };
      throw new Error('the disk went away');
    }
    await expect(writeBatches(vault, batches(), { sourceId, runId, mapping, job: job(), now: () => new Date(), estimatedRows: 100, bulkMinRows: 20 })).rejects.toThrow(
      'the disk went away',
    );
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

  it('left without their indexes by a crash, a vault gets them back when it is next unlocked', async () => {
    const { backend } = await createVault();
    dropBulkIndexes(backend.vaults.current().db.raw);
    await ok(backend, 'vault.lock');
    await ok(backend, 'vault.unlock', { userName: ADMIN.name, passphrase: ADMIN.passphrase });
    expect(bulkIndexesPresent(backend.vaults.current().db.raw)).toBe(true);
  });
});
