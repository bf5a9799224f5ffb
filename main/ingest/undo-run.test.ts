import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../backend/backend';
import { runJob, unwrap } from '../backend/run-job';
import { AUDITOR, createVault, ok, STEWARD, tempDir } from '../test-support/temp-vault';
import { openRun } from './run-batches';
import { searchDocuments } from '../test-support/search-index';

interface Customer {
  readonly id: number;
  readonly first: string;
  readonly last: string;
  readonly email: string;
  readonly order: string;
  readonly store: string;
}

const A: readonly Customer[] = [
  { id: 1, first: 'Zoé', last: 'Martin', email: 'zoe@exemple.fr', order: 'O-1', store: 'Lyon' },
  { id: 2, first: 'Hugo', last: 'Bernard', email: 'hugo@exemple.fr', order: 'O-2', store: 'Nantes' },
  { id: 3, first: 'Inès', last: 'Petit', email: 'ines@exemple.fr', order: 'O-3', store: 'Lille' },
];
// Hugo's email changes; two people the vault has never seen.
const B: readonly Customer[] = [
  { ...A[1]!, email: 'hugo.bernard@nouveau.fr' },
  { id: 4, first: 'Ophélie', last: 'Quintal', email: 'ophelie@mauvais.fr', order: 'O-4', store: 'Rennes' },
  { id: 5, first: 'Gaspard', last: 'Vasseur', email: 'gaspard@mauvais.fr', order: 'O-5', store: 'Dijon' },
  // Kept with the email flagged: a bad value never drops the person.
  { id: 6, first: 'Yann', last: 'Signalé', email: 'yann@', order: 'O-6', store: 'Brest' },
];
// What cannot be a record at all: kept as a rejected row for correction, until the file is taken back.
const NOT_A_RECORD = 42;

function writeCustomers(name: string, customers: readonly Customer[], extra: readonly unknown[] = []): string {
  const file = path.join(tempDir(), name);
  const json = customers.map((customer) => ({
    customer: { id: customer.id, first_name: customer.first, last_name: customer.last, email: customer.email },
    orders: [{ id: customer.order, date: '2026-05-01', total: 10 + customer.id, store: customer.store }],
    consents: [{ purpose: `newsletter-${customer.id}`, granted: true, date: '2026-01-01' }],
  }));
  fs.writeFileSync(file, JSON.stringify([...json, ...extra]));
  return file;
}

async function importCustomers(backend: Backend, name: string, customers: readonly Customer[], source = 'Boutique', extra: readonly unknown[] = []) {
  const file = writeCustomers(name, customers, extra);
  const preview = await ok(backend, 'import.preview', { file });
  return unwrap(await runJob(backend, 'import.file', { file, source, options: {}, mapping: { ...preview.mapping, defaultCountry: 'FR' } }));
}

/** Each customer's consent is to a purpose of their own, so that what leaves with a record can be counted. */
async function addNewsletters(backend: Backend): Promise<void> {
  for (let id = 1; id <= 6; id += 1) await ok(backend, 'purposes.add', { code: `newsletter_${id}`, nameEn: `Newsletter ${id}`, bases: ['consent'] });
}

async function search(backend: Backend, query: string): Promise<string[]> {
  return (await ok(backend, 'profiles.search', { query })).hits.map((hit) => hit.displayName);
}

function rows(backend: Backend, query: string, ...params: unknown[]): number {
  return backend.vaults
    .current()
    .db.raw.prepare(query)
    .pluck()
    .get(...params) as number;
}

