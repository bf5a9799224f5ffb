/** Communication authorisations through the backend, as the person view and the CLI use them. */
import { describe, expect, it } from 'vitest';
import type { Backend } from '../backend/backend';
import { runJob, unwrap } from '../backend/run-job';
import { importPeople, profileOf } from '../consent/test-people';
import { AUDITOR, createVault, ok, STEWARD } from '../test-support/temp-vault';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const clock = () => NOW;

const ZOE = { id: 1, first: 'Zoé', last: 'Martin', email: 'zoe@exemple.fr' };

function count(backend: Backend, query: string): number {
  return backend.vaults.current().db.raw.prepare(query).pluck().get() as number;
}

async function cell(backend: Backend, profileId: number, channel: string, purpose: string) {
  const shown = await ok(backend, 'contact.show', { profileId });
  return shown.channels.find((entry) => entry.channel === channel)!.purposes.find((entry) => entry.purpose === purpose)!;
}

async function asUser(backend: Backend, user: { name: string; passphrase: string }, role: 'steward' | 'auditor'): Promise<void> {
  await ok(backend, 'users.add', { name: user.name, role, passphrase: user.passphrase });
  await ok(backend, 'vault.lock', {});
  await ok(backend, 'vault.unlock', { userName: user.name, passphrase: user.passphrase });
}

