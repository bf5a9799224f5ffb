import { describe, expect, it } from 'vitest';
import type { Backend } from '../backend/backend';
import { importPeople, profileOf } from '../consent/test-people';
import { AUDITOR, createVault, ok } from '../test-support/temp-vault';
import { assertReadyForPackage } from './index';

const TORONTO = 'America/Toronto';

/** A vault whose clock the test moves, counting days in Montreal's zone. */
async function register(start: string): Promise<{ backend: Backend; at: (time: string) => void }> {
  let clock = new Date(start);
  const { backend } = await createVault({ now: () => clock, connectorTickMs: null });
  backend.vaults.current().db.raw.prepare(`INSERT INTO setting (key, value) VALUES ('time_zone', ?)`).run(TORONTO);
  return { backend, at: (time) => (clock = new Date(time)) };
}

const open = (backend: Backend, input: Record<string, unknown>) =>
  ok(backend, 'requests.open', { type: 'access', jurisdiction: 'quebec', requesterName: 'Zoé Martin', ...input });

function rows<T>(backend: Backend, query: string): T[] {
  return backend.vaults.current().db.raw.prepare(query).all() as T[];
}

describe('opening a request', () => {
  it('sets the deadline from the law, counts days left in the vault’s time zone, and refuses a date in the future', async () => {
    // 02:00 UTC on 8 December is still 7 December in Montreal.
    const { backend } = await register('2026-12-08T02:00:00Z');
    const quebec = await open(backend, { channel: 'email', contact: 'zoe@exemple.fr' });
    expect(quebec).toMatchObject({
      receivedOn: '2026-12-07',
      dueOn: '2027-01-06',
      deadline: '2027-01-06',
      daysLeft: 30,
      overdue: false,
      status: 'open',
      timeZone: TORONTO,
    });
    expect(quebec).toMatchObject({ extensionRefused: 'notAllowed', extensionUntil: null, legalSource: 'CQLR c. P-39.1, s. 32' });
    const eu = await open(backend, { jurisdiction: 'eu', receivedOn: '2026-01-31' });
    expect(eu).toMatchObject({ dueOn: '2026-02-28', overdue: true, extensionRefused: 'tooLate', extensionUntil: '2026-04-30' });
    const california = await open(backend, { jurisdiction: 'california', type: 'portability', receivedOn: '2026-12-01' });
    expect(california).toMatchObject({ dueOn: '2027-01-15', daysLeft: 39, extensionRefused: null, extensionUntil: '2027-03-01' });

    expect(await backend.call('requests.open', { type: 'access', jurisdiction: 'quebec', requesterName: 'Zoé', receivedOn: '2026-12-08' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', params: { reason: 'receivedInFuture', today: '2026-12-07' } },
    });
    expect(await backend.call('requests.open', { type: 'access', jurisdiction: 'quebec', requesterName: 'Zoé', receivedOn: '2026-02-30' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', params: { reason: 'badDay' } },
    });
    expect(await backend.call('requests.open', { type: 'gossip', jurisdiction: 'quebec', requesterName: 'Zoé' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await backend.call('requests.open', { type: 'access', jurisdiction: 'quebec', requesterName: '  ' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('lists open requests by deadline, the overdue ones first, and closed ones apart', async () => {
    const { backend, at } = await register('2026-12-07T15:00:00Z');
    const later = await open(backend, { receivedOn: '2026-12-01' });
    const overdue = await open(backend, { jurisdiction: 'eu', receivedOn: '2026-10-15' });
    const soon = await open(backend, { jurisdiction: 'california', type: 'opt_out_sale', receivedOn: '2026-11-23' });
    const closed = await open(backend, { receivedOn: '2026-09-01' });
    await ok(backend, 'requests.close', { id: closed.id, outcome: 'withdrawn' });
    const list = await ok(backend, 'requests.list', {});
    expect(list).toMatchObject({ today: '2026-12-07', timeZone: TORONTO, total: 3 });
    expect(list.requests.map((request) => [request.id, request.deadline, request.daysLeft, request.overdue])).toEqual([
      [overdue.id, '2026-11-15', -22, true],
      [soon.id, '2026-12-14', 7, false],
      [later.id, '2026-12-31', 24, false],
    ]);
    expect((await ok(backend, 'requests.list', { status: 'closed' })).requests.map((request) => [request.id, request.daysLeft, request.outcome])).toEqual([
      [closed.id, null, 'withdrawn'],
    ]);
    expect((await ok(backend, 'requests.list', { status: 'all' })).requests.map((request) => request.id)).toEqual([overdue.id, soon.id, later.id, closed.id]);
    expect((await ok(backend, 'requests.list', { jurisdiction: 'eu' })).requests.map((request) => request.id)).toEqual([overdue.id]);

    // The home screen: overdue first of everything, then what is due within a week.
    expect((await ok(backend, 'overview.attention')).slice(0, 2).map((item) => [item.kind, item.severity, item.count])).toEqual([
      ['requestsOverdue', 'error', 1],
      ['requestsDue', 'warning', 1],
    ]);
    at('2026-12-26T15:00:00Z');
    expect((await ok(backend, 'overview.attention')).map((item) => [item.kind, item.count])).toEqual([
      ['requestsOverdue', 2],
      ['requestsDue', 1],
    ]);

    const stats = await ok(backend, 'requests.stats');
    expect(stats).toMatchObject({ open: 3, overdue: 2, dueThisWeek: 1, medianDaysToClose: 97 });
    expect(stats.months.at(-1)).toEqual({ month: '2026-12', opened: 1, closed: 0, medianDaysToClose: null });
    expect(stats.months.find((month) => month.month === '2026-09')).toEqual({ month: '2026-09', opened: 1, closed: 1, medianDaysToClose: 97 });
  });
});

describe('extending a request', () => {
  it('extends once, where the law allows it, before the first deadline, with a reason, audited without it', async () => {
    const { backend, at } = await register('2026-12-07T15:00:00Z');
    const quebec = await open(backend, {});
    expect(await backend.call('requests.extend', { id: quebec.id, reason: 'complex' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', params: { reason: 'extension_notAllowed' } },
    });
    const eu = await open(backend, { jurisdiction: 'eu', receivedOn: '2026-11-30' });
    expect(await backend.call('requests.extend', { id: eu.id, reason: ' ' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const extended = await ok(backend, 'requests.extend', { id: eu.id, reason: 'Records in five systems to gather' });
    expect(extended).toMatchObject({
      dueOn: '2026-12-30',
      extendedDueOn: '2027-02-28',
      deadline: '2027-02-28',
      extensionReason: 'Records in five systems to gather',
      extendedBy: 'Alice Admin',
      extensionRefused: 'alreadyExtended',
    });
    expect(await backend.call('requests.extend', { id: eu.id, reason: 'again' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', params: { reason: 'extension_alreadyExtended' } },
    });

    const california = await open(backend, { jurisdiction: 'california', receivedOn: '2026-10-01' });
    at('2026-11-16T15:00:00Z');
    expect(await backend.call('requests.extend', { id: california.id, reason: 'late' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', params: { reason: 'extension_tooLate', dueOn: '2026-11-15' } },
    });
    const optOut = await open(backend, { jurisdiction: 'california', type: 'opt_out_sale' });
    expect(await backend.call('requests.extend', { id: optOut.id, reason: 'busy' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', params: { reason: 'extension_notAllowed' } },
    });

    const entries = (await ok(backend, 'audit.list', { filter: { action: 'request.extended' } })).entries;
    expect(entries.map((entry) => [entry.objectType, entry.objectId, entry.details])).toEqual([['request', String(eu.id), { extendedDays: 60 }]]);
  });
});

describe('verifying and matching', () => {
  it('refuses a match, a fulfilled closing or a package before verification, and follows a merged profile to its survivor', async () => {
    const { backend } = await register('2026-12-07T15:00:00Z');
    await importPeople(backend, 'Boutique', [
      { id: 1, first: 'Zoé', last: 'Martin', email: 'zoe@exemple.fr' },
      { id: 2, first: 'Léa', last: 'Roy', email: 'lea.roy@exemple.fr' },
    ]);
    const [first, second] = [await profileOf(backend, 'zoe@exemple.fr'), await profileOf(backend, 'lea.roy@exemple.fr')];
    const request = await open(backend, {});
    expect(await backend.call('requests.match', { id: request.id, profileIds: [first] })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', params: { reason: 'requestNotVerified' } },
    });
    expect(await backend.call('requests.close', { id: request.id, outcome: 'fulfilled' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', params: { reason: 'requestNotVerified' } },
    });
    expect(() => assertReadyForPackage(backend.vaults.current().db, request.id)).toThrow(/not verified/);

    // An unknown profile refuses the whole verification: nothing is recorded.
    expect(await backend.call('requests.verify', { id: request.id, method: 'video call', identifiers: ['email'], profileIds: [999] })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', params: { reason: 'unknownProfile' } },
    });
    expect(rows(backend, 'SELECT * FROM request_verification')).toEqual([]);
    // A method is required; an unknown kind of identifier is refused.
    expect(await backend.call('requests.verify', { id: request.id, method: ' ', identifiers: ['email'] })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await backend.call('requests.verify', { id: request.id, method: 'video call', identifiers: ['horoscope'] })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });

    const merged = await ok(backend, 'identity.merge', { profileA: first, profileB: second });
    const verified = await ok(backend, 'requests.verify', {
      id: request.id,
      method: 'video call',
      identifiers: ['name', 'email', 'email'],
      document: 'driver’s licence',
      profileIds: [merged.absorbedId],
    });
    expect(verified).toMatchObject({ status: 'verified', profiles: 1 });
    expect(verified.verifications).toEqual([
      {
        id: expect.any(Number),
        method: 'video call',
        identifiers: ['name', 'email'],
        document: 'driver’s licence',
        verifiedBy: 'Alice Admin',
        verifiedAt: '2026-12-07T15:00:00.000Z',
      },
    ]);
    expect(verified.matched).toEqual([
      {
        profileId: merged.survivorId,
        currentProfileId: merged.survivorId,
        matchedBy: 'Alice Admin',
        matchedAt: '2026-12-07T15:00:00.000Z',
        records: expect.any(Array),
      },
    ]);
    expect(verified.matched[0]!.records).toHaveLength(2);
    expect(assertReadyForPackage(backend.vaults.current().db, request.id)).toEqual({
      profileIds: [merged.survivorId],
      recordIds: verified.matched[0]!.records,
    });
    // Matching the same person again adds nothing.
    expect((await ok(backend, 'requests.match', { id: request.id, profileIds: [merged.survivorId, merged.absorbedId] })).matched).toHaveLength(1);

    const closed = await ok(backend, 'requests.close', { id: request.id, outcome: 'fulfilled', note: 'sent by post' });
    expect(closed).toMatchObject({ status: 'closed', outcome: 'fulfilled', outcomeNote: 'sent by post', closedBy: 'Alice Admin', daysLeft: null });
    expect(await backend.call('requests.close', { id: request.id, outcome: 'fulfilled' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', params: { reason: 'requestAlreadyClosed' } },
    });
    expect(await backend.call('requests.verify', { id: request.id, method: 'again', identifiers: ['email'] })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', params: { reason: 'requestClosed' } },
    });
    expect(await backend.call('requests.get', { id: 4242 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', params: { reason: 'unknownRequest' } } });
  });

  it('keeps the records a request was verified for when the profile is later split, and shows where a later merge led', async () => {
    const { backend } = await register('2026-12-07T15:00:00Z');
    await importPeople(backend, 'Boutique', [{ id: 1, first: 'Zoé', last: 'Martin', email: 'zoe@exemple.fr' }]);
    await importPeople(backend, 'Newsletter', [{ id: 7, first: 'Zoé', last: 'Martin', email: 'zoe.m@exemple.fr' }]);
    await importPeople(backend, 'Salon', [{ id: 9, first: 'Zoé', last: 'Martin', email: 'zm@exemple.fr' }]);
    const [shop, letter, salon] = [
      await profileOf(backend, 'zoe@exemple.fr'),
      await profileOf(backend, 'zoe.m@exemple.fr'),
      await profileOf(backend, 'zm@exemple.fr'),
    ];
    const together = await ok(backend, 'identity.merge', { profileA: shop, profileB: letter });
    const request = await open(backend, {});
    const verified = await ok(backend, 'requests.verify', {
      id: request.id,
      method: 'signed letter',
      identifiers: ['address'],
      profileIds: [together.survivorId],
    });
    const records = verified.matched[0]!.records;
    expect(records).toHaveLength(2);

    await ok(backend, 'identity.split', { recordId: records[1]! });
    await ok(backend, 'identity.merge', { profileA: salon, profileB: together.survivorId });
    const after = await ok(backend, 'requests.get', { id: request.id });
    expect(after.matched[0]!.records).toEqual(records);
    const survivor = Math.min(salon, together.survivorId);
    expect(after.matched[0]).toMatchObject({ profileId: together.survivorId, currentProfileId: survivor });
  });

  it('writes ids and counts to the audit trail, and shows auditors the register without the requester', async () => {
    const { backend } = await register('2026-12-07T15:00:00Z');
    await importPeople(backend, 'Boutique', [{ id: 1, first: 'Zoé', last: 'Martin', email: 'zoe@exemple.fr' }]);
    const zoe = await profileOf(backend, 'zoe');
    const request = await open(backend, { jurisdiction: 'eu', contact: 'zoe@exemple.fr', channel: 'letter' });
    await ok(backend, 'requests.extend', { id: request.id, reason: 'Zoé asked for everything' });
    await ok(backend, 'requests.verify', {
      id: request.id,
      method: 'Zoé’s video call',
      identifiers: ['name', 'email'],
      document: 'passport',
      profileIds: [zoe],
    });
    await ok(backend, 'requests.close', { id: request.id, outcome: 'fulfilled', note: 'Zoé thanked us' });
    const entries = (await ok(backend, 'audit.list', { filter: { objectType: 'request' } })).entries;
    expect(entries.map((entry) => [entry.action, entry.details]).reverse()).toEqual([
      ['request.opened', { requestType: 'access', jurisdiction: 'eu' }],
      ['request.extended', { extendedDays: 59 }],
      ['request.matched', { profileIds: [zoe], profiles: 1, records: 1 }],
      ['request.verified', { verificationId: 1, identifiers: 2 }],
      ['request.closed', { outcome: 'fulfilled', daysToClose: 0 }],
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/Zoé|zoe|letter|passport|video|thanked/i);

    await ok(backend, 'users.add', { name: AUDITOR.name, role: 'auditor', passphrase: AUDITOR.passphrase });
    await ok(backend, 'vault.lock');
    await ok(backend, 'vault.unlock', { userName: AUDITOR.name, passphrase: AUDITOR.passphrase });
    const seen = await ok(backend, 'requests.get', { id: request.id });
    expect(seen).toMatchObject({ requesterName: null, contact: null, extensionReason: null, outcomeNote: null, channel: null, outcome: 'fulfilled' });
    expect(seen.verifications[0]).toMatchObject({ method: null, document: null, identifiers: ['name', 'email'] });
    expect(JSON.stringify(seen)).not.toMatch(/Zoé|zoe@|letter|passport|video|thanked/);
    expect((await ok(backend, 'requests.list', { status: 'all' })).requests[0]!.requesterName).toBeNull();
    expect(await backend.call('requests.open', { type: 'access', jurisdiction: 'eu', requesterName: 'X' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});
