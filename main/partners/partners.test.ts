/** Partners and their leases: what may be signed, and when a lease refuses an extract. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../backend/backend';
import { createVault, ok } from '../test-support/temp-vault';
import { parseWindow, formatWindow, insideWindow } from './window';

let now = new Date('2026-06-30T14:00:00Z');
let backend: Backend;

async function fails(method: Parameters<typeof ok>[1], input: unknown): Promise<{ code: string; params?: Record<string, unknown> }> {
  const reply = await backend.call(method, input);
  if (reply.ok) throw new Error(`${method} succeeded`);
  return reply.error;
}

beforeEach(async () => {
  now = new Date('2026-06-30T14:00:00Z');
  ({ backend } = await createVault({ now: () => now }));
  backend.vaults.current().db.raw.prepare(`INSERT INTO setting (key, value) VALUES ('time_zone', 'America/Toronto')`).run();
});

const lease = (partnerId: number, extra: Record<string, unknown> = {}) => ({
  partnerId,
  title: 'Infolettre',
  purposes: ['email_marketing'],
  basis: 'consent',
  fields: ['email', 'givenName'],
  validFrom: '2026-06-30',
  validTo: '2026-12-31',
  delivery: { kind: 'folder', folder: '/tmp/out' },
  ...extra,
});

describe('partners', () => {
  it('adds a partner and tells when a transfer needs an assessment', async () => {
    const quebec = await ok(backend, 'partners.add', { name: 'Envoi Québec', role: 'processor', country: 'ca', subdivision: 'qc' });
    expect(quebec).toMatchObject({ country: 'CA', subdivision: 'QC', needsAssessment: false, transferAssessed: true });
    const ontario = await ok(backend, 'partners.add', { name: 'Mailer Toronto', role: 'third_party', country: 'CA', subdivision: 'ON' });
    expect(ontario).toMatchObject({ needsAssessment: true, transferAssessed: false });
    const paris = await ok(backend, 'partners.add', { name: 'Courrier Paris', role: 'processor', country: 'FR' });
    expect(paris.needsAssessment).toBe(false);
    expect((await fails('partners.add', { name: ' envoi québec ', role: 'processor', country: 'CA' })).params).toMatchObject({ reason: 'partnerExists' });
    const assessed = await ok(backend, 'partners.update', {
      id: ontario.id,
      name: 'Mailer Toronto',
      role: 'third_party',
      country: 'CA',
      subdivision: 'ON',
      assessmentDate: '2026-06-01',
    });
    expect(assessed.transferAssessed).toBe(true);
    expect((await ok(backend, 'partners.list', {})).map((partner) => partner.name)).toEqual(['Courrier Paris', 'Envoi Québec', 'Mailer Toronto']);
  });
});

describe('agreements', () => {
  it('cannot start before its partner exists nor end before it starts, and each purpose must allow its basis', async () => {
    const partner = await ok(backend, 'partners.add', { name: 'Envoi', role: 'processor', country: 'CA', subdivision: 'QC' });
    expect((await fails('agreements.add', lease(partner.id, { validFrom: '2026-06-29' }))).params).toMatchObject({ reason: 'startsBeforePartner' });
    expect((await fails('agreements.add', lease(partner.id, { validTo: '2026-06-01' }))).params).toMatchObject({ reason: 'endsBeforeStart' });
    expect((await fails('agreements.add', lease(partner.id, { purposes: ['nope'] }))).params).toMatchObject({ reason: 'unknownPurpose' });
    expect((await fails('agreements.add', lease(999))).code).toBe('NOT_FOUND');
    const signed = await ok(backend, 'agreements.add', lease(partner.id));
    expect(signed).toMatchObject({
      state: 'active',
      purposes: ['email_marketing'],
      fields: ['email', 'givenName'],
      daysLeft: 184,
      events: [{ kind: 'created' }],
    });
  });

  it('is suspended, resumed, renewed and revoked for good, each an event; the SFTP credential never comes back', async () => {
    const partner = await ok(backend, 'partners.add', { name: 'Envoi', role: 'processor', country: 'CA', subdivision: 'QC' });
    const hostKey = `SHA256:${'A'.repeat(43)}`;
    const signed = await ok(
      backend,
      'agreements.add',
      lease(partner.id, {
        delivery: { kind: 'sftp', target: { host: '127.0.0.1', port: 2222, username: 'envoi', path: '/in', hostKey }, credential: { password: 'secret-pw' } },
      }),
    );
    expect(signed.delivery).toEqual({ kind: 'sftp', target: { host: '127.0.0.1', port: 2222, username: 'envoi', path: '/in', hostKey }, credential: '••••' });
    expect(JSON.stringify(await ok(backend, 'agreements.list', {}))).not.toContain('secret-pw');
    expect((await ok(backend, 'agreements.suspend', { id: signed.id, reason: 'Audit en cours' })).state).toBe('suspended');
    expect((await fails('agreements.suspend', { id: signed.id, reason: 'encore' })).params).toMatchObject({ reason: 'agreementSuspended' });
    expect((await ok(backend, 'agreements.resume', { id: signed.id })).state).toBe('active');
    now = new Date('2027-01-02T14:00:00Z');
    expect((await ok(backend, 'agreements.get', { id: signed.id })).state).toBe('expired');
    expect((await ok(backend, 'agreements.renew', { id: signed.id, validTo: '2027-06-30' })).state).toBe('active');
    const revoked = await ok(backend, 'agreements.revoke', { id: signed.id, reason: 'Fin du contrat' });
    expect(revoked.state).toBe('revoked');
    expect(revoked.events.map((event) => event.kind)).toEqual(['created', 'suspended', 'resumed', 'renewed', 'revoked']);
    expect((await fails('agreements.renew', { id: signed.id, validTo: '2027-12-31' })).params).toMatchObject({ reason: 'agreementRevoked' });
    const audit = (await ok(backend, 'audit.list', { limit: 50 })).entries.filter((entry: { action: string }) => entry.action.startsWith('partners.agreement'));
    expect(audit.map((entry: { action: string }) => entry.action).reverse()).toEqual([
      'partners.agreement_added',
      'partners.agreement_suspended',
      'partners.agreement_resumed',
      'partners.agreement_renewed',
      'partners.agreement_revoked',
    ]);
  });
});

describe('access windows', () => {
  it('reads and writes the CLI’s notation and judges a moment in the vault’s zone', () => {
    const window = parseWindow('Mon-Fri 08:00-18:00')!;
    expect(window).toEqual({ days: [1, 2, 3, 4, 5], from: '08:00', to: '18:00' });
    expect(formatWindow(window)).toBe('Mon-Fri 08:00-18:00');
    expect(parseWindow('Sat,Mon 09:00-12:00')).toEqual({ days: [1, 6], from: '09:00', to: '12:00' });
    expect(parseWindow('Fri-Mon 09:00-12:00')!.days).toEqual([1, 5, 6, 7]);
    expect(parseWindow('Mon-Fri 18:00-08:00')).toBeNull();
    expect(parseWindow('someday 08:00-18:00')).toBeNull();
    // Tuesday 30 June 2026, 10:00 in Toronto is 14:00 UTC; 19:00 in Toronto is outside.
    expect(insideWindow(window, new Date('2026-06-30T14:00:00Z'), 'America/Toronto')).toBe(true);
    expect(insideWindow(window, new Date('2026-06-30T23:00:00Z'), 'America/Toronto')).toBe(false);
    expect(insideWindow(window, new Date('2026-07-04T14:00:00Z'), 'America/Toronto')).toBe(false);
  });
});
