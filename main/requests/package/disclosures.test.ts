/** The access package lists the partner register's extracts that included the person, and no one else's. */
import fs from 'node:fs';
import path from 'node:path';
import { configure, Uint8ArrayReader, Uint8ArrayWriter, ZipReader } from '@zip.js/zip.js';
import Papa from 'papaparse';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../backend/backend';
import { runJob, unwrap } from '../../backend/run-job';
import { translator } from '../../i18n/translator';
import { sql } from '../../store/sql';
import { createVault, ok, tempDir } from '../../test-support/temp-vault';
import { buildPackage, collectForPackage, type PackageInput } from './build';
import type { PackageMeta } from './report';

configure({ useWebWorkers: false });
const now = new Date('2026-01-05T12:00:00Z');
let backend: Backend;
let records: { helene: number[]; bruno: number[]; zoe: number[] };
let profiles: { helene: number; bruno: number; zoe: number };
let agreement: number;
let partner: number;

const meta = (overrides: Partial<PackageMeta> = {}): PackageMeta => ({
  requestId: 7,
  requestType: 'access',
  receivedOn: '2026-06-01',
  jurisdiction: 'quebec',
  range: { from: null, to: null },
  timeZone: 'America/Toronto',
  language: 'en',
  organisation: 'Boutique Exemple',
  ...overrides,
});

async function files(recordIds: readonly number[], overrides: Partial<PackageMeta> = {}): Promise<{ sha256: string; files: Map<string, Buffer> }> {
  const input: PackageInput = { recordIds, meta: meta(overrides), password: null };
  const built = await buildPackage(collectForPackage(backend.vaults.current().db, input, now), input, translator(input.meta.language as 'fr' | 'en'));
  const reader = new ZipReader(new Uint8ArrayReader(new Uint8Array(built.bytes)));
  const out = new Map<string, Buffer>();
  for (const entry of await reader.getEntries()) if (!entry.directory) out.set(entry.filename, Buffer.from(await entry.getData!(new Uint8ArrayWriter())));
  await reader.close();
  return { sha256: built.sha256, files: out };
}

function extract(at: string, profileIds: readonly number[], sha: string): number {
  const db = backend.vaults.current().db;
  const id = Number(
    db.run(sql`
      INSERT INTO extract (agreement_id, partner_id, user_id, at, purposes, fields, format, people, excluded, file_name, sha256, bytes, delivered_to)
      VALUES (${agreement}, ${partner}, 1, ${at}, '["customer_relationship"]', '["profileId","email","givenName"]', 'csv', ${profileIds.length}, 0,
        'mailer.csv', ${sha.repeat(64)}, 100, 'file')`).lastInsertRowid,
  );
  for (const profileId of profileIds) db.run(sql`INSERT INTO disclosure (profile_id, extract_id) VALUES (${profileId}, ${id})`);
  return id;
}

const disclosuresIn = (out: Map<string, Buffer>) =>
  (
    JSON.parse(out.get('data.json')!.toString('utf8')) as {
      disclosures: { extractId: number; at: string; partner: string; country: string; fields: string[]; sha256: string }[];
    }
  ).disclosures;

beforeEach(async () => {
  now.setTime(Date.parse('2026-01-05T12:00:00Z'));
  ({ backend } = await createVault({ now: () => now }));
  const file = path.join(tempDir(), 'shop.json');
  const person = (id: number, first: string, last: string) => ({
    customer: { id, first_name: first, last_name: last, email: `${first.toLowerCase()}@exemple.ca` },
  });
  fs.writeFileSync(file, JSON.stringify([person(1, 'Helene', 'Gagnon'), person(2, 'Bruno', 'Levesque'), person(3, 'Zoe', 'Roy')]));
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
  const db = backend.vaults.current().db;
  const of = (name: string) =>
    db.all<{ id: number; profile: number }>(
      sql`SELECT r.id, m.profile_id AS profile FROM source_record r JOIN profile_member m ON m.source_record_id = r.id WHERE r.given_name = ${name}`,
    );
  const [helene, bruno, zoe] = [of('Helene'), of('Bruno'), of('Zoe')];
  records = { helene: helene.map((row) => row.id), bruno: bruno.map((row) => row.id), zoe: zoe.map((row) => row.id) };
  profiles = { helene: helene[0]!.profile, bruno: bruno[0]!.profile, zoe: zoe[0]!.profile };
  partner = (await ok(backend, 'partners.add', { name: 'Envoi Courriel', role: 'processor', country: 'CA', subdivision: 'QC' })).id;
  agreement = (
    await ok(backend, 'agreements.add', {
      partnerId: partner,
      title: 'Infolettre',
      purposes: ['customer_relationship'],
      basis: 'contract',
      fields: ['profileId', 'email', 'givenName'],
      validFrom: '2026-01-05',
      validTo: '2026-12-31',
      delivery: { kind: 'folder', folder: '/tmp/out' },
    })
  ).id;
  now.setTime(Date.parse('2026-06-30T12:00:00Z'));
});

