/** An audience by language: the golden record's language, as imported from the people's own sources. */
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../backend/backend';
import { runJob, unwrap } from '../../backend/run-job';
import { profileOf } from '../../consent/test-people';
import { createVault, ok, tempDir } from '../../test-support/temp-vault';

const NOW = new Date('2026-06-30T14:00:00Z');
const granted = [{ purpose: 'email_marketing', granted: 'yes', date: '2026-01-10' }];
const people = [
  { id: 1, first: 'Zoé', last: 'Martin', email: 'zoe@exemple.fr', language: 'français', consents: granted },
  { id: 2, first: 'Marc', last: 'Tremblay', email: 'marc@exemple.ca', language: 'fr-CA', consents: granted },
  { id: 3, first: 'John', last: 'Smith', email: 'john@example.com', language: 'English', consents: granted },
  // Withdrawn: in the audience, excluded from the extract.
  {
    id: 4,
    first: 'Paul',
    last: 'Roy',
    email: 'paul@exemple.ca',
    language: 'FR',
    consents: [{ purpose: 'email_marketing', granted: 'no', date: '2026-01-10' }],
  },
  // No language stated, and one Custodia cannot read: neither is in an audience by language.
  { id: 5, first: 'Léa', last: 'Côté', email: 'lea@exemple.ca', language: '', consents: granted },
  { id: 6, first: 'Kim', last: 'Lee', email: 'kim@example.com', language: 'Klingon', consents: granted },
];

let now: Date;
let backend: Backend;
let folder: string;

const preview = (input: Record<string, unknown>) => runJob(backend, 'extracts.preview', input).then(unwrap);

beforeEach(async () => {
  now = new Date('2026-06-29T14:00:00Z');
  ({ backend } = await createVault({ now: () => now }));
  folder = tempDir('custodia-extracts-');
  const file = path.join(tempDir(), 'newsletter.json');
  fs.writeFileSync(
    file,
    JSON.stringify(
      people.map((person) => ({
        customer: { id: person.id, first_name: person.first, last_name: person.last, email: person.email, language: person.language },
        consents: person.consents,
      })),
    ),
  );
  const suggested = await ok(backend, 'import.preview', { file });
  expect(suggested.mapping.columns).toContainEqual({ column: 'customer.language', field: 'language' });
  unwrap(await runJob(backend, 'import.file', { file, source: 'Newsletter', options: {}, mapping: { ...suggested.mapping, defaultCountry: 'FR' } }));
  now = NOW;
});

async function agreement(): Promise<number> {
  const partner = await ok(backend, 'partners.add', { name: 'Envoi Québec', role: 'processor', country: 'CA', subdivision: 'QC' });
  const signed = await ok(backend, 'agreements.add', {
    partnerId: partner.id,
    title: 'Infolettre',
    purposes: ['email_marketing'],
    basis: 'consent',
    fields: ['profileId', 'email', 'language'],
    validFrom: '2026-06-30',
    validTo: '2026-12-31',
    delivery: { kind: 'folder', folder },
  });
  return signed.id;
}

describe('an audience by language', () => {
  it('keeps the people whose golden language is one of those asked for, and writes the language as an agreed field', async () => {
    const id = await agreement();
    expect(await preview({ agreementId: id })).toMatchObject({ audience: 6, included: 5 });
    expect(await preview({ agreementId: id, audience: { languages: ['fr'] } })).toMatchObject({
      audience: 3,
      included: 2,
      excluded: { consentWithdrawn: 1 },
    });
    // Codes are read in either case; several languages are any of them.
    expect(await preview({ agreementId: id, audience: { languages: ['FR', 'en'] } })).toMatchObject({ audience: 4, included: 3 });
    expect(await preview({ agreementId: id, audience: { languages: ['pl'] } })).toMatchObject({ audience: 0, included: 0 });
    // With a country as well, both must hold (Zoé's and Marc's records state no country).
    expect(await preview({ agreementId: id, audience: { languages: ['fr'], countries: ['CA'] } })).toMatchObject({ audience: 0 });
    const refused = await runJob(backend, 'extracts.preview', { agreementId: id, audience: { languages: ['french'] } });
    expect(refused.ok).toBe(false);

    const entry = unwrap(await runJob(backend, 'extracts.run', { agreementId: id, audience: { languages: ['fr', 'en'] }, format: 'json' }));
    // Paul's withdrawal leaves him out of the file, counted.
    expect(entry).toMatchObject({ people: 3, excluded: 1, fields: ['profileId', 'email', 'language'] });
    const rows = JSON.parse(fs.readFileSync(path.join(folder, entry.fileName), 'utf8')) as { profileId: number; email: string; language: string }[];
    expect(rows.map((row) => [row.email, row.language]).sort()).toEqual([
      ['john@example.com', 'en'],
      ['marc@exemple.ca', 'fr'],
      ['zoe@exemple.fr', 'fr'],
    ]);
    expect(rows.find((row) => row.email === 'zoe@exemple.fr')?.profileId).toBe(await profileOf(backend, 'zoe@exemple.fr'));
  });
});
