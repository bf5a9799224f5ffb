import { describe, expect, it } from 'vitest';
import { createVault, ok } from '../test-support/temp-vault';
import { isExpressGrant } from './state';
import { importPeople, profileOf } from './test-people';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const clock = () => NOW;

describe('mayUse and the catalog’s flags', () => {
  it('counts only express consent for a purpose that needs it: a grant recorded by a person or with evidence, or a legal obligation', async () => {
    const { backend } = await createVault({ now: clock });
    await ok(backend, 'purposes.add', {
      code: 'health_offers',
      nameEn: 'Health offers',
      bases: ['consent', 'legal_obligation', 'legitimate_interests'],
      expressConsent: true,
    });
    // The CRM's yes/no cell says nothing of how the question was asked: implied, not express.
    await importPeople(backend, 'CRM', [
      { id: 1, first: 'Zoé', last: 'Martin', email: 'zoe@exemple.fr', consents: [{ purpose: 'health_offers', granted: 'yes', date: '2025-01-01' }] },
    ]);
    const zoe = await profileOf(backend, 'zoe');
    const may = (profileId: number, purpose = 'health_offers') => ok(backend, 'consent.mayUse', { profileId, purpose });
    expect(await may(zoe)).toEqual({ allowed: false, reason: 'expressConsentRequired', basis: null });

    await ok(backend, 'consent.record', {
      profileId: zoe,
      purpose: 'health_offers',
      kind: 'grant',
      method: 'web_form',
      evidence: 'form-88',
      at: '2025-02-01T00:00:00Z',
    });
    expect(await may(zoe)).toEqual({ allowed: true, reason: 'consentGranted', basis: 'consent' });
    // A later implied grant leaves the express one in force.
    await importPeople(backend, 'CRM', [
      { id: 1, first: 'Zoé', last: 'Martin', email: 'zoe@exemple.fr', consents: [{ purpose: 'health_offers', granted: 'yes', date: '2025-03-01' }] },
    ]);
    const again = await profileOf(backend, 'zoe');
    expect(await may(again)).toMatchObject({ allowed: true, reason: 'consentGranted' });
    // After a withdrawal, an implied grant is not enough.
    await ok(backend, 'consent.record', { profileId: again, purpose: 'health_offers', kind: 'withdrawal', method: 'phone', at: '2025-04-01T00:00:00Z' });
    await importPeople(backend, 'CRM', [
      { id: 1, first: 'Zoé', last: 'Martin', email: 'zoe@exemple.fr', consents: [{ purpose: 'health_offers', granted: 'yes', date: '2025-05-01' }] },
    ]);
    expect((await ok(backend, 'consent.show', { profileId: again })).purposes.find((entry) => entry.purpose === 'health_offers')?.state).toBe('granted');
    expect(await may(again)).toEqual({ allowed: false, reason: 'expressConsentRequired', basis: null });

    // A legitimate interest cannot stand in for express consent; a legal obligation can.
    await importPeople(backend, 'Partners', [{ id: 2, first: 'Léa', last: 'Roy', email: 'lea@exemple.fr' }], {
      purposes: ['customer relationship', { purpose: 'health_offers', basis: 'legitimate_interests' }],
      lawfulBasis: 'contract',
    });
    expect(await may(await profileOf(backend, 'lea'))).toEqual({ allowed: false, reason: 'expressConsentRequired', basis: null });
    await importPeople(backend, 'Registry', [{ id: 3, first: 'Marc', last: 'Roy', email: 'marc@exemple.fr' }], {
      purposes: ['health_offers'],
      lawfulBasis: 'legal_obligation',
    });
    expect(await may(await profileOf(backend, 'marc'))).toEqual({ allowed: true, reason: 'declaredBasis', basis: 'legal_obligation' });
    // Purposes without the flag are unchanged: an implied grant is consent.
    expect(isExpressGrant({ method: 'import', evidence: null })).toBe(false);
    expect(isExpressGrant({ method: 'import', evidence: 'signed form #12' })).toBe(true);
    expect(isExpressGrant({ method: 'phone', evidence: null })).toBe(true);
  });

  it('refuses a sale/sharing purpose to a person who opted out of any of them, whatever the basis', async () => {
    const { backend } = await createVault({ now: clock });
    await ok(backend, 'purposes.add', {
      code: 'data_sharing',
      nameEn: 'Sharing with partners',
      bases: ['consent', 'legitimate_interests'],
      saleOrSharing: true,
    });
    await ok(backend, 'purposes.add', { code: 'ad_partners', nameEn: 'Advertising partners', bases: ['consent'], saleOrSharing: true });
    await importPeople(backend, 'CRM', [{ id: 1, first: 'Zoé', last: 'Martin', email: 'zoe@exemple.fr' }], {
      purposes: ['customer relationship', { purpose: 'data_sharing', basis: 'legitimate_interests' }],
      lawfulBasis: 'contract',
    });
    const zoe = await profileOf(backend, 'zoe');
    const may = (purpose: string) => ok(backend, 'consent.mayUse', { profileId: zoe, purpose });
    expect(await may('data_sharing')).toEqual({ allowed: true, reason: 'declaredBasis', basis: 'legitimate_interests' });

    // "Do not sell or share my personal information", said about the advertising partners: it covers every sale/sharing purpose.
    await ok(backend, 'consent.record', { profileId: zoe, purpose: 'ad_partners', kind: 'withdrawal', method: 'web_form', at: '2026-01-01T00:00:00Z' });
    expect(await may('data_sharing')).toEqual({ allowed: false, reason: 'optedOutOfSale', basis: null });
    expect(await may('ad_partners')).toEqual({ allowed: false, reason: 'optedOutOfSale', basis: null });
    // Purposes that are not a sale or a sharing are not touched by it.
    expect(await may('customer_relationship')).toEqual({ allowed: true, reason: 'declaredBasis', basis: 'contract' });

    // A later opt-in is the person's latest word.
    await ok(backend, 'consent.record', { profileId: zoe, purpose: 'ad_partners', kind: 'grant', method: 'web_form', at: '2026-03-01T00:00:00Z' });
    expect(await may('ad_partners')).toEqual({ allowed: true, reason: 'consentGranted', basis: 'consent' });
    expect(await may('data_sharing')).toEqual({ allowed: true, reason: 'declaredBasis', basis: 'legitimate_interests' });
    // An objection to one is an opt-out too, and stops that purpose as an objection.
    await ok(backend, 'consent.record', { profileId: zoe, purpose: 'data_sharing', kind: 'objection', method: 'email', at: '2026-04-01T00:00:00Z' });
    expect(await may('data_sharing')).toEqual({ allowed: false, reason: 'objected', basis: null });
    expect(await may('ad_partners')).toEqual({ allowed: false, reason: 'optedOutOfSale', basis: null });
  });
});
