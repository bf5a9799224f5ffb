/**
 * The register and the access package read what the extract engine writes: one extract through `extracts.run`,
 * found by person, and listed in the package of a person included, not of one left out.
 */
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../backend/backend';
import { runJob } from '../../backend/run-job';
import { importPeople, profileOf } from '../../consent/test-people';
import { translator } from '../../i18n/translator';
import { buildPackage, collectForPackage } from '../../requests/package/build';
import { sql } from '../../store/sql';
import { ADMIN, createVault, ok, tempDir } from '../../test-support/temp-vault';

let now = new Date('2026-06-29T14:00:00Z');
let backend: Backend;

beforeEach(async () => {
  now = new Date('2026-06-29T14:00:00Z');
  ({ backend } = await createVault({ now: () => now }));
  backend.vaults.current().db.raw.prepare(`INSERT INTO setting (key, value) VALUES ('time_zone', 'America/Toronto')`).run();
  await importPeople(backend, 'Newsletter', [
    { id: 1, first: 'Zoé', last: 'Martin', email: 'zoe@exemple.fr', consents: [{ purpose: 'email_marketing', granted: 'yes', date: '2026-01-10' }] },
    { id: 2, first: 'Paul', last: 'Roy', email: 'paul@exemple.fr', consents: [{ purpose: 'email_marketing', granted: 'no', date: '2026-01-10' }] },
  ]);
  now = new Date('2026-06-30T14:00:00Z');
});

describe('the register of a real extract', () => {
  it('lists the extract for the person included, in the register and in their access package, and not for the one excluded', async () => {
    const partner = await ok(backend, 'partners.add', { name: 'Envoi Québec', role: 'processor', country: 'CA', subdivision: 'QC' });
    const agreement = await ok(backend, 'agreements.add', {
      partnerId: partner.id,
      title: 'Infolettre',
      purposes: ['email_marketing'],
      basis: 'consent',
      fields: ['email', 'givenName'],
      validFrom: '2026-06-30',
      validTo: '2026-12-31',
      delivery: { kind: 'folder', folder: tempDir() },
    });
    const reply = await runJob(backend, 'extracts.run', { agreementId: agreement.id, outFile: path.join(tempDir(), 'infolettre.csv') });
    if (!reply.ok) throw new Error(JSON.stringify(reply.error));
    const zoe = await profileOf(backend, 'zoe@exemple.fr');
    const paul = await profileOf(backend, 'paul@exemple.fr');

    const mine = await ok(backend, 'register.list', { profileId: zoe });
    expect(mine).toMatchObject({ total: 1, people: 1 });
    expect(mine.entries[0]).toMatchObject({
      id: reply.value.id,
      user: ADMIN.name,
      partnerName: 'Envoi Québec',
      fields: ['email', 'givenName'],
      sha256: reply.value.sha256,
    });
    expect((await ok(backend, 'register.list', { profileId: paul })).total).toBe(0);
    expect((await ok(backend, 'register.list', { from: '2026-06-30', to: '2026-06-30', partnerId: partner.id })).total).toBe(1);

    const db = backend.vaults.current().db;
    const recordsOf = (profileId: number) =>
      db.all<{ id: number }>(sql`SELECT source_record_id AS id FROM profile_member WHERE profile_id = ${profileId}`).map((row) => row.id);
    const meta = {
      requestId: 1,
      requestType: 'access',
      receivedOn: '2026-06-30',
      jurisdiction: 'quebec',
      range: { from: null, to: null },
      timeZone: 'America/Toronto',
      language: 'en',
      organisation: '',
    } as const;
    const zoePackage = collectForPackage(db, { recordIds: recordsOf(zoe), meta, password: null }, now);
    expect(zoePackage.disclosures.map((disclosure) => [disclosure.extractId, disclosure.partner, disclosure.sha256])).toEqual([
      [reply.value.id, 'Envoi Québec', reply.value.sha256],
    ]);
    expect(collectForPackage(db, { recordIds: recordsOf(paul), meta, password: null }, now).disclosures).toEqual([]);
    const built = await buildPackage(zoePackage, { recordIds: recordsOf(zoe), meta, password: null }, translator('en'));
    expect(built.files.map((file) => file.name)).toContain('disclosures.csv');
  });
});
