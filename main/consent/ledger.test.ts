import { describe, expect, it } from 'vitest';
import type { Backend } from '../backend/backend';
import { runJob, unwrap } from '../backend/run-job';
import { createVault, ok } from '../test-support/temp-vault';
import type { ConsentEventKind } from './contract';
import { deriveStates } from './derive';
import { importPeople, profileOf } from './test-people';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const clock = () => NOW;

function rows<T>(backend: Backend, query: string, ...params: unknown[]): T[] {
  return backend.vaults
    .current()
    .db.raw.prepare(query)
    .all(...params) as T[];
}

async function stateOf(backend: Backend, profileId: number, purpose: string) {
  return (await ok(backend, 'consent.show', { profileId })).purposes.find((entry) => entry.purpose === purpose)!;
}

describe('recording consent by hand', () => {
  it('refuses an unknown purpose, a time in the future, no method, and a consent to a purpose consent cannot support', async () => {
    const { backend } = await createVault({ now: clock });
    await importPeople(backend, 'Boutique', [{ id: 1, first: 'Zoé', last: 'Martin', email: 'zoe@exemple.fr' }]);
    const zoe = await profileOf(backend, 'zoe');
    const record = (input: Record<string, unknown>) =>
      backend.call('consent.record', { profileId: zoe, purpose: 'email_marketing', kind: 'grant', method: 'phone', ...input });
    expect(await record({ purpose: 'astrology' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', params: { reason: 'unknownPurpose', purpose: 'astrology' } },
    });
    expect(await record({ at: '2026-06-02T00:00:00Z' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', params: { reason: 'futureTime' } } });
    expect(await record({ at: 'yesterday' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', params: { reason: 'badTime' } } });
    expect(await record({ method: undefined })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await record({ method: 'import' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await record({ purpose: 'legal_records' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', params: { reason: 'basisNotAllowed', basis: 'consent' } },
    });
    expect(await record({ kind: 'withdrawal', expiresAt: '2027-01-01' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', params: { reason: 'expiryOnlyForGrant' } },
    });
    expect(await backend.call('consent.record', { profileId: 999, purpose: 'email_marketing', kind: 'grant', method: 'phone' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', params: { reason: 'unknownProfile' } },
    });
    expect(rows(backend, 'SELECT * FROM consent_event')).toEqual([]);
    // An objection needs no consent basis: a person may object to a use resting on legitimate interests.
    const objected = await ok(backend, 'consent.record', { profileId: zoe, purpose: 'customer_relationship', kind: 'objection', method: 'email' });
    expect(objected.state).toMatchObject({ purpose: 'customer_relationship', state: 'objected', basis: 'contract' });
  });

  it('records a withdrawal exactly as a grant, audited with ids only', async () => {
    const { backend } = await createVault({ now: clock });
    await importPeople(backend, 'Boutique', [{ id: 1, first: 'Zoé', last: 'Martin', email: 'zoe@exemple.fr' }]);
    const zoe = await profileOf(backend, 'zoe');
    const granted = await ok(backend, 'consent.record', {
      profileId: zoe,
      purpose: 'sms_marketing',
      kind: 'grant',
      method: 'web_form',
      evidence: 'web-2026-0042',
      at: '2026-05-01T09:00:00Z',
      expiresAt: '2027-05-01T09:00:00Z',
    });
    expect(granted.state).toMatchObject({ state: 'granted', basis: 'consent', since: '2026-05-01T09:00:00.000Z' });
    const withdrawn = await ok(backend, 'consent.record', { profileId: zoe, purpose: 'sms_marketing', kind: 'withdrawal', method: 'phone' });
    expect(withdrawn.state).toMatchObject({ state: 'withdrawn', since: NOW.toISOString() });
    expect(withdrawn.state.events.map((event) => [event.kind, event.method, event.evidence, event.recordedBy, event.source, event.expiresAt])).toEqual([
      ['grant', 'web_form', 'web-2026-0042', 'Alice Admin', null, '2027-05-01T09:00:00.000Z'],
      ['withdrawal', 'phone', null, 'Alice Admin', null, null],
    ]);
    const entries = (await ok(backend, 'audit.list', { filter: { action: 'consent.recorded' } })).entries;
    expect(entries.map((entry) => [entry.objectType, entry.objectId, entry.details])).toEqual([
      ['profile', String(zoe), { eventId: withdrawn.eventId }],
      ['profile', String(zoe), { eventId: granted.eventId }],
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/sms|withdraw|grant|web-2026|Zoé/);
  });
});

describe('consent from imports', () => {
  it('writes ledger events from consent cells, and flags a consent it cannot record while keeping the row', async () => {
    const { backend } = await createVault({ now: clock });
    const run = await importPeople(backend, 'Boutique', [
      {
        id: 1,
        first: 'Zoé',
        last: 'Martin',
        email: 'zoe@exemple.fr',
        consents: [
          { purpose: 'Email marketing', granted: 'oui', date: '2025-01-01' },
          { purpose: 'astrology', granted: 'yes', date: '2025-01-02' },
          { purpose: 'legal records', granted: 'yes', date: '2025-01-03' },
          { purpose: 'sms_marketing', granted: 'yes', date: '2026-12-01' },
        ],
      },
    ]);
    expect(run).toMatchObject({ inserted: 1, rejected: 0, flagged: 1 });
    const zoe = await profileOf(backend, 'zoe');
    expect(await stateOf(backend, zoe, 'email_marketing')).toMatchObject({ state: 'granted', basis: 'consent', since: '2025-01-01' });
    expect((await stateOf(backend, zoe, 'email_marketing')).events).toEqual([
      expect.objectContaining({ kind: 'grant', source: 'Boutique', method: 'import', runId: run.id }),
    ]);
    expect(await stateOf(backend, zoe, 'sms_marketing')).toMatchObject({ state: 'none', events: [] });
    expect(rows(backend, 'SELECT field, column_name AS columnName, code, raw FROM record_flag ORDER BY code')).toEqual([
      { field: 'consent.at', columnName: 'sms_marketing', code: 'consentInFuture', raw: '2026-12-01' },
      { field: 'consent.purpose', columnName: 'legal records', code: 'consentNotABasis', raw: 'yes' },
      { field: 'consent.purpose', columnName: 'astrology', code: 'consentUnknownPurpose', raw: 'yes' },
    ]);

    // The same file again adds nothing; the source's later "no" is a withdrawal from then on.
    expect(
      await importPeople(backend, 'Boutique', [
        { id: 1, first: 'Zoé', last: 'Martin', email: 'zoe@exemple.fr', consents: [{ purpose: 'Email marketing', granted: 'oui', date: '2025-01-01' }] },
      ]),
    ).toMatchObject({ updated: 0 });
    await importPeople(backend, 'Boutique', [
      { id: 1, first: 'Zoé', last: 'Martin', email: 'zoe@exemple.fr', consents: [{ purpose: 'Email marketing', granted: 'non', date: '2025-09-01' }] },
    ]);
    expect(await stateOf(backend, zoe, 'email_marketing')).toMatchObject({ state: 'withdrawn', since: '2025-09-01' });
  });

  it('keeps, when its import is undone, a record whose ledger holds what a steward recorded: that is proof', async () => {
    const { backend } = await createVault({ now: clock });
    const run = await importPeople(backend, 'Boutique', [
      { id: 1, first: 'Zoé', last: 'Martin', email: 'zoe@exemple.fr', consents: [{ purpose: 'email_marketing', granted: 'yes', date: '2025-01-01' }] },
      { id: 2, first: 'Bo', last: 'Berg', email: 'bo@exemple.fr', consents: [{ purpose: 'email_marketing', granted: 'yes', date: '2025-01-01' }] },
    ]);
    const zoe = await profileOf(backend, 'zoe');
    await ok(backend, 'consent.record', { profileId: zoe, purpose: 'email_marketing', kind: 'withdrawal', method: 'phone' });
    expect(await ok(backend, 'import.undoPlan', { runId: run.id })).toMatchObject({ removed: 1, keptLater: 1 });
    unwrap(await runJob(backend, 'import.undo', { runId: run.id }));
    expect(rows(backend, `SELECT e.kind, e.method FROM consent_event e ORDER BY e.id`)).toEqual([
      { kind: 'grant', method: 'import' },
      { kind: 'withdrawal', method: 'phone' },
    ]);
    expect((await stateOf(backend, zoe, 'email_marketing')).state).toBe('withdrawn');
  });

  it('takes the words the mapping suggests for consent columns as the default catalog’s purposes, unless the catalog has them', async () => {
    const { backend } = await createVault({ now: clock });
    const consents = [
      { purpose: 'newsletter', granted: 'yes', date: '2025-01-01' },
      { purpose: 'sms', granted: 'no', date: '2025-01-02' },
      { purpose: 'marketing', granted: 'yes', date: '2025-01-03' },
    ];
    const run = await importPeople(backend, 'Boutique', [{ id: 1, first: 'Zoé', last: 'Martin', email: 'zoe@exemple.fr', consents }]);
    // `marketing` alone could be any channel: flagged for the steward, not guessed.
    expect(run).toMatchObject({ inserted: 1, flagged: 1 });
    const zoe = await profileOf(backend, 'zoe');
    expect((await stateOf(backend, zoe, 'email_marketing')).state).toBe('granted');
    expect((await stateOf(backend, zoe, 'sms_marketing')).state).toBe('withdrawn');
    // A catalog with a purpose of its own by that name keeps it.
    await ok(backend, 'purposes.add', { code: 'newsletter', nameEn: 'Newsletter', bases: ['consent'] });
    await importPeople(backend, 'Boutique', [
      { id: 2, first: 'Bo', last: 'Berg', email: 'bo@exemple.fr', consents: [{ purpose: 'Newsletter', granted: 'yes', date: '2025-02-01' }] },
    ]);
    const bo = await profileOf(backend, 'bo@exemple.fr');
    expect([(await stateOf(backend, bo, 'newsletter')).state, (await stateOf(backend, bo, 'email_marketing')).state]).toEqual(['granted', 'none']);
  });

  it('records an undated consent only when the source changes its answer', async () => {
    const { backend } = await createVault({ now: clock });
    const person = (granted: string) => [{ id: 7, first: 'Ana', last: 'Lopes', email: 'ana@exemple.fr', consents: [{ purpose: 'email_marketing', granted }] }];
    for (const answer of ['yes', 'yes', 'no', 'no', 'yes']) await importPeople(backend, 'Infolettre', person(answer));
    const ana = await profileOf(backend, 'ana');
    expect((await stateOf(backend, ana, 'email_marketing')).events.map((event) => [event.kind, event.at])).toEqual([
      ['grant', null],
      ['withdrawal', null],
      ['grant', null],
    ]);
  });
});

describe('the derived state of a person', () => {
  it('follows the latest event across all their sources, and says why a use is allowed or not', async () => {
    const { backend } = await createVault({ now: clock });
    await importPeople(backend, 'CRM', [
      { id: 1, first: 'Zoé', last: 'Martin', email: 'zoe@exemple.fr', consents: [{ purpose: 'email_marketing', granted: 'yes', date: '2025-01-01' }] },
    ]);
    const zoe = await profileOf(backend, 'zoe');
    const may = (purpose: string) => ok(backend, 'consent.mayUse', { profileId: zoe, purpose });
    expect(await may('email_marketing')).toEqual({ allowed: true, reason: 'consentGranted', basis: 'consent' });
    // Declared by her source on contract: no consent needed.
    expect(await may('customer_relationship')).toEqual({ allowed: true, reason: 'declaredBasis', basis: 'contract' });
    expect(await may('profiling')).toEqual({ allowed: false, reason: 'noConsent', basis: null });
    expect(await may('legal_records')).toEqual({ allowed: false, reason: 'noBasis', basis: null });
    expect(await backend.call('consent.mayUse', { profileId: zoe, purpose: 'astrology' })).toMatchObject({
      ok: false,
      error: { params: { reason: 'unknownPurpose' } },
    });

    await ok(backend, 'consent.record', { profileId: zoe, purpose: 'email_marketing', kind: 'withdrawal', method: 'phone', at: '2025-06-01T00:00:00Z' });
    expect(await may('email_marketing')).toEqual({ allowed: false, reason: 'consentWithdrawn', basis: null });
    await ok(backend, 'consent.record', {
      profileId: zoe,
      purpose: 'profiling',
      kind: 'grant',
      method: 'web_form',
      at: '2025-01-01T00:00:00Z',
      expiresAt: '2026-01-01T00:00:00Z',
    });
    expect(await may('profiling')).toEqual({ allowed: false, reason: 'consentExpired', basis: null });
    await ok(backend, 'consent.record', { profileId: zoe, purpose: 'customer_relationship', kind: 'objection', method: 'paper', evidence: 'letter 2026-05' });
    expect(await may('customer_relationship')).toEqual({ allowed: false, reason: 'objected', basis: null });
    // An older grant from another source does not bring back what she withdrew.
    await importPeople(backend, 'Boutique', [
      { id: 2, first: 'Zoé', last: 'Martin', email: 'zoe@exemple.fr', consents: [{ purpose: 'email_marketing', granted: 'yes', date: '2025-03-01' }] },
    ]);
    const now = await profileOf(backend, 'zoe');
    expect((await ok(backend, 'consent.mayUse', { profileId: now, purpose: 'email_marketing' })).reason).toBe('consentWithdrawn');
  });

  it('is reproducible from the ledger alone: rebuilt from scratch, every person and purpose comes out the same', async () => {
    const { backend } = await createVault({ now: clock });
    const kinds: ConsentEventKind[] = ['grant', 'withdrawal', 'objection'];
    await importPeople(
      backend,
      'CRM',
      Array.from({ length: 6 }, (_, index) => ({
        id: index + 1,
        first: `Person${index}`,
        last: `Family${index}`,
        email: `p${index}@exemple.fr`,
        consents: [
          { purpose: 'email_marketing', granted: index % 2 === 0 ? 'yes' : 'no', date: `2025-0${index + 1}-01` },
          { purpose: 'profiling', granted: 'yes', date: '2025-01-15' },
        ],
      })),
    );
    const people = await Promise.all(Array.from({ length: 6 }, (_, index) => profileOf(backend, `p${index}@exemple.fr`)));
    for (const [index, profileId] of people.entries()) {
      await ok(backend, 'consent.record', {
        profileId,
        purpose: index % 3 === 0 ? 'profiling' : 'email_marketing',
        kind: kinds[index % 3]!,
        method: 'phone',
        at: `2025-0${index + 2}-15T00:00:00Z`,
      });
    }
    for (const profileId of people) {
      const shown = await ok(backend, 'consent.show', { profileId });
      // From scratch: the raw ledger rows of the person's records, in no particular order, through the pure function.
      const ledger = rows<{ id: number; purposeId: number; kind: ConsentEventKind; at: string | null; recordedAt: string; expiresAt: string | null }>(
        backend,
        `SELECT e.id, e.purpose_id AS purposeId, e.kind, e.at, e.recorded_at AS recordedAt, e.expires_at AS expiresAt FROM consent_event e
         WHERE e.source_record_id IN (SELECT source_record_id FROM profile_member WHERE profile_id = ?) ORDER BY random()`,
        profileId,
      );
      const rebuilt = deriveStates(ledger, NOW);
      const codes = new Map(rows<{ id: number; code: string }>(backend, 'SELECT id, code FROM purpose').map((row) => [row.code, row.id]));
      for (const state of shown.purposes) {
        const derived = rebuilt.get(codes.get(state.purpose)!);
        expect([state.purpose, state.state, state.since]).toEqual([state.purpose, derived?.state ?? 'none', derived?.since ?? null]);
      }
      expect(shown.purposes.some((state) => state.state !== 'none')).toBe(true);
    }
  });
});

describe('identity and the ledger', () => {
  it('applies the ledgers of both people when profiles merge, and gives each its own back when they split', async () => {
    const { backend } = await createVault({ now: clock });
    await importPeople(backend, 'CRM', [
      { id: 1, first: 'Zoé', last: 'Martin', email: 'zoe@exemple.fr', consents: [{ purpose: 'email_marketing', granted: 'yes', date: '2025-01-01' }] },
    ]);
    await importPeople(backend, 'Caisse', [{ id: 9, first: 'Zoe', last: 'Martin-Dupont', email: 'zmd@caisse.fr' }]);
    const crm = await profileOf(backend, 'zoe@exemple.fr');
    const till = await profileOf(backend, 'zmd@caisse.fr');
    expect(crm).not.toBe(till);
    // A withdrawal told at the till, recorded on that person.
    await ok(backend, 'consent.record', { profileId: till, purpose: 'email_marketing', kind: 'withdrawal', method: 'in_person', at: '2025-05-01T00:00:00Z' });
    expect((await stateOf(backend, crm, 'email_marketing')).state).toBe('granted');

    const merged = await ok(backend, 'identity.merge', { profileA: crm, profileB: till });
    for (const id of [crm, till]) {
      // Either id leads to the merged person, whose ledger holds both records' events.
      const shown = await ok(backend, 'consent.show', { profileId: id });
      expect(shown.profileId).toBe(merged.survivorId);
      expect(shown.purposes.find((entry) => entry.purpose === 'email_marketing')).toMatchObject({ state: 'withdrawn', since: '2025-05-01T00:00:00.000Z' });
    }

    const tillRecord = rows<{ id: number }>(backend, `SELECT id FROM source_record WHERE external_id = '9'`)[0]!.id;
    const split = await ok(backend, 'identity.split', { recordId: tillRecord });
    const left = await stateOf(backend, split.fromProfileId, 'email_marketing');
    const right = await stateOf(backend, split.newProfileId, 'email_marketing');
    expect([left.state, right.state].sort()).toEqual(['granted', 'withdrawn']);
    expect(await ok(backend, 'consent.mayUse', { profileId: await profileOf(backend, 'zoe@exemple.fr'), purpose: 'email_marketing' })).toMatchObject({
      allowed: true,
    });
  });
});
