/** Schedules of automated extracts: when they come round, and what a due one does under its lease. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../backend/backend';
import { runJob, unwrap } from '../../backend/run-job';
import { importPeople } from '../../consent/test-people';
import { createVault, ok, tempDir } from '../../test-support/temp-vault';
import { readRegisterEntry } from '../register/entry';
import { nextDue, zonedInstant } from './next-due';

const TORONTO = 'America/Toronto';
const at = (iso: string): Date => new Date(iso);
const next = (every: 'daily' | 'weekly', atTime: string, after: string, weekday: number | null = null, zone = TORONTO): string =>
  nextDue({ every, weekday, atTime }, at(after), zone).toISOString();

describe('next due', () => {
  it('is later today, or tomorrow once the time has passed, in the vault zone', () => {
    expect(next('daily', '09:00', '2026-06-30T12:00:00Z')).toBe('2026-06-30T13:00:00.000Z');
    expect(next('daily', '09:00', '2026-06-30T13:00:00Z')).toBe('2026-07-01T13:00:00.000Z');
    // 23:30 in Toronto is already the next day in UTC: the day is Toronto's.
    expect(next('daily', '23:45', '2026-07-01T03:30:00Z')).toBe('2026-07-01T03:45:00.000Z');
    expect(next('daily', '00:15', '2026-07-01T03:30:00Z')).toBe('2026-07-01T04:15:00.000Z');
    // East of UTC: 07:00 on 1 July in Tokyo is still 30 June in UTC.
    expect(next('daily', '08:00', '2026-06-30T22:00:00Z', null, 'Asia/Tokyo')).toBe('2026-06-30T23:00:00.000Z');
  });

  it('finds the weekday, this week or the next', () => {
    // Tuesday 30 June 2026, 10:00 in Toronto.
    expect(next('weekly', '08:00', '2026-06-30T14:00:00Z', 1)).toBe('2026-07-06T12:00:00.000Z');
    expect(next('weekly', '08:00', '2026-06-30T14:00:00Z', 3)).toBe('2026-07-01T12:00:00.000Z');
    expect(next('weekly', '11:00', '2026-06-30T14:00:00Z', 2)).toBe('2026-06-30T15:00:00.000Z');
    expect(next('weekly', '10:00', '2026-06-30T14:00:00Z', 2)).toBe('2026-07-07T14:00:00.000Z');
    // Sunday 28 June, 23:30 in Toronto (Monday in UTC): Monday 08:00 is the same night's morning.
    expect(next('weekly', '08:00', '2026-06-29T03:30:00Z', 1)).toBe('2026-06-29T12:00:00.000Z');
    expect(next('weekly', '08:00', '2026-06-29T03:30:00Z', 7)).toBe('2026-07-05T12:00:00.000Z');
  });

  it('keeps the wall-clock time across the changes to and from daylight saving time', () => {
    // Clocks go forward on Sunday 8 March 2026: 09:00 is 14:00 UTC before, 13:00 after.
    expect(next('daily', '09:00', '2026-03-07T15:00:00Z')).toBe('2026-03-08T13:00:00.000Z');
    expect(next('weekly', '09:00', '2026-03-01T15:00:00Z', 7)).toBe('2026-03-08T13:00:00.000Z');
    // 02:30 does not exist that night: it runs at 03:30.
    expect(next('daily', '02:30', '2026-03-08T05:00:00Z')).toBe('2026-03-08T07:30:00.000Z');
    // Clocks go back on Sunday 1 November 2026: 01:30 comes twice and runs the first time only.
    expect(next('daily', '01:30', '2026-11-01T04:00:00Z')).toBe('2026-11-01T05:30:00.000Z');
    expect(next('daily', '01:30', '2026-11-01T05:30:00Z')).toBe('2026-11-02T06:30:00.000Z');
    expect(next('weekly', '09:00', '2026-10-27T13:00:00Z', 1)).toBe('2026-11-02T14:00:00.000Z');
    expect(zonedInstant('2026-11-01', '12:00', TORONTO).toISOString()).toBe('2026-11-01T17:00:00.000Z');
  });
});

let now: Date;
let backend: Backend;

async function fails(method: Parameters<typeof ok>[1], input: unknown): Promise<{ code: string; params?: Record<string, unknown> }> {
  const reply = await backend.call(method, input);
  if (reply.ok) throw new Error(`${method} succeeded`);
  return reply.error;
}

async function auditActions(prefix: string): Promise<{ action: string; details: unknown }[]> {
  const { entries } = await ok(backend, 'audit.list', { limit: 200 });
  return (entries as { action: string; details: unknown }[]).filter((entry) => entry.action.startsWith(prefix)).reverse();
}

async function agreement(extra: Record<string, unknown> = {}): Promise<number> {
  const partners = await ok(backend, 'partners.list', {});
  const partner = partners[0] ?? (await ok(backend, 'partners.add', { name: 'Envoi Québec', role: 'processor', country: 'CA', subdivision: 'QC' }));
  const signed = await ok(backend, 'agreements.add', {
    partnerId: partner.id,
    title: 'Infolettre',
    purposes: ['email_marketing'],
    basis: 'consent',
    fields: ['email', 'givenName'],
    validFrom: '2026-06-30',
    validTo: '2026-12-31',
    delivery: { kind: 'folder', folder: tempDir() },
    ...extra,
  });
  return signed.id;
}

const extractsOnRegister = (): number => (backend.vaults.current().db.raw.prepare('SELECT count(*) AS n FROM extract').get() as { n: number }).n;

const runDue = async () => unwrap(await runJob(backend, 'schedules.runDue', {})).ran;

beforeEach(async () => {
  // Tuesday 30 June 2026, 10:00 in Toronto.
  now = at('2026-06-30T14:00:00Z');
  ({ backend } = await createVault({ now: () => now, connectorTickMs: null, partnerTickMs: 3_600_000 }));
  backend.vaults.current().db.raw.prepare(`INSERT INTO setting (key, value) VALUES ('time_zone', 'America/Toronto')`).run();
});

describe('schedules', () => {
  it('are added with their next time in the vault zone, listed, and removed, each audited with ids only', async () => {
    const id = await agreement();
    const daily = await ok(backend, 'schedules.add', { agreementId: id, every: 'daily', atTime: '09:00', audience: { countries: ['CA'] } });
    expect(daily).toMatchObject({ every: 'daily', weekday: null, nextDue: '2026-07-01T13:00:00.000Z', active: true, lastOutcome: null, format: 'csv' });
    const weekly = await ok(backend, 'schedules.add', { agreementId: id, every: 'weekly', weekday: 5, atTime: '17:30', format: 'json' });
    expect(weekly.nextDue).toBe('2026-07-03T21:30:00.000Z');
    expect((await fails('schedules.add', { agreementId: id, every: 'weekly', atTime: '17:30' })).params).toMatchObject({ reason: 'scheduleWeekday' });
    expect((await fails('schedules.add', { agreementId: id, every: 'daily', weekday: 2, atTime: '17:30' })).params).toMatchObject({
      reason: 'scheduleWeekday',
    });
    expect((await fails('schedules.add', { agreementId: 999, every: 'daily', atTime: '17:30' })).code).toBe('NOT_FOUND');
    expect((await ok(backend, 'schedules.list', { agreementId: id })).map((schedule) => schedule.id)).toEqual([daily.id, weekly.id]);
    expect((await ok(backend, 'schedules.list', {}))[0]!.audience).toEqual({ countries: ['CA'] });

    expect(await ok(backend, 'schedules.remove', { id: daily.id })).toEqual({ removed: true });
    expect((await fails('schedules.remove', { id: daily.id })).code).toBe('NOT_FOUND');
    expect((await ok(backend, 'schedules.list', {})).map((schedule) => schedule.id)).toEqual([weekly.id]);
    const audit = await auditActions('partners.schedule_');
    expect(audit.map((entry) => entry.action)).toEqual(['partners.schedule_added', 'partners.schedule_added', 'partners.schedule_removed']);
    expect(JSON.stringify(audit)).not.toMatch(/CA"|Infolettre|Québec/);

    await ok(backend, 'agreements.revoke', { id, reason: 'Fin du contrat' });
    expect((await fails('schedules.add', { agreementId: id, every: 'daily', atTime: '09:00' })).params).toMatchObject({ reason: 'scheduleRevoked' });
  });

  it('refuses a due schedule under a suspended or expired lease, records why, and goes on with the others', async () => {
    const suspended = await agreement();
    const expiring = await agreement({ title: 'Court', validTo: '2026-07-01' });
    const first = await ok(backend, 'schedules.add', { agreementId: suspended, every: 'daily', atTime: '09:00' });
    const second = await ok(backend, 'schedules.add', { agreementId: expiring, every: 'weekly', weekday: 5, atTime: '08:00' });
    await ok(backend, 'agreements.suspend', { id: suspended, reason: 'Audit en cours' });
    expect(await runDue()).toEqual([]);

    // Friday 3 July, 12:00 in Toronto: both are due; the short lease ended on 1 July.
    now = at('2026-07-03T16:00:00Z');
    expect(await runDue()).toEqual([
      { scheduleId: first.id, extractId: null, outcome: 'suspended' },
      { scheduleId: second.id, extractId: null, outcome: 'expired' },
    ]);
    const [afterFirst, afterSecond] = await ok(backend, 'schedules.list', {});
    expect(afterFirst).toMatchObject({ lastOutcome: 'suspended', lastRunAt: now.toISOString(), nextDue: '2026-07-04T13:00:00.000Z' });
    expect(afterSecond).toMatchObject({ lastOutcome: 'expired', nextDue: '2026-07-10T12:00:00.000Z' });
    const refused = await auditActions('partners.schedule_refused');
    expect(refused.map((entry) => entry.details)).toEqual([
      { agreementId: suspended, refusal: 'suspended' },
      { agreementId: expiring, refusal: 'expired' },
    ]);
    expect(extractsOnRegister()).toBe(0);

    // Run again at once: nothing is due any more, nothing is refused twice.
    expect(await runDue()).toEqual([]);
    expect(await auditActions('partners.schedule_refused')).toHaveLength(2);
  });

  it('runs a due schedule under an active lease: one register entry with its schedule, once', async () => {
    now = at('2026-06-29T14:00:00Z');
    await importPeople(backend, 'Newsletter', [
      { id: 1, first: 'Zoé', last: 'Martin', email: 'zoe@exemple.fr', consents: [{ purpose: 'email_marketing', granted: 'yes', date: '2026-01-10' }] },
      { id: 2, first: 'Paul', last: 'Roy', email: 'paul@exemple.fr', consents: [{ purpose: 'email_marketing', granted: 'no', date: '2026-01-10' }] },
    ]);
    now = at('2026-06-30T14:00:00Z');
    const active = await agreement();
    const suspended = await agreement({ title: 'Suspendue' });
    await ok(backend, 'agreements.suspend', { id: suspended, reason: 'Audit en cours' });
    const refusedFirst = await ok(backend, 'schedules.add', { agreementId: suspended, every: 'daily', atTime: '08:00' });
    const schedule = await ok(backend, 'schedules.add', { agreementId: active, every: 'daily', atTime: '09:00', format: 'json' });

    now = at('2026-07-01T13:05:00Z');
    const ran = await runDue();
    expect(ran).toEqual([
      { scheduleId: refusedFirst.id, extractId: null, outcome: 'suspended' },
      { scheduleId: schedule.id, extractId: expect.any(Number) as number, outcome: 'ok' },
    ]);
    const entry = readRegisterEntry(backend.vaults.current().db, ran[1]!.extractId!);
    expect(entry).toMatchObject({ scheduleId: schedule.id, user: null, agreementId: active, format: 'json', people: 1, excluded: 1, deliveredTo: 'folder' });
    expect((await ok(backend, 'schedules.list', { agreementId: active }))[0]).toMatchObject({
      lastOutcome: 'ok',
      lastRunAt: now.toISOString(),
      nextDue: '2026-07-02T13:00:00.000Z',
    });

    expect(await runDue()).toEqual([]);
    expect(extractsOnRegister()).toBe(1);
  });

  it('is not run by the app while its time has not come, and runs once when it has', async () => {
    const id = await agreement();
    await ok(backend, 'agreements.suspend', { id, reason: 'Audit en cours' });
    const schedule = await ok(backend, 'schedules.add', { agreementId: id, every: 'daily', atTime: '09:00' });
    const scheduler = backend.partnerScheduler;
    scheduler.tickNow();
    await scheduler.idle();
    expect((await ok(backend, 'schedules.list', {}))[0]!.lastRunAt).toBeNull();
    now = at('2026-07-01T13:00:00Z');
    scheduler.tickNow();
    scheduler.tickNow();
    await scheduler.idle();
    expect((await ok(backend, 'schedules.list', {}))[0]).toMatchObject({ id: schedule.id, lastOutcome: 'suspended', nextDue: '2026-07-02T13:00:00.000Z' });
    expect(await auditActions('partners.schedule_refused')).toHaveLength(1);
  });
});
