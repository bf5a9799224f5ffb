import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { asAdmin, cli, initVault } from '../test-support/cli';
import { tempDir } from '../test-support/temp-vault';

describe('custodia profiles golden and identity survivorship', () => {
  it('prints each field of a merged person with its source and rule, and follows the rules an administrator sets', async () => {
    const dir = await initVault();
    const folder = tempDir();
    const crm = path.join(folder, 'crm.csv');
    const shop = path.join(folder, 'shop.csv');
    fs.writeFileSync(crm, 'id,first_name,last_name,email,city\nC1,Jean,Tremblay,jean.tremblay@exemple.ca,Laval\n');
    fs.writeFileSync(shop, 'id,first_name,last_name,email,city\nW1,Jean-Pierre,Tremblay,jp@exemple.ca,Montréal\n');
    expect((await cli(['import', crm, '--source', 'CRM', '--country', 'CA'], asAdmin(dir))).code).toBe(0);
    expect((await cli(['import', shop, '--source', 'Web shop', '--country', 'CA'], asAdmin(dir))).code).toBe(0);
    expect((await cli(['profiles', 'merge', '1', '2'], asAdmin(dir))).code).toBe(0);

    const golden = await cli(['profiles', 'golden', '2'], asAdmin(dir));
    expect(golden.code).toBe(0);
    expect(golden.stdout).toMatch(/Profile 1 \(profile 2 was merged into it\): Jean-Pierre Tremblay/);
    expect(golden.stdout).toMatch(/FIELD\s+VALUE\s+SOURCE\s+RECORD\s+RULE\s+OTHER VALUES/);
    expect(golden.stdout).toMatch(/city\s+Montréal\s+Web shop\s+2\s+mostRecent\s+1/);
    expect(golden.stdout).toMatch(/country\s+-\s+-\s+-\s+mostRecent\s+0/);

    const set = await cli(['identity', 'survivorship', '--set', 'city=sourcePriority:crm', '--set', 'givenName=sourcePriority:CRM,Web shop'], asAdmin(dir));
    expect(set.stdout).toMatch(/city\s+sourcePriority\s+CRM/);
    expect(set.stdout).toMatch(/givenName\s+sourcePriority\s+CRM > Web shop/);
    const json = JSON.parse((await cli(['profiles', 'golden', '1', '--json'], asAdmin(dir))).stdout);
    expect(json.displayName).toBe('Jean Tremblay');
    expect(json.fields.find((field: { field: string }) => field.field === 'city')).toMatchObject({ value: 'Laval', source: 'CRM', rule: 'sourcePriority' });
    expect((await cli(['identity', 'survivorship', '--set', 'city=best'], asAdmin(dir))).code).toBe(2);
    expect((await cli(['identity', 'survivorship', '--set', 'city=sourcePriority:Nowhere'], asAdmin(dir))).stderr).toMatch(/no source named Nowhere/);
    expect((await cli(['profiles', 'golden', '99'], asAdmin(dir))).stderr).toMatch(/no profile 99/);
  });
});
