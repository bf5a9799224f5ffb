import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../backend/backend';
import { runJob, unwrap } from '../backend/run-job';
import { importPeople } from '../consent/test-people';
import { sql } from '../store/sql';
import { createVault, ok, tempDir } from '../test-support/temp-vault';
import { refreshRetention } from './refresh';

let now = new Date('2026-06-30T16:00:00Z');

/**
 * A shop's customers in Montreal (vault zone America/Toronto), each with their orders:
 * - Marie, last order 12 March 2023 → kept 3 years → 12 March 2026, due;
 * - Léa, last order 29 February 2024 (a leap day) → 28 February 2027 with 3 years, not due;
 * - Hugo, last order on 1 January 2023 at 03:00 UTC, which is still 31 December 2022 in Montreal → 31 December 2025;
 * - Zoé, an order last week → 2029.
 */
function customers(): unknown[] {
  const person = (id: number, first: string, last: string, orders: [string, string][]) => ({
    customer: { id, first_name: first, last_name: last, email: `${first.toLowerCase()}.${last.toLowerCase()}@exemple.ca` },
    orders: orders.map(([date, total], index) => ({ id: `${id}-${index}`, date, total })),
  });
  return [
    person(1, 'Marie', 'Tremblay', [
      ['2022-01-05T15:00:00Z', '42.50'],
      ['2023-03-12T15:00:00Z', '120.00'],
    ]),
    person(2, 'Léa', 'Gagnon', [['2024-02-29T17:00:00Z', '8.00']]),
    person(3, 'Hugo', 'Roy', [['2023-01-01T03:00:00Z', '15.00']]),
    person(4, 'Zoé', 'Côté', [['2026-06-22T15:00:00Z', '30.00']]),
  ];
}

let backend: Backend;

async function importShop(people = customers()): Promise<void> {
  const file = path.join(tempDir(), 'boutique.json');
  fs.writeFileSync(file, JSON.stringify(people));
  const preview = await ok(backend, 'import.preview', { file });
  unwrap(
    await runJob(backend, 'import.file', {
      file,
      source: 'Boutique',
      options: {},
      mapping: { ...preview.mapping, defaultCountry: 'CA' },
      declaration: { purposes: ['customer_relationship'], lawfulBasis: 'contract', defaultCountry: 'CA' },
    }),
  );
}

function profileOf(given: string): number {
  return backend.vaults
    .current()
    .db.all<{ id: number }>(
      sql`SELECT m.profile_id AS id FROM source_record r JOIN profile_member m ON m.source_record_id = r.id WHERE r.given_name = ${given}`,
    )[0]!.id;
}

async function until(given: string): Promise<string | null> {
  return (await ok(backend, 'retention.profile', { profileId: profileOf(given) })).until;
}

/** Every row of the derived table, for comparing an incremental refresh with a rebuild. */
function table(): unknown[] {
  return backend.vaults.current().db.all(sql`SELECT * FROM retention_profile ORDER BY profile_id`);
}

beforeEach(async () => {
  now = new Date('2026-06-30T16:00:00Z');
  ({ backend } = await createVault({ now: () => now }));
  await ok(backend, 'requests.saveSettings', { timeZone: 'America/Toronto' });
  await importShop();
});

