import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWindow } from './commands/consent-review';
import { asAdmin, asAuditor, cli, initVault } from '../test-support/cli';
import { AUDITOR, tempDir } from '../test-support/temp-vault';

const SHOP = JSON.stringify([
  {
    customer: { id: 1, first_name: 'Zoé', last_name: 'Martin', email: 'zoe@exemple.fr' },
    consents: [{ purpose: 'email_marketing', granted: 'yes', date: '2025-01-01' }],
  },
  {
    customer: { id: 2, first_name: 'Marc', last_name: 'Petit', email: 'marc@exemple.fr' },
    consents: [{ purpose: 'email_marketing', granted: 'no', date: '2025-02-01' }],
  },
]);

async function shopVault(): Promise<{ dir: string; marc: number }> {
  const dir = await initVault();
  const file = path.join(tempDir(), 'shop.json');
  fs.writeFileSync(file, SHOP);
  expect((await cli(['import', file, '--source', 'Boutique', '--country', 'FR'], asAdmin(dir))).code).toBe(0);
  const [marc] = JSON.parse((await cli(['profiles', 'search', 'marc', '--json'], asAdmin(dir))).stdout) as { id: number }[];
  return { dir, marc: marc!.id };
}

describe('custodia consent review', { timeout: 90_000 }, () => {
  it('reads a window as days or weeks', () => {
    expect(parseWindow('30d')).toBe(30);
    expect(parseWindow('45')).toBe(45);
    expect(parseWindow('6w')).toBe(42);
    expect(() => parseWindow('soon')).toThrow(/number of days/);
    expect(() => parseWindow('0d')).toThrow(/number of days/);
  });

  it('prints the counts per purpose, as JSON too, and lists the people behind a finding', async () => {
    const { dir, marc } = await shopVault();
    // A grant given by phone without evidence, ending in 20 days.
    const until = new Date(Date.now() + 20 * 86_400_000).toISOString();
    expect(
      (await cli(['consent', 'record', String(marc), '--purpose', 'sms_marketing', '--grant', '--method', 'phone', '--until', until], asAdmin(dir))).code,
    ).toBe(0);

    const text = await cli(['consent', 'review'], asAdmin(dir));
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /^Consent review at \S+ \(person × purpose pairs\)\n {2}granted 2, withdrawn 1, expired 0, objected 0\n {2}expiring within 30 days: 1\n {2}sources disagree: 0\n {2}without evidence: 1\n/,
    );
    expect(text.stdout).toMatch(/email_marketing +1 +1 +0 +0 +0 +0 +0 +0/);
    expect(text.stdout).toMatch(/sms_marketing +1 +0 +0 +0 +1 +0 +1 +0/);

    const json = JSON.parse((await cli(['consent', 'review', '--expiring', '10d', '--json'], asAdmin(dir))).stdout) as {
      expiringDays: number;
      totals: { findings: Record<string, number> };
      months: string[];
    };
    expect(json.expiringDays).toBe(10);
    expect(json.totals.findings).toEqual({ expiring: 0, disagree: 0, unevidenced: 1, stillUsed: 0 });
    expect(json.months).toHaveLength(24);

    const list = await cli(['consent', 'review', '--list', 'expiring'], asAdmin(dir));
    expect(list.stdout).toMatch(new RegExp(`^1 consent\\(s\\) expiring\\nPROFILE +PURPOSE +STATE +SINCE +ENDS\\n${marc} +sms_marketing +granted `));
    const listed = JSON.parse((await cli(['consent', 'review', '--list', 'unevidenced', '--json'], asAdmin(dir))).stdout) as {
      total: number;
      items: { profileId: number }[];
    };
    expect(listed).toMatchObject({ total: 1, items: [{ profileId: marc, purpose: 'sms_marketing' }] });
    expect((await cli(['consent', 'review', '--list', 'nonsense'], asAdmin(dir))).code).toBe(2);
  });

  it('gives auditors the counts, never the people', async () => {
    const { dir } = await shopVault();
    await cli(['users', 'add', AUDITOR.name, '--role', 'auditor'], { ...asAdmin(dir), CUSTODIA_NEW_PASSPHRASE: AUDITOR.passphrase });
    expect((await cli(['consent', 'review'], asAuditor(dir))).stdout).toMatch(/granted 1, withdrawn 1/);
    expect((await cli(['consent', 'review', '--list', 'stillUsed'], asAuditor(dir))).stderr).toMatch(/FORBIDDEN/);
  });
});