describe('undoing an import', () => {
  it('removes the people a wrong file brought in, everywhere, and keeps the ones it changed', async () => {
    const { backend } = await createVault();
    await addNewsletters(backend);
    const a = await importCustomers(backend, 'a.json', A);
    expect(a).toMatchObject({ inserted: 3, rejected: 0 });
    const b = await importCustomers(backend, 'b.json', B, 'Boutique', [NOT_A_RECORD]);
    expect(b).toMatchObject({ inserted: 3, updated: 1, rejected: 1, flagged: 1 });
    expect(rows(backend, 'SELECT count(*) FROM record_flag')).toBe(1);
    expect(rows(backend, 'SELECT count(*) FROM import_reject WHERE run_id = ?', b.id)).toBe(1);
    expect(await search(backend, 'ophelie')).toEqual(['Ophélie Quintal']);
    expect(rows(backend, 'SELECT count(*) FROM event')).toBe(6);

    // What the confirmation shows is what the undo then does.
    expect(await ok(backend, 'import.undoPlan', { runId: b.id })).toEqual({ removed: 3, keptChanged: 1, keptLater: 0, rejectsRemoved: 1 });
    const counts = unwrap(await runJob(backend, 'import.undo', { runId: b.id }));
    expect(counts).toEqual({ removed: 3, keptChanged: 1, keptLater: 0, rejectsRemoved: 1 });
    expect(rows(backend, 'SELECT count(*) FROM import_reject')).toBe(0);
    expect(rows(backend, 'SELECT count(*) FROM record_flag')).toBe(0);

    // A's three stay; Hugo as B left him, since his earlier email was not kept.
    expect((await ok(backend, 'profiles.count')).profiles).toBe(3);
    expect(await search(backend, 'hugo.bernard@nouveau.fr')).toEqual(['Hugo Bernard']);
    expect(await search(backend, 'zoe')).toEqual(['Zoé Martin']);
    expect(await search(backend, 'ines petit')).toEqual(['Inès Petit']);
    for (const query of ['ophelie', 'quintal', 'gaspard', 'vasseur', 'ophelie@mauvais.fr', 'gaspard@mauvais.fr', 'yann'])
      expect(await search(backend, query)).toEqual([]);

    // Nothing of theirs is left behind a table the search does not read.
    const fts = (term: string) => searchDocuments(backend.vaults.current().raw, term);
    expect([fts('ophelie'), fts('gaspard'), fts('zoe'), fts('hugo')]).toEqual([0, 0, 1, 1]);
    expect(rows(backend, `SELECT count(*) FROM identifier WHERE value LIKE '%mauvais.fr'`)).toBe(0);
    expect(rows(backend, `SELECT count(*) FROM event WHERE place IN ('Rennes', 'Dijon')`)).toBe(0);
    expect(rows(backend, `SELECT count(*) FROM consent_event e JOIN purpose p ON p.id = e.purpose_id WHERE p.code IN ('newsletter_4', 'newsletter_5')`)).toBe(
      0,
    );
    expect(rows(backend, `SELECT count(*) FROM source_record WHERE external_id IN ('4', '5')`)).toBe(0);
    expect([
      rows(backend, 'SELECT count(*) FROM profile'),
      rows(backend, 'SELECT count(*) FROM profile_member'),
      rows(backend, 'SELECT count(*) FROM source_record'),
    ]).toEqual([3, 3, 3]);
    // Hugo's record keeps what B gave it; A's events and consents are untouched.
    expect(rows(backend, 'SELECT count(*) FROM event')).toBe(3);
    expect(rows(backend, 'SELECT count(*) FROM consent_event')).toBe(3);
    expect(rows(backend, 'PRAGMA secure_delete')).toBe(1);

    const [audited] = (await ok(backend, 'audit.list', { filter: { action: 'import.undone' } })).entries;
    expect(audited).toMatchObject({
      objectType: 'import_run',
      objectId: String(b.id),
      details: { removed: 3, keptChanged: 1, keptLater: 0, rejectsRemoved: 1 },
    });
    expect(JSON.stringify(audited)).not.toMatch(/Quintal|Vasseur|mauvais|Bernard/);
    const runs = await ok(backend, 'import.runs', {});
    expect(runs.find((run) => run.id === b.id)).toMatchObject({ inserted: 3, undoneAt: expect.any(String) });
    expect(runs.find((run) => run.id === a.id)).toMatchObject({ undoneAt: null });

    expect(await backend.call('import.undoPlan', { runId: b.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', params: { reason: 'runUndone' } } });
    expect(await runJob(backend, 'import.undo', { runId: b.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', params: { reason: 'runUndone' } } });
    expect(await runJob(backend, 'import.undo', { runId: 999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await ok(backend, 'audit.list', { filter: { action: 'import.undone' } })).entries).toHaveLength(1);
  });

  it('keeps what a later run wrote to, its events and consents included', async () => {
    const { backend } = await createVault();
    await addNewsletters(backend);
    const a = await importCustomers(backend, 'a.json', A);
    // Zoé changes; Inès is unchanged but has a new purchase: her record's last run stays A's.
    await importCustomers(backend, 'later.json', [{ ...A[0]!, last: 'Martin-Roy' }, A[2]!]);
    const later = writeCustomers('purchase.json', [{ ...A[2]!, order: 'O-33' }]);
    const preview = await ok(backend, 'import.preview', { file: later });
    unwrap(await runJob(backend, 'import.file', { file: later, source: 'Boutique', options: {}, mapping: { ...preview.mapping, defaultCountry: 'FR' } }));

    expect(unwrap(await runJob(backend, 'import.undo', { runId: a.id }))).toEqual({ removed: 1, keptChanged: 0, keptLater: 2, rejectsRemoved: 0 });
    expect(await search(backend, 'hugo')).toEqual([]);
    expect(await search(backend, 'martin-roy')).toEqual(['Zoé Martin-Roy']);
    expect(await search(backend, 'ines')).toEqual(['Inès Petit']);
    expect((await ok(backend, 'profiles.count')).profiles).toBe(2);
  });

  it('is refused while the run or another run of its source is going on, and to auditors', async () => {
    const { backend } = await createVault();
    await addNewsletters(backend);
    const a = await importCustomers(backend, 'a.json', A);
    const vault = backend.vaults.current();
    const running = vault.db.transaction(() => openRun(vault, { sourceId: a.sourceId }, new Date().toISOString()));
    expect(await runJob(backend, 'import.undo', { runId: running })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', params: { reason: 'runRunning' } },
    });
    expect(await runJob(backend, 'import.undo', { runId: a.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', params: { reason: 'importRunning', runId: running } },
    });
    expect((await ok(backend, 'profiles.count')).profiles).toBe(3);
    vault.db.raw.prepare(`UPDATE import_run SET status = 'cancelled' WHERE id = ?`).run(running);

    await ok(backend, 'users.add', { name: AUDITOR.name, role: 'auditor', passphrase: AUDITOR.passphrase });
    await ok(backend, 'users.add', { name: STEWARD.name, role: 'steward', passphrase: STEWARD.passphrase });
    await ok(backend, 'vault.lock');
    await ok(backend, 'vault.unlock', { userName: AUDITOR.name, passphrase: AUDITOR.passphrase });
    for (const method of ['import.undo', 'import.undoPlan'] as const) {
      expect(await backend.call(method, { runId: a.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    await ok(backend, 'vault.lock');
    await ok(backend, 'vault.unlock', { userName: STEWARD.name, passphrase: STEWARD.passphrase });
    expect((await ok(backend, 'profiles.count')).profiles).toBe(3);
    expect(unwrap(await runJob(backend, 'import.undo', { runId: a.id }))).toEqual({ removed: 3, keptChanged: 0, keptLater: 0, rejectsRemoved: 0 });
    expect((await ok(backend, 'profiles.count')).profiles).toBe(0);
  });
});
