/** The intake gate through the real import path: which records are held, and how a steward releases or deletes them. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../backend/backend';
import { runJob, unwrap } from '../backend/run-job';
import { countPending } from '../identity/store/key-index';
import { chosenModel, readSettings } from '../identity/store/settings';
import { AUDITOR, createVault, ok } from '../test-support/temp-vault';
import { importPeople, type TestPerson } from './test-people';
import { searchDocuments } from '../test-support/search-index';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const clock = () => NOW;
const CONSENT_ONLY = { purposes: ['email_marketing'], lawfulBasis: 'consent' };

function rows<T>(backend: Backend, query: string, ...params: unknown[]): T[] {
  return backend.vaults
    .current()
    .db.raw.prepare(query)
    .all(...params) as T[];
}

const count = (backend: Backend, query: string, ...params: unknown[]) => rows<{ n: number }>(backend, query, ...params)[0]?.n ?? 0;

const zoe: TestPerson = { id: 1, first: 'Zoé', last: 'Martin', email: 'zoe@exemple.fr' };
const paul: TestPerson = {
  id: 2,
  first: 'Paul',
  last: 'Durand',
  email: 'paul@exemple.fr',
  consents: [{ purpose: 'email_marketing', granted: 'yes', date: '2025-01-01' }],
};
const lea: TestPerson = {
  id: 3,
  first: 'Léa',
  last: 'Petit',
  email: 'lea@exemple.fr',
  consents: [{ purpose: 'email_marketing', granted: 'no', date: '2025-02-01' }],
};

async function searchHits(backend: Backend, query: string): Promise<number> {
  return (await ok(backend, 'profiles.search', { query })).hits.length;
}

describe('the consent intake gate', () => {
  it('holds a record from a consent-only source without consent, and admits one with a grant or a withdrawal', async () => {
    const { backend } = await createVault({ now: clock });
    const run = await importPeople(backend, 'Newsletter', [zoe, paul, lea], CONSENT_ONLY);
    expect(run).toMatchObject({ inserted: 3, held: 1 });
    expect(count(backend, 'SELECT count(*) AS n FROM import_run WHERE held = 1')).toBe(1);
    // Zoé's record is kept with its values, but belongs to no profile and is found by no search.
    expect(count(backend, `SELECT count(*) AS n FROM source_record WHERE external_id = '1'`)).toBe(1);
    expect(count(backend, 'SELECT count(*) AS n FROM profile_member')).toBe(2);
    expect(count(backend, 'SELECT count(*) AS n FROM profile')).toBe(2);
    expect(searchDocuments(backend.vaults.current().raw)).toBe(2);
    expect(await searchHits(backend, 'zoe')).toBe(0);
    expect(await searchHits(backend, 'paul')).toBe(1);
    expect(await searchHits(backend, 'lea')).toBe(1);
    const held = await ok(backend, 'consent.held', {});
    expect(held.total).toBe(1);
    expect(held.items).toEqual([
      expect.objectContaining({
        externalId: '1',
        source: 'Newsletter',
        runId: run.id,
        reason: 'noConsent',
        purposes: ['email_marketing'],
        name: 'Zoé Martin',
        emails: ['zoe@exemple.fr'],
      }),
    ]);
  });

  it('holds a mailing list’s pending subscriber and a status it cannot read, when the list is declared on consent only', async () => {
    const { backend } = await createVault({ now: clock });
    const file = path.resolve(__dirname, '../ingest/formats/fixtures/mailchimp-audience.csv');
    const preview = await ok(backend, 'import.preview', { file });
    const run = unwrap(
      await runJob(backend, 'import.file', {
        file,
        source: 'Newsletter',
        options: {},
        mapping: { ...preview.mapping, timeZone: 'UTC' },
        declaration: { ...CONSENT_ONLY, defaultCountry: 'FR' },
      }),
    );
    // Subscribed, unsubscribed, cleaned: a decision on file. Pending (Léa) and `vip` (Yann): none.
    expect(run).toMatchObject({ read: 8, inserted: 8, held: 2 });
    expect((await ok(backend, 'consent.held', {})).items.map((item) => item.emails[0])).toEqual(['lea.roy@exemple.fr', 'yann.leroux@exemple.fr']);
    expect(await searchHits(backend, 'marc.dubois')).toBe(1);
  });

  it('never holds a record of a source that declares a purpose on a basis other than consent', async () => {
    const { backend } = await createVault({ now: clock });
    const run = await importPeople(backend, 'Boutique', [zoe], { purposes: ['customer_relationship'], lawfulBasis: 'contract' });
    expect(run).toMatchObject({ inserted: 1, held: 0 });
    expect((await ok(backend, 'consent.held', {})).total).toBe(0);
    expect(await searchHits(backend, 'zoe')).toBe(1);
  });

  it('admits a record when the person already in the vault with the same email has a grant in force', async () => {
    const { backend } = await createVault({ now: clock });
    await importPeople(backend, 'Boutique', [{ ...zoe, consents: [{ purpose: 'email_marketing', granted: 'yes', date: '2025-03-01' }] }]);
    const run = await importPeople(
      backend,
      'Newsletter',
      [
        { ...zoe, id: 10 },
        { ...paul, id: 11, consents: [] },
      ],
      CONSENT_ONLY,
    );
    expect(run).toMatchObject({ inserted: 2, held: 1 });
    expect((await ok(backend, 'consent.held', {})).items.map((item) => item.externalId)).toEqual(['11']);
  });

  it('keeps a held record held when the same file is imported again, and admits it when consent arrives', async () => {
    const { backend } = await createVault({ now: clock });
    await importPeople(backend, 'Newsletter', [zoe], CONSENT_ONLY);
    const again = await importPeople(backend, 'Newsletter', [zoe], CONSENT_ONLY);
    expect(again).toMatchObject({ inserted: 0, held: 1 });
    expect(count(backend, 'SELECT count(*) AS n FROM record_hold')).toBe(1);
    expect(count(backend, 'SELECT count(*) AS n FROM profile')).toBe(0);
    const consented = await importPeople(
      backend,
      'Newsletter',
      [{ ...zoe, consents: [{ purpose: 'email_marketing', granted: 'yes', date: '2026-05-01' }] }],
      CONSENT_ONLY,
    );
    expect(consented).toMatchObject({ inserted: 0, held: 0 });
    expect(count(backend, 'SELECT count(*) AS n FROM record_hold')).toBe(0);
    expect(await searchHits(backend, 'zoe')).toBe(1);
  });

  it('leaves held records out of identity: not pending, not resolved; a release makes the record pending', async () => {
    const { backend } = await createVault({ now: clock });
    await importPeople(backend, 'Boutique', [paul]);
    unwrap(await runJob(backend, 'identity.resolve', {}));
    await importPeople(backend, 'Newsletter', [zoe], CONSENT_ONLY);
    const db = backend.vaults.current().db;
    const blocking = chosenModel(readSettings(db)).blocking;
    expect(countPending(db, blocking)).toBe(0);
    const attention = await ok(backend, 'overview.attention', {});
    expect(attention.find((item) => item.kind === 'identityUnlinked')).toBeUndefined();
    expect(attention.find((item) => item.kind === 'heldRecords')).toMatchObject({ count: 1, target: { place: 'held' } });
    // A full resolution reads no held record.
    const summary = unwrap(await runJob(backend, 'identity.resolve', {}));
    expect(summary).toMatchObject({ records: 1 });
    const [held] = (await ok(backend, 'consent.held', {})).items;
    await ok(backend, 'consent.release', { recordIds: [held!.recordId], basis: 'consent', method: 'paper', evidence: 'form-1' });
    expect(countPending(db, blocking)).toBe(1);
  });

  it('releases held records with a basis and evidence: a profile, a search row, a steward grant for consent, audited with ids only', async () => {
    const { backend } = await createVault({ now: clock });
    await importPeople(backend, 'Newsletter', [zoe, { ...paul, consents: [] }], CONSENT_ONLY);
    const [first, second] = (await ok(backend, 'consent.held', {})).items;
    expect(await backend.call('consent.release', { recordIds: [first!.recordId], basis: 'consent', evidence: 'form-42' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', params: { reason: 'methodRequired' } },
    });
    expect(await backend.call('consent.release', { recordIds: [first!.recordId], basis: 'contract', evidence: 'form-42' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', params: { reason: 'basisNotAllowed' } },
    });
    expect(await backend.call('consent.release', { recordIds: [9999], basis: 'consent', method: 'paper', evidence: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const released = await ok(backend, 'consent.release', {
      recordIds: [first!.recordId, second!.recordId],
      basis: 'consent',
      method: 'paper',
      evidence: 'form-42',
    });
    expect(released.released).toBe(2);
    expect(released.profileIds).toHaveLength(2);
    expect((await ok(backend, 'consent.held', {})).total).toBe(0);
    expect(await searchHits(backend, 'zoe')).toBe(1);
    const state = (await ok(backend, 'consent.show', { profileId: released.profileIds[0]! })).purposes.find((entry) => entry.purpose === 'email_marketing')!;
    expect(state).toMatchObject({ state: 'granted', basis: 'consent' });
    expect(state.events.map((event) => [event.kind, event.method, event.evidence, event.recordedBy])).toEqual([['grant', 'paper', 'form-42', 'Alice Admin']]);
    expect(rows(backend, 'SELECT basis, evidence FROM record_release')).toEqual([
      { basis: 'consent', evidence: 'form-42' },
      { basis: 'consent', evidence: 'form-42' },
    ]);
    const entries = (await ok(backend, 'audit.list', { filter: { action: 'consent.released' } })).entries;
    expect(entries).toHaveLength(1);
    expect(entries[0]!.details).toMatchObject({ records: 2, basis: 'consent' });
    expect(JSON.stringify(entries)).not.toMatch(/form-42|Zoé|zoe@/);
  });

  it('deletes held records with their own import events, audited with counts', async () => {
    const { backend } = await createVault({ now: clock });
    await importPeople(backend, 'Newsletter', [zoe, { ...paul, consents: [{ purpose: 'astrology', granted: 'yes', date: '2025-01-01' }] }], CONSENT_ONLY);
    const held = (await ok(backend, 'consent.held', {})).items;
    expect(held).toHaveLength(2);
    const deleted = await ok(backend, 'consent.deleteHeld', { recordIds: held.map((item) => item.recordId) });
    expect(deleted).toEqual({ deleted: 2, kept: 0 });
    expect(count(backend, 'SELECT count(*) AS n FROM source_record')).toBe(0);
    expect(count(backend, 'SELECT count(*) AS n FROM identifier')).toBe(0);
    expect(count(backend, 'SELECT count(*) AS n FROM record_hold')).toBe(0);
    expect(count(backend, 'SELECT count(*) AS n FROM record_flag')).toBe(0);
    const entries = (await ok(backend, 'audit.list', { filter: { action: 'consent.held_deleted' } })).entries;
    expect(entries[0]!.details).toMatchObject({ records: 2, kept: 0 });
    // Deleted, not forgotten by the source: importing the row again holds it again.
    const again = await importPeople(backend, 'Newsletter', [zoe], CONSENT_ONLY);
    expect(again).toMatchObject({ inserted: 1, held: 1 });
  });

  it('releases on another basis the purpose allows: kept as proof, and the use answer rests on it', async () => {
    const { backend } = await createVault({ now: clock });
    await ok(backend, 'purposes.add', { code: 'loyalty', nameEn: 'Loyalty programme', bases: ['consent', 'legitimate_interests'] });
    await importPeople(backend, 'Club', [zoe], { purposes: ['loyalty'], lawfulBasis: 'consent' });
    const [held] = (await ok(backend, 'consent.held', {})).items;
    expect(held!.purposes).toEqual(['loyalty']);
    expect(await backend.call('consent.release', { recordIds: [held!.recordId], basis: 'contract', evidence: 'memo-3' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', params: { reason: 'basisNotAllowed' } },
    });
    const released = await ok(backend, 'consent.release', { recordIds: [held!.recordId], basis: 'legitimate_interests', evidence: 'memo-3' });
    // No consent was given: the ledger stays empty, the basis and its evidence are the record's.
    expect(count(backend, 'SELECT count(*) AS n FROM consent_event')).toBe(0);
    expect(rows(backend, 'SELECT basis, evidence FROM record_release')).toEqual([{ basis: 'legitimate_interests', evidence: 'memo-3' }]);
    expect(await ok(backend, 'consent.mayUse', { profileId: released.profileIds[0]!, purpose: 'loyalty' })).toEqual({
      allowed: true,
      reason: 'declaredBasis',
      basis: 'legitimate_interests',
    });
  });

  it('undoing the import that held records removes them and their holds', async () => {
    const { backend } = await createVault({ now: clock });
    const run = await importPeople(backend, 'Newsletter', [zoe, paul], CONSENT_ONLY);
    expect(run.held).toBe(1);
    const undone = unwrap(await runJob(backend, 'import.undo', { runId: run.id }));
    expect(undone).toMatchObject({ removed: 2 });
    expect(count(backend, 'SELECT count(*) AS n FROM record_hold')).toBe(0);
    expect(count(backend, 'SELECT count(*) AS n FROM source_record')).toBe(0);
  });

  it('does not let an auditor see held records, only their count', async () => {
    const { backend } = await createVault({ now: clock });
    await importPeople(backend, 'Newsletter', [zoe], CONSENT_ONLY);
    await ok(backend, 'users.add', { name: AUDITOR.name, role: 'auditor', passphrase: AUDITOR.passphrase });
    await ok(backend, 'vault.lock', {});
    await ok(backend, 'vault.unlock', { userName: AUDITOR.name, passphrase: AUDITOR.passphrase });
    expect(await backend.call('consent.held', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await ok(backend, 'overview.attention', {})).find((item) => item.kind === 'heldRecords')).toMatchObject({ count: 1 });
  });
});