describe('maintain-until', () => {
  it('counts a rule from the anchor day in the vault zone, and leap days do not shift it', async () => {
    await ok(backend, 'retention.addRule', { purpose: 'customer_relationship', keep: '3y', anchor: 'last_purchase', action: 'anonymize' });
    expect(await until('Marie')).toBe('2026-03-12');
    expect(await until('Léa')).toBe('2027-02-28');
    expect(await until('Hugo')).toBe('2025-12-31');
    expect(await until('Zoé')).toBe('2029-06-22');
    const marie = await ok(backend, 'retention.profile', { profileId: profileOf('Marie') });
    expect(marie).toMatchObject({ due: true, action: 'anonymize', today: '2026-06-30' });
    expect(marie.purposes).toEqual([expect.objectContaining({ purpose: 'customer_relationship', until: '2026-03-12', live: true })]);
  });

  it('keeps a purpose without a rule open, or for its catalog default from the last activity', async () => {
    expect(await until('Marie')).toBeNull();
    await ok(backend, 'purposes.update', { code: 'customer_relationship', retentionDays: 30 });
    // No rule: the catalog's default, counted from the last activity (the import itself, 30 June 2026).
    expect(await until('Marie')).toBe('2026-07-30');
    expect((await ok(backend, 'retention.profile', { profileId: profileOf('Marie') })).action).toBe('review');
  });

  it('lists who is due on a day, by purpose and month, and leaves held people out', async () => {
    await ok(backend, 'retention.addRule', {
      purpose: 'customer_relationship',
      keep: '3y',
      anchor: 'last_purchase',
      action: 'anonymize',
      legalRef: 'Policy 4.2',
    });
    const due = await ok(backend, 'retention.due', {});
    expect(due).toMatchObject({ on: '2026-06-30', total: 2, toAnonymize: 2, toReview: 0, held: 0 });
    expect(due.items.map((item) => item.name)).toEqual(['Hugo Roy', 'Marie Tremblay']);
    expect(due.byPurposeMonth).toEqual([
      { purposeId: expect.any(Number), purpose: 'customer_relationship', month: '2025-12', count: 1 },
      { purposeId: expect.any(Number), purpose: 'customer_relationship', month: '2026-03', count: 1 },
    ]);
    expect((await ok(backend, 'retention.due', { on: '2027-03-01' })).total).toBe(3);
    await ok(backend, 'erasure.placeHold', { kind: 'audit', profileId: profileOf('Marie'), reason: 'Tax audit 2026', until: '2026-12-31' });
    expect(await ok(backend, 'retention.due', {})).toMatchObject({ total: 1, held: 1 });
    // The hold ends on 31 December: from 1 January she is due again.
    expect(await ok(backend, 'retention.due', { on: '2027-01-01' })).toMatchObject({ total: 2, held: 0 });
    expect((await ok(backend, 'retention.profile', { profileId: profileOf('Marie') })).due).toBe(false);
  });

  it('never lets a rule go below a legal obligation', async () => {
    const floor = await ok(backend, 'retention.addRule', {
      purpose: 'customer_relationship',
      keep: '6y',
      anchor: 'last_purchase',
      action: 'review',
      obligation: true,
      legalRef: 'Tax Administration Act, s. 35',
    });
    const refused = async (input: unknown, reason: string) => {
      const result = await backend.call('retention.addRule', input);
      expect(result.ok ? null : result.error.params?.reason).toBe(reason);
    };
    await refused({ purpose: 'customer_relationship', keep: '2y', anchor: 'last_purchase', action: 'anonymize' }, 'belowObligation');
    await refused(
      { purpose: 'customer_relationship', keep: '5y', anchor: 'last_purchase', action: 'review', obligation: true, legalRef: 'x', replaces: floor.id },
      'obligationRule',
    );
    await refused({ purpose: 'customer_relationship', keep: '7y', anchor: 'last_purchase', action: 'review', replaces: floor.id }, 'obligationRule');
    await refused({ purpose: 'customer_relationship', keep: '7y', anchor: 'last_purchase', action: 'review', obligation: true }, 'obligationWithoutReference');
    const retire = await backend.call('retention.retireRule', { id: floor.id });
    expect(retire.ok ? null : retire.error.params?.reason).toBe('obligationRule');
    // A longer rule from another anchor is fine; the obligation still floors every date.
    await ok(backend, 'retention.addRule', { purpose: 'customer_relationship', keep: '1y', anchor: 'last_activity', action: 'anonymize' });
    expect(await until('Marie')).toBe('2029-03-12');
    const longer = await ok(backend, 'retention.addRule', {
      purpose: 'customer_relationship',
      keep: '84m',
      anchor: 'last_purchase',
      action: 'review',
      obligation: true,
      legalRef: 'Tax Administration Act, s. 35 (amended)',
      replaces: floor.id,
    });
    expect(longer.replaces).toBe(floor.id);
    expect((await ok(backend, 'retention.rules', { includeRetired: true })).find((rule) => rule.id === floor.id)?.retiredAt).not.toBeNull();
    expect(await until('Marie')).toBe('2030-03-12');
  });

  it('ends a consent purpose on its withdrawal unless a rule keeps the proof, and answers who may still be used', async () => {
    await importPeople(
      backend,
      'Newsletter',
      [
        {
          id: 1,
          first: 'Inès',
          last: 'Leroy',
          email: 'ines.leroy@exemple.ca',
          consents: [{ purpose: 'email_marketing', granted: true, date: '2025-01-10T12:00:00Z' }],
        },
        {
          id: 2,
          first: 'Paul',
          last: 'Martin',
          email: 'paul.martin@exemple.ca',
          consents: [{ purpose: 'email_marketing', granted: true, date: '2025-02-10T12:00:00Z' }],
        },
      ],
      { purposes: ['email_marketing'], lawfulBasis: 'consent' },
    );
    const zoe = profileOf('Paul');
    await ok(backend, 'consent.record', { profileId: zoe, purpose: 'email_marketing', kind: 'withdrawal', method: 'phone', at: '2026-05-04T14:00:00Z' });
    const view = await ok(backend, 'retention.profile', { profileId: zoe });
    expect(view.purposes.find((entry) => entry.purpose === 'email_marketing')).toMatchObject({ until: '2026-05-04', live: false });
    const marketing = await ok(backend, 'retention.mayKeep', { purpose: 'email_marketing', on: '2027-01-01' });
    expect(marketing.items.map((item) => item.profileId)).toEqual([profileOf('Inès')]);
    await ok(backend, 'retention.addRule', {
      purpose: 'email_marketing',
      keep: '3y',
      anchor: 'consent_withdrawn',
      action: 'anonymize',
      legalRef: 'Proof of consent',
    });
    expect((await ok(backend, 'retention.profile', { profileId: zoe })).purposes.find((entry) => entry.purpose === 'email_marketing')).toMatchObject({
      until: '2029-05-04',
      live: false,
    });
  });

  it('is reproducible: refreshed through new events, a merge and a withdrawal, then rebuilt from nothing, the same', async () => {
    await ok(backend, 'retention.addRule', { purpose: 'customer_relationship', keep: '3y', anchor: 'last_purchase', action: 'anonymize' });
    await ok(backend, 'retention.due', {});
    now = new Date('2026-07-02T16:00:00Z');
    const later = customers() as { orders: unknown[] }[];
    later[0]!.orders.push({ id: '1-9', date: '2026-07-01T15:00:00Z', total: '5.00' });
    await importShop(later);
    const marie = profileOf('Marie');
    expect(await until('Marie')).toBe('2029-07-01');
    // Inès, on the newsletter, is Léa's other record: merged, Léa's profile takes her consent; then she withdraws.
    await importPeople(
      backend,
      'Newsletter',
      [
        {
          id: 9,
          first: 'Inès',
          last: 'Leroy',
          email: 'ines.leroy@exemple.ca',
          consents: [{ purpose: 'email_marketing', granted: true, date: '2025-01-10T12:00:00Z' }],
        },
      ],
      {
        purposes: ['email_marketing'],
        lawfulBasis: 'consent',
      },
    );
    const merged = await ok(backend, 'identity.merge', { profileA: profileOf('Léa'), profileB: profileOf('Inès') });
    await ok(backend, 'consent.record', {
      profileId: merged.survivorId,
      purpose: 'email_marketing',
      kind: 'withdrawal',
      method: 'phone',
      at: '2026-07-01T14:00:00Z',
    });
    const lea = await ok(backend, 'retention.profile', { profileId: merged.survivorId });
    expect(lea.purposes.map((entry) => [entry.purpose, entry.until, entry.live])).toEqual([
      ['customer_relationship', '2027-02-28', true],
      ['email_marketing', '2026-07-01', false],
    ]);
    const incremental = table();
    const { db } = backend.vaults.current();
    expect(refreshRetention(db, now, { rebuild: true }).mode).toBe('rebuilt');
    expect(table()).toEqual(incremental);
    expect(incremental).toContainEqual(expect.objectContaining({ profile_id: marie, until: '2029-07-01' }));
  });
});

