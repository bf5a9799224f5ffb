import { describe, expect, it } from 'vitest';
import type { Backend } from '../backend/backend';
import { ADMIN, AUDITOR, createVault, ok, STEWARD } from '../test-support/temp-vault';
import { importPeople, profileOf } from './test-people';

type User = { readonly name: string; readonly passphrase: string };

async function addUser(backend: Backend, user: User, role: 'steward' | 'auditor'): Promise<void> {
  await ok(backend, 'users.add', { name: user.name, role, passphrase: user.passphrase });
}

async function unlockAs(backend: Backend, user: User): Promise<void> {
  await ok(backend, 'vault.lock');
  await ok(backend, 'vault.unlock', { userName: user.name, passphrase: user.passphrase });
}

describe('the purpose catalog', () => {
  it('starts with the default catalog, and takes new purposes with their bases, flags and retention', async () => {
    const { backend } = await createVault();
    const catalog = await ok(backend, 'purposes.list');
    expect(catalog.map((purpose) => [purpose.code, purpose.bases])).toEqual([
      ['customer_relationship', ['contract']],
      ['legal_records', ['legal_obligation']],
      ['email_marketing', ['consent']],
      ['sms_marketing', ['consent']],
      ['profiling', ['consent']],
      ['analytics', ['consent']],
    ]);
    const added = await ok(backend, 'purposes.add', {
      code: 'health_offers',
      nameEn: 'Health offers',
      bases: ['legitimate_interests', 'consent'],
      expressConsent: true,
      saleOrSharing: true,
      retentionDays: 365,
    });
    // The French name defaults to the English one; bases come back in the law's order.
    expect(added).toMatchObject({
      code: 'health_offers',
      nameFr: 'Health offers',
      bases: ['consent', 'legitimate_interests'],
      expressConsent: true,
      saleOrSharing: true,
      retentionDays: 365,
      noticeVersion: 1,
    });
    const again = await backend.call('purposes.add', { code: 'health_offers', nameEn: 'Other', bases: ['consent'] });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', params: { reason: 'purposeExists' } } });
    const badCode = await backend.call('purposes.add', { code: 'Health Offers', nameEn: 'x', bases: ['consent'] });
    expect(badCode).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const noBasis = await backend.call('purposes.add', { code: 'nothing', nameEn: 'x', bases: [] });
    expect(noBasis).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    const [created] = (await ok(backend, 'audit.list', { filter: { action: 'purpose.created' } })).entries;
    expect(created).toMatchObject({
      objectType: 'purpose',
      objectId: String(added.id),
      details: { purposeCode: 'health_offers', bases: ['consent', 'legitimate_interests'] },
    });
  });

  it('never rewrites history: a changed notice makes a new version, and past events keep theirs', async () => {
    const { backend } = await createVault();
    await importPeople(backend, 'Boutique', [
      { id: 1, first: 'Zoé', last: 'Martin', email: 'zoe@exemple.fr', consents: [{ purpose: 'email_marketing', granted: 'yes', date: '2025-01-01' }] },
    ]);
    const zoe = await profileOf(backend, 'zoe');
    await ok(backend, 'consent.record', {
      profileId: zoe,
      purpose: 'email_marketing',
      kind: 'grant',
      method: 'paper',
      evidence: 'form 12',
      at: '2025-02-01T10:00:00Z',
    });

    const changed = await ok(backend, 'purposes.update', { code: 'email_marketing', descriptionEn: 'Newsletters, offers and event invitations by email.' });
    expect(changed.noticeVersion).toBe(2);
    // Flags and retention are not what people were told: the notice version stays.
    expect((await ok(backend, 'purposes.update', { code: 'email_marketing', retentionDays: 730 })).noticeVersion).toBe(2);
    await ok(backend, 'consent.record', { profileId: zoe, purpose: 'email_marketing', kind: 'withdrawal', method: 'email' });

    const shown = await ok(backend, 'consent.show', { profileId: zoe });
    const email = shown.purposes.find((entry) => entry.purpose === 'email_marketing')!;
    // The import did not say which notice the person saw; the steward's events carry the version of their time.
    expect(email.events.map((event) => [event.kind, event.method, event.noticeVersion])).toEqual([
      ['grant', 'import', null],
      ['grant', 'paper', 1],
      ['withdrawal', 'email', 2],
    ]);
    const [updated] = (await ok(backend, 'audit.list', { filter: { action: 'purpose.updated' } })).entries;
    expect(updated?.details).toEqual({ purposeCode: 'email_marketing', changed: ['retentionDays'], noticeVersion: 2 });
  });

  it('refuses to take away a basis a source relies on, and a source declared on a basis its purpose does not allow', async () => {
    const { backend } = await createVault();
    await importPeople(backend, 'Boutique', [{ id: 1, first: 'Zoé', last: 'Martin', email: 'zoe@exemple.fr' }]);
    expect((await ok(backend, 'purposes.get', { code: 'customer_relationship' })).sources).toBe(1);
    const reply = await backend.call('purposes.update', { code: 'customer_relationship', bases: ['legitimate_interests'] });
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', params: { reason: 'basisInUse', purpose: 'customer_relationship', basis: 'contract', sources: 1 } },
    });
    const refused = await backend.call('sources.save', { name: 'Boutique', purposes: ['customer relationship'], lawfulBasis: 'consent', defaultCountry: 'FR' });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', params: { reason: 'basisNotAllowed', purpose: 'customer_relationship', basis: 'consent' } },
    });
    const unknown = await backend.call('sources.save', { name: 'Boutique', purposes: ['astrology'], lawfulBasis: 'consent', defaultCountry: 'FR' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', params: { reason: 'unknownPurpose', purpose: 'astrology' } } });
    // Nothing of either refused save was kept.
    expect(await ok(backend, 'sources.list')).toEqual([
      expect.objectContaining({ purposes: [{ purpose: 'customer relationship', basis: 'contract' }], lawfulBasis: 'contract' }),
    ]);
  });

  it('lets auditors read the catalog and stewards use it, and only administrators change it', async () => {
    const { backend } = await createVault();
    await addUser(backend, STEWARD, 'steward');
    await addUser(backend, AUDITOR, 'auditor');
    for (const user of [STEWARD, AUDITOR]) {
      await unlockAs(backend, user);
      expect((await ok(backend, 'purposes.list')).length).toBe(6);
      expect(await backend.call('purposes.add', { code: 'x', nameEn: 'x', bases: ['consent'] })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await backend.call('purposes.update', { code: 'profiling', nameEn: 'x' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    await unlockAs(backend, ADMIN);
    expect((await ok(backend, 'purposes.get', { code: 'profiling' })).nameEn).toBe('Profiling');
  });
});
