/** An audience that names a channel leaves out the people who refused it for a purpose of the lease. */
import { describe, expect, it } from 'vitest';
import { runJob, unwrap } from '../../backend/run-job';
import { importPeople, profileOf } from '../../consent/test-people';
import { createVault, ok, tempDir } from '../../test-support/temp-vault';

const NOW = new Date('2026-06-30T14:00:00Z');
const granted = [{ purpose: 'email_marketing', granted: 'yes', date: '2026-01-10' }];

describe('extracts and communication choices', () => {
  it('excludes a person who asked not to be contacted on the channel, or refused it for the lease’s purpose, as doNotContact', async () => {
    let now = new Date('2026-06-29T14:00:00Z');
    const { backend } = await createVault({ now: () => now });
    await importPeople(backend, 'Newsletter', [
      { id: 1, first: 'Zoé', last: 'Martin', email: 'zoe@exemple.fr', consents: granted },
      { id: 2, first: 'Marc', last: 'Tremblay', email: 'marc@exemple.fr', consents: granted },
      { id: 3, first: 'Hugo', last: 'Gagnon', email: 'hugo@exemple.fr', consents: granted },
      { id: 4, first: 'Paul', last: 'Roy', email: 'paul@exemple.fr', consents: [{ purpose: 'email_marketing', granted: 'no', date: '2026-01-10' }] },
    ]);
    // Zoé closed email altogether; Marc refused email for this purpose; Hugo refused only SMS; Paul withdrew his consent.
    await ok(backend, 'contact.record', { profileId: await profileOf(backend, 'zoe'), channel: 'email', kind: 'refused', method: 'email' });
    await ok(backend, 'contact.record', {
      profileId: await profileOf(backend, 'marc'),
      channel: 'email',
      purpose: 'email_marketing',
      kind: 'refused',
      method: 'phone',
    });
    await ok(backend, 'contact.record', { profileId: await profileOf(backend, 'hugo'), channel: 'sms', kind: 'refused', method: 'phone' });
    await ok(backend, 'contact.record', { profileId: await profileOf(backend, 'paul'), channel: 'email', kind: 'refused', method: 'phone' });
    now = NOW;
    const partner = await ok(backend, 'partners.add', { name: 'Envoi Québec', role: 'processor', country: 'CA', subdivision: 'QC' });
    const agreement = await ok(backend, 'agreements.add', {
      partnerId: partner.id,
      title: 'Infolettre',
      purposes: ['email_marketing'],
      basis: 'consent',
      fields: ['profileId', 'email'],
      validFrom: '2026-06-30',
      validTo: '2026-12-31',
      delivery: { kind: 'folder', folder: tempDir('custodia-extracts-') },
    });
    const preview = (audience: Record<string, unknown>) => runJob(backend, 'extracts.preview', { agreementId: agreement.id, audience }).then(unwrap);

    // No channel named: the choices are not asked about, consent alone decides.
    expect(await preview({})).toMatchObject({ audience: 4, included: 3, excluded: { consentWithdrawn: 1, doNotContact: 0 } });
    // By email: Zoé and Marc are left out for it; Paul's withdrawn consent is counted first.
    const byEmail = await preview({ channel: 'email' });
    expect(byEmail).toMatchObject({ audience: 4, included: 1, excluded: { consentWithdrawn: 1, doNotContact: 2 } });
    expect(byEmail.sample.map((row) => row.email)).toEqual(['hugo@exemple.fr']);
    expect(await preview({ channel: 'sms' })).toMatchObject({ included: 2, excluded: { consentWithdrawn: 1, doNotContact: 1 } });

    const entry = unwrap(await runJob(backend, 'extracts.run', { agreementId: agreement.id, audience: { channel: 'email' } }));
    expect(entry).toMatchObject({ people: 1, excluded: 3 });
  });
});