describe('sweeps', () => {
  it('previews what is due, runs only when approved with the token, certifies each anonymization, and leaves the due list empty', async () => {
    await ok(backend, 'retention.addRule', { purpose: 'customer_relationship', keep: '3y', anchor: 'last_purchase', action: 'anonymize' });
    await ok(backend, 'erasure.placeHold', { kind: 'litigation', profileId: profileOf('Hugo'), reason: 'Case 12' });
    const preview = unwrap(await runJob(backend, 'retention.previewSweep', {}));
    expect(preview).toMatchObject({ people: 1, left: { held: 1, review: 0, refused: [] } });
    expect(preview.removed.records).toBe(1);
    const early = await runJob(backend, 'retention.runSweep', { id: preview.sweep.id });
    expect(early.ok ? 'ran' : 'refused').toBe('refused');
    const wrong = await backend.call('retention.approveSweep', { id: preview.sweep.id, token: 'not-the-token' });
    expect(wrong.ok ? null : wrong.error.params?.reason).toBe('sweepTokenMismatch');
    const approved = await ok(backend, 'retention.approveSweep', { id: preview.sweep.id, token: preview.token });
    expect(approved.status).toBe('approved');
    const marie = profileOf('Marie');
    const result = unwrap(await runJob(backend, 'retention.runSweep', { id: preview.sweep.id }));
    expect(result).toMatchObject({ erased: 1, skipped: [], sweep: { status: 'done', erased: 1 } });
    const certificate = await ok(backend, 'erasure.certificate', { id: result.certificates[0]! });
    expect(certificate).toMatchObject({ profileId: marie, reason: 'retention' });
    expect(certificate.scan?.clean).toBe(true);
    // Hugo's hold keeps him; once released, he is the only one due.
    expect(await ok(backend, 'retention.due', {})).toMatchObject({ total: 0, held: 1 });
    const audit = await ok(backend, 'audit.list', {});
    const entries = JSON.stringify(audit.entries.filter((entry) => entry.action.startsWith('retention.')));
    expect(entries).toContain('retention.sweep_approved');
    expect(entries).not.toMatch(/Marie|Tremblay|exemple/);
  });

  it('refuses to run a sweep whose people changed since the preview', async () => {
    await ok(backend, 'retention.addRule', { purpose: 'customer_relationship', keep: '3y', anchor: 'last_purchase', action: 'anonymize' });
    const preview = unwrap(await runJob(backend, 'retention.previewSweep', {}));
    await ok(backend, 'retention.approveSweep', { id: preview.sweep.id, token: preview.token });
    // Marie buys again before the run: her plan changed.
    await importShop([
      ...customers(),
      {
        customer: { id: 1, first_name: 'Marie', last_name: 'Tremblay', email: 'marie.tremblay@exemple.ca' },
        orders: [{ id: '1-9', date: '2026-06-29T15:00:00Z', total: '5.00' }],
      },
    ]);
    const run = await runJob(backend, 'retention.runSweep', { id: preview.sweep.id });
    expect(run.ok ? null : run.error.params?.reason).toBe('planChanged');
    expect((await ok(backend, 'retention.sweeps', {}))[0]).toMatchObject({ status: 'refused', refusal: 'planChanged' });
    expect(backend.vaults.current().db.get(sql`SELECT count(*) AS n FROM erasure`)).toEqual({ n: 0 });
    expect((await ok(backend, 'overview.attention', {})).map((item) => item.kind)).toContain('sweepsRefused');
  });

  it('runs an approved sweep at its time while the app is open, not before', async () => {
    await ok(backend, 'retention.addRule', { purpose: 'customer_relationship', keep: '3y', anchor: 'last_purchase', action: 'anonymize' });
    const preview = unwrap(await runJob(backend, 'retention.previewSweep', {}));
    await ok(backend, 'retention.approveSweep', { id: preview.sweep.id, token: preview.token, runAt: '2026-07-01T02:00:00.000Z' });
    const scheduler = backend.sweepScheduler;
    scheduler.tickNow();
    await scheduler.idle();
    expect((await ok(backend, 'retention.sweeps', {}))[0]).toMatchObject({ status: 'approved', erased: null });
    now = new Date('2026-07-01T02:01:00Z');
    scheduler.tickNow();
    await scheduler.idle();
    expect((await ok(backend, 'retention.sweeps', {}))[0]).toMatchObject({ status: 'done', erased: 2 });
  });
});
