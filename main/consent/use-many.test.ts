/** consentOfMany gives, for every person and purpose, what mayUse gives for each. */
import { describe, expect, it } from 'vitest';
import { sql } from '../store/sql';
import { createVault, ok } from '../test-support/temp-vault';
import { mayUse } from './state';
import { importPeople, profileOf } from './test-people';
import { consentOfMany } from './use-many';

let now = new Date('2026-06-01T12:00:00.000Z');

describe('consentOfMany', () => {
  it('answers as mayUse does: grants, withdrawals, expiries, objections, sale opt-outs, express consent, declared bases', async () => {
    const { backend } = await createVault({ now: () => now });
    await ok(backend, 'purposes.add', {
      code: 'health_offers',
      nameEn: 'Health offers',
      bases: ['consent', 'legal_obligation', 'legitimate_interests'],
      expressConsent: true,
    });
    await ok(backend, 'purposes.add', { code: 'data_sharing', nameEn: 'Sharing', bases: ['consent', 'legitimate_interests'], saleOrSharing: true });
    await ok(backend, 'purposes.add', { code: 'ad_partners', nameEn: 'Advertising partners', bases: ['consent'], saleOrSharing: true });
    const person = (id: number, consents: { purpose: string; granted: unknown; date?: string }[] = []) => ({
      id,
      first: `Prénom${id}`,
      last: `Nom${id}`,
      email: `p${id}@exemple.fr`,
      consents,
    });
    await importPeople(backend, 'CRM', [
      person(1, [{ purpose: 'email_marketing', granted: 'yes', date: '2025-01-01' }]),
      person(2, [{ purpose: 'email_marketing', granted: 'no', date: '2025-01-01' }]),
      person(3, [
        { purpose: 'health_offers', granted: 'yes', date: '2025-01-01' },
        { purpose: 'ad_partners', granted: 'yes', date: '2025-01-01' },
      ]),
      person(4, [
        { purpose: 'data_sharing', granted: 'yes', date: '2025-01-01' },
        { purpose: 'email_marketing', granted: 'yes', date: '2025-01-01' },
      ]),
      person(5),
      person(6, [{ purpose: 'sms_marketing', granted: 'yes', date: '2025-06-01' }]),
    ]);
    await importPeople(backend, 'Partners', [person(7), person(8, [{ purpose: 'ad_partners', granted: 'yes', date: '2025-01-01' }])], {
      purposes: [
        'customer relationship',
        { purpose: 'data_sharing', basis: 'legitimate_interests' },
        { purpose: 'health_offers', basis: 'legitimate_interests' },
      ],
      lawfulBasis: 'contract',
    });
    await importPeople(backend, 'Registry', [person(9)], { purposes: ['health_offers'], lawfulBasis: 'legal_obligation' });
    const id = (n: number) => profileOf(backend, `p${n}@exemple.fr`);
    const record = async (n: number, purpose: string, kind: string, extra: Record<string, unknown> = {}) =>
      ok(backend, 'consent.record', { profileId: await id(n), purpose, kind, method: 'web_form', ...extra });
    await record(1, 'sms_marketing', 'grant', { at: '2025-02-01T00:00:00Z', expiresAt: '2026-01-01T00:00:00Z' });
    await record(1, 'analytics', 'grant', { at: '2025-02-01T00:00:00Z', expiresAt: '2027-01-01T00:00:00Z' });
    await record(2, 'email_marketing', 'grant', { at: '2025-03-01T00:00:00Z' });
    await record(2, 'email_marketing', 'withdrawal', { at: '2025-04-01T00:00:00Z' });
    await record(3, 'health_offers', 'grant', { at: '2025-02-01T00:00:00Z', evidence: 'form-88' });
    await record(4, 'email_marketing', 'objection', { at: '2025-05-01T00:00:00Z' });
    await record(4, 'ad_partners', 'withdrawal', { at: '2025-05-01T00:00:00Z' });
    await record(7, 'ad_partners', 'withdrawal', { at: '2025-05-01T00:00:00Z' });
    await record(8, 'profiling', 'objection', { at: '2025-05-01T00:00:00Z' });
    // An event dated after the extract's moment has not happened yet at that moment.
    await record(5, 'email_marketing', 'grant', { at: '2026-05-01T00:00:00Z' });
    now = new Date('2026-03-01T12:00:00.000Z');

    const db = backend.vaults.current().db;
    const purposes = db.all<{ code: string }>(sql`SELECT code FROM purpose ORDER BY id`).map((row) => row.code);
    const profiles = db.all<{ id: number }>(sql`SELECT id FROM profile WHERE status = 'active' ORDER BY id`).map((row) => row.id);
    expect(profiles).toHaveLength(9);
    const many = consentOfMany(db, purposes, now);
    const reasons = new Set<string>();
    for (const profileId of profiles) {
      for (const purpose of purposes) {
        const one = mayUse(db, profileId, purpose, now);
        reasons.add(one.reason);
        expect({ profileId, purpose, ...many.use(profileId, purpose) }).toEqual({ profileId, purpose, ...one });
      }
    }
    // The comparison covered every kind of answer.
    expect([...reasons].sort()).toEqual(
      [
        'consentExpired',
        'consentGranted',
        'consentWithdrawn',
        'declaredBasis',
        'expressConsentRequired',
        'noBasis',
        'noConsent',
        'objected',
        'optedOutOfSale',
      ].sort(),
    );
    // Asked about one purpose only, the answers are the same.
    const one = consentOfMany(db, ['data_sharing'], now);
    for (const profileId of profiles) expect(one.use(profileId, 'data_sharing')).toEqual(mayUse(db, profileId, 'data_sharing', now));
  });
});
