import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { asAdmin, asAuditor, cli, initVault } from '../test-support/cli';
import { AUDITOR, tempDir } from '../test-support/temp-vault';

const EXPORT = ['no_client;prénom;nom;courriel;ville', '1;Hélène;Tremblay;helene@exemple.ca;Montréal', '2;Łukasz;Wiśniewski;lukasz@wp.pl;Łódź', '3;Bad;Email;nope@;Laval'].join('\n');

describe('custodia import, sources, profiles and rejects', () => {
  it('imports a file, prints the suggested mapping for a new source, and finds people without accents', async () => {
    const dir = await initVault();
    const file = path.join(tempDir(), 'clients.csv');
    fs.writeFileSync(file, EXPORT);
    const first = await cli(['import', file, '--source', 'Boutique', '--country', 'CA'], asAdmin(dir));
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Suggested mapping/);
    expect(first.stdout).toMatch(/"field": "givenName"/);
    expect(first.stdout).toMatch(/inserted 2, updated 0, unchanged 0, rejected 1/);

    const again = JSON.parse((await cli(['import', file, '--source', 'Boutique', '--json'], asAdmin(dir))).stdout);
    expect(again).toMatchObject({ inserted: 0, unchanged: 2, rejected: 1, suggestedMapping: null });

    expect((await cli(['profiles', 'search', 'lodz'], asAdmin(dir))).stdout).toMatch(/Łukasz Wiśniewski/);
    expect(JSON.parse((await cli(['profiles', 'search', 'helene', 'trem', '--json'], asAdmin(dir))).stdout)).toEqual([expect.objectContaining({ displayName: 'Hélène Tremblay' })]);
    expect(JSON.parse((await cli(['profiles', 'count', '--json'], asAdmin(dir))).stdout)).toEqual({ profiles: 2 });
    const sources = JSON.parse((await cli(['sources', 'list', '--json'], asAdmin(dir))).stdout);
    expect(sources).toEqual([expect.objectContaining({ name: 'Boutique', defaultCountry: 'CA', lastRun: expect.objectContaining({ id: 2 }) })]);

    const out = path.join(tempDir(), 'rejects.csv');
    expect(await cli(['rejects', 'export', '1', '--out', out], asAdmin(dir))).toMatchObject({ code: 0, stdout: expect.stringMatching(/Wrote 1 rejected rows/) });
    expect(fs.readFileSync(out, 'utf8')).toMatch(/^\uFEFFline,reasons,raw\r\n4,/);
  });

  it('uses a mapping file and refuses an auditor', async () => {
    const dir = await initVault();
    const file = path.join(tempDir(), 'odd.csv');
    fs.writeFileSync(file, 'key,who,mail\nA1,Zoé Martin,zoe@exemple.fr\n');
    const mapping = path.join(tempDir(), 'mapping.json');
    fs.writeFileSync(
      mapping,
      JSON.stringify({ version: 1, recordKey: 'key', dateFormat: 'YYYY-MM-DD', birthDateFormat: 'YYYY-MM-DD', defaultCountry: 'FR', columns: [{ column: 'key', field: 'sourceRecordId' }, { column: 'who', field: 'fullName' }, { column: 'mail', field: 'email' }] }),
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
