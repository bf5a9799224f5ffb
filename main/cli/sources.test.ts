import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Source } from '../api/contract';
import { asAdmin, asAuditor, cli, initVault } from '../test-support/cli';
import { AUDITOR, tempDir } from '../test-support/temp-vault';

const EXPORT = ['no_client;prénom;nom;courriel;téléphone;ville', '1;Hélène;Tremblay;helene@exemple.ca;01 23 45 67 89;Montréal'].join('\n');

async function show(dir: string, name: string): Promise<Source> {
  const run = await cli(['sources', 'show', name, '--json'], asAdmin(dir));
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Source;
}

describe('custodia sources show and set', () => {
  it('declares a source only with a purpose and a lawful basis, and shows it', async () => {
    const dir = await initVault();
    const bare = await cli(['sources', 'set', 'Caisse'], asAdmin(dir));
    expect(bare).toMatchObject({ code: 2, stderr: expect.stringMatching(/nothing to change: give --purpose, --basis, --country, --mapping or --purpose-map/) });
    const guessed = await cli(['sources', 'set', 'Caisse', '--country', 'fr'], asAdmin(dir));
    expect(guessed.stderr).toMatch(/there is no source named Caisse yet: give --purpose and --basis to declare it \(INVALID_INPUT\)/);

    // Purposes come from the catalog, each on a basis it allows.
    const unknown = await cli(['sources', 'set', 'Caisse', '--purpose', 'fidélité', '--basis', 'consent'], asAdmin(dir));
    expect(unknown.stderr).toMatch(/there is no purpose fidélité in the catalog \(INVALID_INPUT\)/);
    const wrongBasis = await cli(['sources', 'set', 'Caisse', '--purpose', 'profiling', '--basis', 'contract'], asAdmin(dir));
    expect(wrongBasis.stderr).toMatch(/the purpose profiling cannot rest on the basis contract/);
    const declared = await cli(
      ['sources', 'set', 'Caisse', '--purpose', 'Profiling', 'email marketing', '--basis', 'consent', '--country', 'fr'],
      asAdmin(dir),
    );
    expect(declared.code).toBe(0);
    expect(declared.stdout).toMatch(
      /^Source Caisse declared\.\nCaisse \(file\)\n {2}purposes: Profiling \(consent\), email marketing \(consent\)\n {2}lawful basis: consent \(of purposes declared without their own\)\n {2}default country: FR\n/,
    );
    expect(await show(dir, 'caisse')).toMatchObject({
      name: 'Caisse',
      kind: 'file',
      purposes: [
        { purpose: 'Profiling', basis: 'consent' },
        { purpose: 'email marketing', basis: 'consent' },
      ],
      lawfulBasis: 'consent',
      defaultCountry: 'FR',
      mapping: null,
    });
    const catalog = JSON.parse((await cli(['purposes', 'list', '--json'], asAdmin(dir))).stdout) as Array<{ code: string; sources: number }>;
    expect(catalog.filter((purpose) => purpose.sources > 0).map((purpose) => purpose.code)).toEqual(['email_marketing', 'profiling']);
    expect((await cli(['sources', 'show', 'Nowhere'], asAdmin(dir))).stderr).toMatch(/there is no source named Nowhere \(NOT_FOUND\)/);
  });

  it('declares a basis per purpose with --purpose CODE=BASIS, a bare code on --basis', async () => {
    const dir = await initVault();
    const badBasis = await cli(['sources', 'set', 'Caisse', '--purpose', 'profiling=maybe'], asAdmin(dir));
    expect(badBasis).toMatchObject({ code: 2, stderr: expect.stringMatching(/"maybe" is not a lawful basis/) });
    // Each purpose on its own basis: without --basis, the source takes the first one given.
    const declared = await cli(['sources', 'set', 'Caisse', '--purpose', 'email_marketing=consent', 'legal_records=legal_obligation'], asAdmin(dir));
    expect(declared.code).toBe(0);
    expect(declared.stdout).toMatch(/purposes: email_marketing \(consent\), legal_records \(legal_obligation\)\n {2}lawful basis: consent/);
    const rows = JSON.parse((await cli(['sources', 'list', '--json'], asAdmin(dir))).stdout) as Array<{ purposes: unknown[] }>;
    expect(rows[0]?.purposes).toEqual([
      { purpose: 'email_marketing', basis: 'consent' },
      { purpose: 'legal_records', basis: 'legal_obligation' },
    ]);
    // A bare code takes --basis; a basis its purpose does not allow is refused with the purpose named.
    const mixed = await cli(['sources', 'set', 'Caisse', '--purpose', 'customer relationship', 'sms_marketing=consent', '--basis', 'contract'], asAdmin(dir));
    expect(mixed.code).toBe(0);
    expect((await show(dir, 'Caisse')).purposes).toEqual([
      { purpose: 'customer relationship', basis: 'contract' },
      { purpose: 'sms_marketing', basis: 'consent' },
    ]);
    const refused = await cli(['sources', 'set', 'Caisse', '--purpose', 'sms_marketing=contract'], asAdmin(dir));
    expect(refused.stderr).toMatch(/the purpose sms_marketing cannot rest on the basis contract/);
    // --basis alone moves only the purposes that were on the source's basis.
    expect((await cli(['purposes', 'edit', 'customer_relationship', '--bases', 'contract,legitimate_interests'], asAdmin(dir))).code).toBe(0);
    await cli(['sources', 'set', 'Caisse', '--basis', 'legitimate_interests'], asAdmin(dir));
    expect(await show(dir, 'Caisse')).toMatchObject({
      lawfulBasis: 'legitimate_interests',
      purposes: [
        { purpose: 'customer relationship', basis: 'legitimate_interests' },
        { purpose: 'sms_marketing', basis: 'consent' },
      ],
    });
    // On import too.
    const file = path.join(tempDir(), 'clients.csv');
    fs.writeFileSync(file, EXPORT);
    const imported = await cli(
      ['import', file, '--source', 'Boutique', '--purpose', 'customer_relationship', 'email marketing=consent', '--basis', 'contract'],
      asAdmin(dir),
    );
    expect(imported.code).toBe(0);
    expect((await show(dir, 'Boutique')).purposes).toEqual([
      { purpose: 'customer_relationship', basis: 'contract' },
      { purpose: 'email marketing', basis: 'consent' },
    ]);
  });

  it('maps a file’s purpose texts the catalog lacks to catalog purposes with --purpose-map, saved with the mapping', async () => {
    const dir = await initVault();
    const file = path.join(tempDir(), 'boutique.json');
    const people = [
      {
        customer: { id: 1, first_name: 'Zoé', last_name: 'Martin', email: 'zoe@exemple.fr' },
        consents: [{ purpose: 'Club Fidélité', granted: 'yes', date: '2025-01-01' }],
      },
      {
        customer: { id: 2, first_name: 'Bo', last_name: 'Berg', email: 'bo@exemple.fr' },
        consents: [{ purpose: 'Horoscope', granted: 'yes', date: '2025-01-02' }],
      },
    ];
    fs.writeFileSync(file, JSON.stringify(people));
    expect((await cli(['import', file, '--source', 'Boutique', '--purpose-map', 'Club'], asAdmin(dir))).stderr).toMatch(/expected TEXT=CODE/);
    const run = await cli(
      ['import', file, '--source', 'Boutique', '--country', 'FR', '--purpose-map', 'Club Fidélité=email_marketing', '--json'],
      asAdmin(dir),
    );
    expect(run.code).toBe(0);
    // The unmatched text flags the consent; both records are kept.
    expect(JSON.parse(run.stdout)).toMatchObject({ inserted: 2, rejected: 0, flagged: 1 });
    expect((await show(dir, 'Boutique')).mapping?.purposeAliases).toEqual({ 'Club Fidélité': 'email_marketing' });
    // Added to the saved mapping without a file; a code the catalog lacks is refused.
    expect((await cli(['sources', 'set', 'Boutique', '--purpose-map', 'Horoscope=astrology'], asAdmin(dir))).stderr).toMatch(
      /there is no purpose astrology in the catalog/,
    );
    expect((await cli(['sources', 'set', 'Boutique', '--purpose-map', 'Horoscope=profiling'], asAdmin(dir))).code).toBe(0);
    expect((await show(dir, 'Boutique')).mapping?.purposeAliases).toEqual({ 'Club Fidélité': 'email_marketing', Horoscope: 'profiling' });
    await cli(['sources', 'set', 'Nouvelle', '--purpose', 'profiling=consent'], asAdmin(dir));
    expect((await cli(['sources', 'set', 'Nouvelle', '--purpose-map', 'x=profiling'], asAdmin(dir))).stderr).toMatch(/no saved mapping yet/);
  });

  it('changes the saved mapping and the declaration without importing, audited, and the next import uses them', async () => {
    const dir = await initVault();
    const file = path.join(tempDir(), 'clients.csv');
    fs.writeFileSync(file, EXPORT);
    expect((await cli(['import', file, '--source', 'Boutique', '--country', 'FR'], asAdmin(dir))).code).toBe(0);

    // The mapping as `show --json` prints it, edited: the city is no longer imported.
    const mapping = (await show(dir, 'Boutique')).mapping!;
    expect(mapping.columns).toContainEqual({ column: 'ville', field: 'city' });
    const edited = { ...mapping, columns: mapping.columns.filter((column) => column.column !== 'ville') };
    const stdin = Object.assign(Readable.from([JSON.stringify(edited)]), { isTTY: false });
    expect((await cli(['purposes', 'edit', 'customer_relationship', '--bases', 'contract,legitimate_interests'], asAdmin(dir))).code).toBe(0);
    const set = await cli(['sources', 'set', 'Boutique', '--mapping', '-', '--basis', 'legitimate_interests'], asAdmin(dir), { stdin });
    expect(set.code).toBe(0);
    expect(set.stdout).toMatch(/^Source Boutique updated\./);

    const entry = JSON.parse((await cli(['audit', 'list', '--action', 'source.saved', '--json'], asAdmin(dir))).stdout).entries[0];
    // --basis alone moves the purposes that were on the source's basis with it.
    expect(entry.details).toMatchObject({
      changed: ['purposes', 'lawfulBasis', 'mapping'],
      purposesAfter: ['customer relationship=legitimate_interests'],
      lawfulBasisBefore: 'contract',
      lawfulBasisAfter: 'legitimate_interests',
      mappingChanged: true,
    });

    // A country given again moves the saved mapping with it: the source reads its rows in one country.
    await cli(['sources', 'set', 'Boutique', '--country', 'CA'], asAdmin(dir));
    expect(await show(dir, 'Boutique')).toMatchObject({ lawfulBasis: 'legitimate_interests', defaultCountry: 'CA', mapping: { defaultCountry: 'CA' } });
    await cli(['sources', 'set', 'Boutique', '--country', 'FR'], asAdmin(dir));

    const changed = path.join(tempDir(), 'clients-2.csv');
    fs.writeFileSync(changed, `${EXPORT}\n2;Zoé;Martin;zoe@exemple.fr;06 12 34 56 78;Paris`);
    const again = JSON.parse((await cli(['import', changed, '--source', 'Boutique', '--json'], asAdmin(dir))).stdout);
    expect(again).toMatchObject({ inserted: 1, rejected: 0 });
    const [zoe] = JSON.parse((await cli(['profiles', 'search', 'zoe', '--json'], asAdmin(dir))).stdout);
    expect(zoe).toMatchObject({ displayName: 'Zoé Martin', phones: ['+33612345678'], city: null });
  });

  it('lets an auditor read the register but not change it', async () => {
    const dir = await initVault();
    await cli(['sources', 'set', 'Caisse', '--purpose', 'customer relationship', '--basis', 'contract'], asAdmin(dir));
    await cli(['users', 'add', AUDITOR.name, '--role', 'auditor'], { ...asAdmin(dir), CUSTODIA_NEW_PASSPHRASE: AUDITOR.passphrase });
    expect((await cli(['sources', 'show', 'Caisse'], asAuditor(dir))).stdout).toMatch(/lawful basis: contract/);
    const refused = await cli(['sources', 'set', 'Caisse', '--basis', 'consent'], asAuditor(dir));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/FORBIDDEN/);
  });
});