describe('recording communication choices', () => {
  it('shows every channel × purpose as allowed until something is said, and records a refusal and an authorisation alike', async () => {
    const { backend } = await createVault({ now: clock });
    await importPeople(backend, 'Boutique', [ZOE]);
    const zoe = await profileOf(backend, 'zoe');
    const before = await ok(backend, 'contact.show', { profileId: zoe });
    expect(before.channels.map((channel) => [channel.channel, channel.everyPurpose, channel.doNotContact])).toEqual([
      ['email', 'none', false],
      ['sms', 'none', false],
      ['phone', 'none', false],
      ['post', 'none', false],
    ]);
    expect(before.channels[0]!.purposes.map((entry) => entry.purpose)).toContain('email_marketing');
    expect(before.channels.flatMap((channel) => channel.purposes).every((entry) => entry.answer.allowed && entry.state === 'none')).toBe(true);

    const refused = await ok(backend, 'contact.record', {
      profileId: zoe,
      channel: 'email',
      purpose: 'email_marketing',
      kind: 'refused',
      method: 'email',
      evidence: 'msg-42',
      at: '2026-05-01T09:00:00Z',
    });
    expect(refused.entryIds).toHaveLength(1);
    const email = refused.shown.channels.find((channel) => channel.channel === 'email')!;
    expect(email.purposes.find((entry) => entry.purpose === 'email_marketing')).toEqual({
      purpose: 'email_marketing',
      state: 'refused',
      since: '2026-05-01T09:00:00.000Z',
      answer: { allowed: false, reason: 'refusedForPurpose' },
    });
    expect(email.entries).toMatchObject([
      { kind: 'refused', purpose: 'email_marketing', method: 'email', evidence: 'msg-42', recordedBy: 'Alice Admin', source: null },
    ]);
    expect((await cell(backend, zoe, 'sms', 'email_marketing')).answer.allowed).toBe(true);

    const authorised = await ok(backend, 'contact.record', {
      profileId: zoe,
      channel: 'email',
      purpose: 'email_marketing',
      kind: 'authorised',
      method: 'phone',
    });
    expect((await cell(backend, zoe, 'email', 'email_marketing')).answer).toEqual({ allowed: true, reason: null });

    const entries = (await ok(backend, 'audit.list', { filter: { action: 'contact.recorded' } })).entries;
    // Ids only: which way the person decided stays in the ledger.
    expect(entries.map((entry) => [entry.objectType, entry.objectId, entry.details])).toEqual([
      ['profile', String(zoe), { entryIds: authorised.entryIds }],
      ['profile', String(zoe), { entryIds: refused.entryIds }],
    ]);
  });

  it('makes “do not contact at all” four entries, each outweighing any authorisation for a purpose, until lifted', async () => {
    const { backend } = await createVault({ now: clock });
    await importPeople(backend, 'Boutique', [ZOE]);
    const zoe = await profileOf(backend, 'zoe');
    await ok(backend, 'contact.record', { profileId: zoe, channel: 'phone', purpose: 'customer_relationship', kind: 'authorised', method: 'phone' });
    const all = await ok(backend, 'contact.record', { profileId: zoe, channel: 'all', kind: 'refused', method: 'paper', at: '2026-05-01T00:00:00Z' });
    expect(all.entryIds).toHaveLength(4);
    expect(all.shown.channels.map((channel) => channel.doNotContact)).toEqual([true, true, true, true]);
    expect((await cell(backend, zoe, 'phone', 'customer_relationship')).answer).toEqual({ allowed: false, reason: 'doNotContact' });
    await ok(backend, 'contact.record', { profileId: zoe, channel: 'phone', kind: 'authorised', method: 'phone' });
    expect((await cell(backend, zoe, 'phone', 'customer_relationship')).answer.allowed).toBe(true);
    expect((await cell(backend, zoe, 'post', 'customer_relationship')).answer.reason).toBe('doNotContact');
  });

  it('refuses an unknown purpose, a time in the future, an unknown profile, and writes nothing', async () => {
    const { backend } = await createVault({ now: clock });
    await importPeople(backend, 'Boutique', [ZOE]);
    const zoe = await profileOf(backend, 'zoe');
    const record = (input: Record<string, unknown>) =>
      backend.call('contact.record', { profileId: zoe, channel: 'sms', kind: 'refused', method: 'phone', ...input });
    expect(await record({ purpose: 'astrology' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', params: { reason: 'unknownPurpose' } } });
    expect(await record({ at: '2026-06-02T00:00:00Z' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', params: { reason: 'futureContactTime' } },
    });
    expect(await record({ at: 'yesterday' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', params: { reason: 'badTime' } } });
    expect(await record({ channel: 'fax' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await record({ profileId: 999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', params: { reason: 'unknownProfile' } } });
    expect(count(backend, 'SELECT count(*) FROM contact_preference')).toBe(0);
  });

  it('lets a steward record, and keeps the person’s choices from auditors', async () => {
    const { backend } = await createVault({ now: clock });
    await importPeople(backend, 'Boutique', [ZOE]);
    const zoe = await profileOf(backend, 'zoe');
    await ok(backend, 'users.add', { name: AUDITOR.name, role: 'auditor', passphrase: AUDITOR.passphrase });
    await asUser(backend, STEWARD, 'steward');
    await ok(backend, 'contact.record', { profileId: zoe, channel: 'sms', kind: 'refused', method: 'in_person' });
    await ok(backend, 'vault.lock', {});
    await ok(backend, 'vault.unlock', { userName: AUDITOR.name, passphrase: AUDITOR.passphrase });
    expect(await backend.call('contact.show', { profileId: zoe })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await backend.call('contact.record', { profileId: zoe, channel: 'sms', kind: 'authorised', method: 'phone' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(count(backend, 'SELECT count(*) FROM contact_preference')).toBe(1);
  });
});

describe('the contact ledger and the person’s records', () => {
  it('lets the latest choice win across merged records, and gives each person theirs back on a split', async () => {
    const { backend } = await createVault({ now: clock });
    await importPeople(backend, 'CRM', [ZOE]);
    await importPeople(backend, 'Caisse', [{ id: 9, first: 'Zoe', last: 'Martin-Dupont', email: 'zmd@caisse.fr' }]);
    const crm = await profileOf(backend, 'zoe@exemple.fr');
    const till = await profileOf(backend, 'zmd@caisse.fr');
    await ok(backend, 'contact.record', {
      profileId: crm,
      channel: 'email',
      purpose: 'email_marketing',
      kind: 'authorised',
      method: 'web_form',
      at: '2026-01-01T00:00:00Z',
    });
    await ok(backend, 'contact.record', {
      profileId: till,
      channel: 'email',
      purpose: 'email_marketing',
      kind: 'refused',
      method: 'in_person',
      at: '2026-03-01T00:00:00Z',
    });
    expect((await cell(backend, crm, 'email', 'email_marketing')).state).toBe('authorised');

    const merged = await ok(backend, 'identity.merge', { profileA: crm, profileB: till });
    for (const id of [crm, till]) {
      const shown = await ok(backend, 'contact.show', { profileId: id });
      expect(shown.profileId).toBe(merged.survivorId);
      expect(shown.channels[0]!.purposes.find((entry) => entry.purpose === 'email_marketing')).toMatchObject({
        state: 'refused',
        since: '2026-03-01T00:00:00.000Z',
      });
    }

    const tillRecord = count(backend, `SELECT id FROM source_record WHERE external_id = '9'`);
    const split = await ok(backend, 'identity.split', { recordId: tillRecord });
    const states = [
      (await cell(backend, split.fromProfileId, 'email', 'email_marketing')).state,
      (await cell(backend, split.newProfileId, 'email', 'email_marketing')).state,
    ];
    expect(states.sort()).toEqual(['authorised', 'refused']);
    expect((await cell(backend, await profileOf(backend, 'zoe@exemple.fr'), 'email', 'email_marketing')).state).toBe('authorised');
  });

  it('keeps the record a choice hangs from when its import is undone', async () => {
    const { backend } = await createVault({ now: clock });
    const run = await importPeople(backend, 'CRM', [ZOE, { id: 2, first: 'Marc', last: 'Roy', email: 'marc@exemple.fr' }]);
    const zoe = await profileOf(backend, 'zoe');
    await ok(backend, 'contact.record', { profileId: zoe, channel: 'all', kind: 'refused', method: 'paper' });
    const undone = unwrap(await runJob(backend, 'import.undo', { runId: run.id }));
    expect(undone).toMatchObject({ removed: 1 });
    expect((await ok(backend, 'contact.show', { profileId: zoe })).channels.every((channel) => channel.doNotContact)).toBe(true);
  });

  it('goes with the person’s records when they are erased', async () => {
    const { backend } = await createVault({ now: clock });
    await importPeople(backend, 'CRM', [ZOE, { id: 2, first: 'Marc', last: 'Roy', email: 'marc@exemple.fr' }]);
    const zoe = await profileOf(backend, 'zoe');
    const marc = await profileOf(backend, 'marc');
    await ok(backend, 'contact.record', { profileId: zoe, channel: 'all', kind: 'refused', method: 'paper', evidence: 'letter from Zoé' });
    await ok(backend, 'contact.record', { profileId: marc, channel: 'sms', kind: 'refused', method: 'phone' });
    const preview = await ok(backend, 'erasure.preview', { profileId: zoe });
    unwrap(await runJob(backend, 'erasure.commit', { profileId: zoe, token: preview.token }));
    expect(count(backend, 'SELECT count(*) FROM contact_preference')).toBe(1);
    expect((await ok(backend, 'contact.show', { profileId: marc })).channels.find((channel) => channel.channel === 'sms')!.doNotContact).toBe(true);
  });
});
