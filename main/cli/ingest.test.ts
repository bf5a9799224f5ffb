import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { asAdmin, asAuditor, cli, initVault } from '../test-support/cli';
import { AUDITOR, tempDir } from '../test-support/temp-vault';
import { bombRows, sheetXml, workbookParts, writeZip } from '../ingest/formats/test-workbook';

const EXPORT = [
  'no_client;prénom;nom;courriel;ville',
  '1;Hélène;Tremblay;helene@exemple.ca;Montréal',
  '2;Łukasz;Wiśniewski;lukasz@wp.pl;Łódź',
  '3;Bad;Email;nope@;Laval',
  ';;;;Laval',
].join('\n');

describe('custodia import, sources, profiles and rejects', () => {
  it('imports a file, prints the suggested mapping for a new source, and finds people without accents', async () => {
    const dir = await initVault();
    const file = path.join(tempDir(), 'clients.csv');
    fs.writeFileSync(file, EXPORT);
    const first = await cli(['import', file, '--source', 'Boutique', '--country', 'CA'], asAdmin(dir));
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Suggested mapping/);
    expect(first.stdout).toMatch(/"field": "givenName"/);
    // A bad email is flagged on a record that is kept; a row where nothing identifies anyone is rejected.
    expect(first.stdout).toMatch(/inserted 3, updated 0, unchanged 0, rejected 1, flagged 1, anonymous 0/);
    expect(first.stdout).toMatch(/1 records were kept with values that could not be read, kept as sent: `custodia quality "Boutique"`/);
    expect(first.stderr).toMatch(/The new source Boutique was declared with the defaults: purpose "customer relationship", lawful basis "contract"\./);

    const again = JSON.parse((await cli(['import', file, '--source', 'Boutique', '--json'], asAdmin(dir))).stdout);
    expect(again).toMatchObject({ inserted: 0, unchanged: 3, rejected: 1, flagged: 1, anonymous: 0, suggestedMapping: null });
    const third = await cli(['import', file, '--source', 'Boutique'], asAdmin(dir));
    expect(third.stdout).toMatch(/Nothing changed: the vault already held every valid row of this file, and the others were rejected\./);
    expect(third.stderr).not.toMatch(/declared with the defaults/);

    expect((await cli(['profiles', 'search', 'lodz'], asAdmin(dir))).stdout).toMatch(/Łukasz Wiśniewski/);
    expect(JSON.parse((await cli(['profiles', 'search', 'helene', 'trem', '--json'], asAdmin(dir))).stdout)).toEqual([
      expect.objectContaining({ displayName: 'Hélène Tremblay' }),
    ]);
    expect(JSON.parse((await cli(['profiles', 'count', '--json'], asAdmin(dir))).stdout)).toEqual({ profiles: 3 });
    const sources = JSON.parse((await cli(['sources', 'list', '--json'], asAdmin(dir))).stdout);
    expect(sources).toEqual([expect.objectContaining({ name: 'Boutique', defaultCountry: 'CA', lastRun: expect.objectContaining({ id: 3 }) })]);

    const out = path.join(tempDir(), 'rejects.csv');
    expect(await cli(['rejects', 'export', '1', '--out', out], asAdmin(dir))).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/Wrote 1 rejected rows/),
    });
    // The rows in their own columns and the file's own `;`, to correct in a spreadsheet and import again.
    expect(fs.readFileSync(out, 'utf8')).toMatch(/^\uFEFFline;reasons;no_client;prénom;nom;courriel;ville\r\n5;"[^"]+";;;;;Laval\r\n$/);
    // The reasons and the two columns of its own in French when asked.
    const french = path.join(tempDir(), 'rejets.csv');
    expect(await cli(['rejects', 'export', '1', '--out', french, '--lang', 'fr'], asAdmin(dir))).toMatchObject({ code: 0 });
    expect(fs.readFileSync(french, 'utf8')).toMatch(
      /^\uFEFFligne;motifs;no_client;prénom;nom;courriel;ville\r\n5;"Ni numéro de client, ni nom, ni courriel, ni téléphone\u00a0: rien n’identifie une personne; [^"]+";;;;;Laval\r\n$/,
    );
  });

  it('says truthfully what a run changed: nothing, or nothing because every row was rejected', async () => {
    const dir = await initVault();
    const bad = path.join(tempDir(), 'bad.csv');
    fs.writeFileSync(bad, 'id,email,city\n,,Laval\n,,Lyon\n');
    const rejected = await cli(['import', bad, '--source', 'Web'], asAdmin(dir));
    expect(rejected.stdout).toMatch(/inserted 0, updated 0, unchanged 0, rejected 2/);
    expect(rejected.stdout).toMatch(/No row could be imported: every row of this file was rejected\./);
    expect(rejected.stdout).not.toMatch(/Nothing changed/);
    const good = path.join(tempDir(), 'good.csv');
    fs.writeFileSync(good, 'id,email\n1,one@exemple.ca\n');
    await cli(['import', good, '--source', 'Web'], asAdmin(dir));
    const same = await cli(['import', good, '--source', 'Web'], asAdmin(dir));
    expect(same.stdout).toMatch(/Nothing changed: the vault already held everything in this file\./);
    expect(same.stdout).not.toMatch(/rejects export/);
  });

  it('reads a new source’s phones and postal codes in the country given with --country', async () => {
    const dir = await initVault();
    const file = path.join(tempDir(), 'klienci.csv');
    // Polish numbers without +48 and Polish postal codes: neither is valid in Canada, the fallback.
    fs.writeFileSync(
      file,
      [
        'id;imię;nazwisko;email;telefon;kod pocztowy;miasto',
        '1;Anna;Nowak;anna@wp.pl;601 234 567;00-950;Warszawa',
        '2;Jan;Kowalski;jan@onet.pl;22 123 45 67;30-001;Kraków',
      ].join('\n'),
    );
    const run = JSON.parse((await cli(['import', file, '--source', 'Sklep', '--country', 'PL', '--json'], asAdmin(dir))).stdout);
    expect(run).toMatchObject({ inserted: 2, rejected: 0, suggestedMapping: expect.objectContaining({ defaultCountry: 'PL' }) });
    expect(run.suggestedMapping.columns).toEqual(
      expect.arrayContaining([
        { column: 'telefon', field: 'phone' },
        { column: 'kod pocztowy', field: 'postalCode' },
      ]),
    );
    const sources = JSON.parse((await cli(['sources', 'list', '--json'], asAdmin(dir))).stdout);
    expect(sources).toEqual([expect.objectContaining({ name: 'Sklep', defaultCountry: 'PL', mapping: expect.objectContaining({ defaultCountry: 'PL' }) })]);
    expect((await cli(['profiles', 'search', '601234567'], asAdmin(dir))).stdout).toMatch(/Anna Nowak/);
  });

  it('moves a source’s saved mapping to the country given again with --country', async () => {
    const dir = await initVault();
    const file = path.join(tempDir(), 'klienci.csv');
    fs.writeFileSync(file, ['id;imię;nazwisko;telefon;kod pocztowy', '1;Anna;Nowak;601 234 567;00-950'].join('\n'));
    const canadian = JSON.parse((await cli(['import', file, '--source', 'Sklep', '--country', 'CA', '--json'], asAdmin(dir))).stdout);
    // Neither the phone nor the postal code fits Canada: Anna is kept with both flagged.
    expect(canadian).toMatchObject({ inserted: 1, rejected: 0, flagged: 1 });
    const polish = JSON.parse((await cli(['import', file, '--source', 'Sklep', '--country', 'PL', '--json'], asAdmin(dir))).stdout);
    expect(polish).toMatchObject({ inserted: 0, updated: 1, rejected: 0, flagged: 0 });
    expect((await cli(['profiles', 'search', '601234567'], asAdmin(dir))).stdout).toMatch(/Anna Nowak/);
    const sources = JSON.parse((await cli(['sources', 'list', '--json'], asAdmin(dir))).stdout);
    expect(sources).toEqual([expect.objectContaining({ name: 'Sklep', defaultCountry: 'PL', mapping: expect.objectContaining({ defaultCountry: 'PL' }) })]);
  });

  it('imports JSON records kept inside an object with --records-path, and says so when it is missing', async () => {
    const dir = await initVault();
    const file = path.join(tempDir(), 'export.json');
    const customers = [
      { id: 'c-1', name: 'Hélène Lefèvre', email: 'helene@exemple.fr' },
      { id: 'c-2', name: 'Anna Wiśniewska', email: 'anna@wp.pl' },
    ];
    fs.writeFileSync(file, JSON.stringify({ meta: { exportedAt: '2026-03-01' }, customers, pages: [{ page: 1 }] }));
    const missing = await cli(['import', file, '--source', 'CRM'], asAdmin(dir));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/pass --records-path customers \(or pages\)/);
    expect(JSON.parse((await cli(['sources', 'list', '--json'], asAdmin(dir))).stdout)).toEqual([]);

    const run = await cli(['import', file, '--source', 'CRM', '--records-path', 'customers'], asAdmin(dir));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/inserted 2, updated 0, unchanged 0, rejected 0/);
    expect((await cli(['profiles', 'search', 'wisniewska'], asAdmin(dir))).stdout).toMatch(/Anna Wiśniewska/);
  });

  it('reads the next file of a source at the records path given for the last one, unless a read option is given', async () => {
    const dir = await initVault();
    const exported = (name: string, key: string, customers: readonly object[]): string => {
      const file = path.join(tempDir(), name);
      fs.writeFileSync(file, JSON.stringify({ meta: { exportedAt: '2026-03-01' }, [key]: customers }));
      return file;
    };
    const march = exported('mars.json', 'customers', [{ id: 'c-1', name: 'Hélène Lefèvre', email: 'helene@exemple.fr' }]);
    expect((await cli(['import', march, '--source', 'CRM', '--records-path', 'customers'], asAdmin(dir))).code).toBe(0);

    const april = exported('avril.json', 'customers', [{ id: 'c-2', name: 'Anna Wiśniewska', email: 'anna@wp.pl' }]);
    const reused = await cli(['import', april, '--source', 'crm'], asAdmin(dir));
    expect(reused.code).toBe(0);
    expect(reused.stderr).toMatch(/^Read as CRM's last file: records path "customers" \(give any read option to choose them all yourself\)\.$/m);
    expect(reused.stdout).toMatch(/inserted 1, updated 0, unchanged 0, rejected 0/);
    expect((await cli(['profiles', 'search', 'wisniewska'], asAdmin(dir))).stdout).toMatch(/Anna Wiśniewska/);

    // A read option given: the saved ones are left alone, the records path with them.
    const given = await cli(['import', april, '--source', 'CRM', '--encoding', 'utf-8'], asAdmin(dir));
    expect(given).toMatchObject({ code: 1, stderr: expect.stringMatching(/pass --records-path customers/) });
    expect(given.stderr).not.toMatch(/Read as/);

    const may = exported('mai.json', 'clients', [{ id: 'c-3', name: 'Agnès Martin', email: 'agnes@exemple.fr' }]);
    const moved = await cli(['import', may, '--source', 'CRM'], asAdmin(dir));
    expect(moved.code).toBe(1);
    expect(moved.stderr).toMatch(/This file has no list of records at "customers" \(saved with CRM\): read without it\./);
    expect(moved.stderr).toMatch(/pass --records-path clients/);
  });

  it('uses a mapping file and refuses an auditor', async () => {
    const dir = await initVault();
    const file = path.join(tempDir(), 'odd.csv');
    fs.writeFileSync(file, 'key,who,mail\nA1,Zoé Martin,zoe@exemple.fr\n');
    const mapping = path.join(tempDir(), 'mapping.json');
    fs.writeFileSync(
      mapping,
      JSON.stringify({
        version: 1,
        recordKey: 'key',
        dateFormat: 'YYYY-MM-DD',
        birthDateFormat: 'YYYY-MM-DD',
        defaultCountry: 'FR',
        columns: [
          { column: 'key', field: 'sourceRecordId' },
          { column: 'who', field: 'fullName' },
          { column: 'mail', field: 'email' },
        ],
      }),
    );
    expect((await cli(['import', file, '--source', 'Odd', '--mapping', mapping], asAdmin(dir))).code).toBe(0);
    expect((await cli(['profiles', 'search', 'zoe'], asAdmin(dir))).stdout).toMatch(/Zoé Martin/);
    await cli(['users', 'add', AUDITOR.name, '--role', 'auditor'], { ...asAdmin(dir), CUSTODIA_NEW_PASSPHRASE: AUDITOR.passphrase });
    const refused = await cli(['profiles', 'search', 'zoe'], asAuditor(dir));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/FORBIDDEN/);
    expect((await cli(['import', path.join(tempDir(), 'missing.csv'), '--source', 'X'], asAdmin(dir))).code).toBe(1);
  });
});

describe('custodia import of a workbook past the limits', () => {
  it('prints the one-line reason and exits 1, without a stack', async () => {
    const dir = await initVault();
    const file = path.join(tempDir(), 'bomb.xlsx');
    await writeZip(file, workbookParts(sheetXml(bombRows(600))));
    const run = await cli(['import', file, '--source', 'Boutique'], asAdmin(dir));
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "custodia: this workbook's part xl/worksheets/sheet1.xml unpacks to more than 512 MB, the most Custodia reads from one sheet or its shared strings (FILE_TOO_LARGE)\n",
    );
    expect(run.stdout).toBe('');
  }, 60_000);
});
