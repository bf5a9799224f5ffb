/** The home screen's partner items: agreements in their notice period, failing schedules, missing transfer assessments. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../backend/backend';
import { sql } from '../store/sql';
import { createVault, ok } from '../test-support/temp-vault';

const now = new Date('2026-06-29T14:00:00Z');
let backend: Backend;

const lease = (partnerId: number, extra: Record<string, unknown> = {}) => ({
  partnerId,
  title: 'Infolettre',
  purposes: ['customer_relationship'],
  basis: 'contract',
  fields: ['email'],
  validFrom: '2026-06-30',
  validTo: '2026-12-31',
  delivery: { kind: 'folder', folder: '/tmp/out' },
  ...extra,
});

const partnerItems = async () => (await ok(backend, 'overview.attention')).filter((item) => item.target.place === 'partners');

beforeEach(async () => {
  now.setTime(Date.parse('2026-06-29T14:00:00Z'));
  ({ backend } = await createVault({ now: () => now }));
  backend.vaults.current().db.raw.prepare(`INSERT INTO setting (key, value) VALUES ('time_zone', 'America/Toronto')`).run();
});

describe('partners attention', () => {
  it('announces an agreement within its own notice period, and no more once renewed or suspended', async () => {
    const partner = await ok(backend, 'partners.add', { name: 'Envoi', role: 'processor', country: 'CA', subdivision: 'QC' });
    const short = await ok(backend, 'agreements.add', lease(partner.id, { validTo: '2026-07-20', noticeDays: 10 }));
    await ok(backend, 'agreements.add', lease(partner.id, { title: 'Long', validTo: '2026-07-20', noticeDays: 30 }));
    await ok(backend, 'agreements.add', lease(partner.id, { title: 'Lointaine' }));
    // 29 June: the 30-day notice of the second has begun (20 July is 21 days away), not the 10-day one.
    expect(await partnerItems()).toEqual([
      { kind: 'agreementsExpiring', severity: 'warning', count: 1, sourceId: null, name: '', at: null, target: { place: 'partners', view: 'agreements' } },
    ]);
    now.setTime(Date.parse('2026-07-12T14:00:00Z'));
    expect((await partnerItems()).map((item) => [item.kind, item.count])).toEqual([['agreementsExpiring', 2]]);
    await ok(backend, 'agreements.suspend', { id: short.id, reason: 'contrat revu' });
    expect((await partnerItems()).map((item) => [item.kind, item.count])).toEqual([['agreementsExpiring', 1]]);
    // Past its end the agreement has expired: it is no longer announced.
    now.setTime(Date.parse('2026-07-22T14:00:00Z'));
    expect(await partnerItems()).toEqual([]);
  });

  it('counts active schedules whose last run was not ok', async () => {
    const partner = await ok(backend, 'partners.add', { name: 'Envoi', role: 'processor', country: 'CA', subdivision: 'QC' });
    const agreement = await ok(backend, 'agreements.add', lease(partner.id));
    const db = backend.vaults.current().db;
    const schedule = (outcome: string | null, active = 1) =>
      db.run(sql`INSERT INTO extract_schedule (agreement_id, every, at_time, active, next_due, last_outcome, created_at)
        VALUES (${agreement.id}, 'daily', '06:00', ${active}, '2026-07-01T10:00:00.000Z', ${outcome}, '2026-06-29T10:00:00.000Z')`);
    schedule('ok');
    schedule(null);
    schedule('outsideWindow', 0);
    expect(await partnerItems()).toEqual([]);
    schedule('expired');
    schedule('INTERNAL');
    expect(await partnerItems()).toEqual([
      { kind: 'schedulesFailing', severity: 'error', count: 2, sourceId: null, name: '', at: null, target: { place: 'partners', view: 'schedules' } },
    ]);
  });

  it('names partners that need a transfer assessment while an agreement with them is in force', async () => {
    const toronto = await ok(backend, 'partners.add', { name: 'Mailer Toronto', role: 'third_party', country: 'CA', subdivision: 'ON' });
    await ok(backend, 'partners.add', { name: 'Mailer US', role: 'third_party', country: 'US', subdivision: 'CA' });
    const paris = await ok(backend, 'partners.add', { name: 'Courrier Paris', role: 'processor', country: 'FR' });
    await ok(backend, 'agreements.add', lease(paris.id));
    // The US partner has no agreement: nothing leaves for it yet.
    expect(await partnerItems()).toEqual([]);
    const signed = await ok(backend, 'agreements.add', lease(toronto.id));
    expect((await partnerItems()).map((item) => [item.kind, item.count, item.severity])).toEqual([['transferUnassessed', 1, 'error']]);
    await ok(backend, 'partners.update', {
      id: toronto.id,
      name: 'Mailer Toronto',
      role: 'third_party',
      country: 'CA',
      subdivision: 'ON',
      assessmentDate: '2026-06-01',
    });
    expect(await partnerItems()).toEqual([]);
    await ok(backend, 'partners.update', { id: toronto.id, name: 'Mailer Toronto', role: 'third_party', country: 'CA', subdivision: 'ON' });
    await ok(backend, 'agreements.revoke', { id: signed.id, reason: 'fin' });
    expect(await partnerItems()).toEqual([]);
  });
});