describe('the disclosures of an access package', () => {
  it('lists each extract that included the person, with the partner and what was sent, and none to anyone left out', async () => {
    const march = extract('2026-03-01T05:00:00.000Z', [profiles.helene, profiles.bruno], 'a');
    extract('2026-04-01T12:00:00.000Z', [profiles.bruno], 'b');

    const { files: helene } = await files(records.helene);
    expect(disclosuresIn(helene)).toEqual([
      {
        extractId: march,
        at: '2026-03-01T05:00:00.000Z',
        partner: 'Envoi Courriel',
        role: 'processor',
        country: 'CA-QC',
        agreement: 'Infolettre',
        purposes: ['customer_relationship'],
        fields: ['profileId', 'email', 'givenName'],
        sha256: 'a'.repeat(64),
      },
    ]);
    const csv = Papa.parse<string[]>(helene.get('disclosures.csv')!.toString('utf8').slice(1).trim()).data;
    expect(csv).toEqual([
      ['extract_id', 'at', 'partner', 'role', 'country', 'agreement', 'purposes', 'fields', 'file_sha256'],
      [
        String(march),
        '2026-03-01T05:00:00.000Z',
        'Envoi Courriel',
        'processor',
        'CA-QC',
        'Infolettre',
        'customer_relationship',
        'profileId, email, givenName',
        'a'.repeat(64),
      ],
    ]);
    const html = helene.get('report.html')!.toString('utf8');
    expect(html).toContain('Your information was sent once to another organisation');
    expect(html).toContain('Envoi Courriel (a service provider acting on our behalf, CA-QC)');
    expect(html).toContain('Our reference number for you, Email, Given name');
    expect(html).not.toContain('No disclosure of your information');
    // Nothing says who else was in the extract: not Bruno, not how many people.
    expect(
      [...helene.entries()]
        .filter(([name]) => name !== 'report.pdf')
        .map(([, bytes]) => bytes.toString('utf8'))
        .join('\n'),
    ).not.toMatch(/Bruno|Levesque/);

    const { files: zoe } = await files(records.zoe, { language: 'fr' });
    expect(disclosuresIn(zoe)).toEqual([]);
    expect(zoe.get('disclosures.csv')!.toString('utf8').trim().split('\r\n')).toHaveLength(1);
    expect(zoe.get('report.html')!.toString('utf8')).toContain('Aucune communication de vos renseignements à une autre organisation n’est consignée.');
    expect(disclosuresIn((await files(records.bruno)).files).map((disclosure) => disclosure.sha256[0])).toEqual(['a', 'b']);
  });

  it('keeps to the package’s period in the vault’s zone, follows merges and stays byte-identical', async () => {
    // 1 March 00:00 in Montréal is 05:00 UTC; 30 April 23:59:59 is 1 May 03:59:59 UTC.
    extract('2026-03-01T04:59:59.000Z', [profiles.helene], 'a');
    extract('2026-03-01T05:00:00.000Z', [profiles.helene], 'b');
    extract('2026-05-01T03:59:59.000Z', [profiles.zoe], 'c');
    extract('2026-05-01T04:00:00.000Z', [profiles.helene], 'd');
    // Zoé's profile is found to be Hélène's after the extract that named it.
    const db = backend.vaults.current().db;
    db.run(sql`UPDATE profile SET status = 'merged', merged_into = ${profiles.helene} WHERE id = ${profiles.zoe}`);
    db.run(sql`UPDATE profile_member SET profile_id = ${profiles.helene} WHERE profile_id = ${profiles.zoe}`);

    const whole = await files(records.helene);
    expect(disclosuresIn(whole.files).map((disclosure) => disclosure.sha256[0])).toEqual(['a', 'b', 'c', 'd']);
    const spring = await files(records.helene, { range: { from: '2026-03-01', to: '2026-04-30' } });
    expect(disclosuresIn(spring.files).map((disclosure) => disclosure.sha256[0])).toEqual(['b', 'c']);
    expect(spring.files.get('report.html')!.toString('utf8')).toContain('Your information was sent 2 times to other organisations');
    expect((await files(records.helene, { range: { from: '2026-03-01', to: '2026-04-30' } })).sha256).toBe(spring.sha256);
  });
});
