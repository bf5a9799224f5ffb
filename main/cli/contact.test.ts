import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { asAdmin, asAuditor, cli, initVault } from '../test-support/cli';
import { AUDITOR, tempDir } from '../test-support/temp-vault';

const SHOP = JSON.stringify([
  {
    customer: { id: 1, first_name: 'Zoé', last_name: 'Martin', email: 'zoe@exemple.fr' },
    consents: [{ purpose: 'email_marketing', granted: 'yes', date: '2025-01-01' }],
  },
]);

const today = (): string => new Date().toISOString().slice(0, 10);

async function vaultWithZoe(): Promise<{ dir: string; zoe: number }> {
  const dir = await initVault();
  const file = path.join(tempDir(), 'shop.json');
  fs.writeFileSync(file, SHOP);
  expect((await cli(['import', file, '--source', 'Boutique', '--country', 'FR'], asAdmin(dir))).code).toBe(0);
  const [zoe] = JSON.parse((await cli(['profiles', 'search', 'zoe', '--json'], asAdmin(dir))).stdout) as { id: number }[];
  return { dir, zoe: zoe!.id };
}

describe('custodia contact', () => {
  it('records a refusal and an authorisation the same way, shows the state, and an extract by that channel leaves the person out', async () => {
    const { dir, zoe } = await vaultWithZoe();
    const opened = await cli(['contact', 'show', String(zoe)], asAdmin(dir));
    expect(opened.stdout).toMatch(new RegExp(`^Profile ${zoe}\\nemail: open\\nsms: open\\nphone: open\\npost: open\\n$`));

    const refused = await cli(
      ['contact', 'record', String(zoe), '--channel', 'email', '--refuse', '--method', 'email', '--evidence', 'msg-7', '--at', '2026-01-10T09:30:00Z'],
      asAdmin(dir),
    );
    expect(refused.code).toBe(0);
    expect(refused.stdout).toMatch(
      /^Recorded #\d+ for profile \d+\.\nProfile \d+\nemail: do not contact since 2026-01-10T09:30:00.000Z\n {2}#\d+ refused \(every purpose\) at 2026-01-10T09:30:00.000Z by Alice Admin via email, evidence msg-7\n/,
    );
    const authorised = JSON.parse(
      (
        await cli(
          ['contact', 'record', String(zoe), '--channel', 'sms', '--purpose', 'email_marketing', '--authorise', '--method', 'phone', '--json'],
          asAdmin(dir),
        )
      ).stdout,
    );
    expect(authorised.entryIds).toHaveLength(1);
    const shown = JSON.parse((await cli(['contact', 'show', String(zoe), '--json'], asAdmin(dir))).stdout);
    expect(shown.channels.map((channel: { channel: string; doNotContact: boolean }) => [channel.channel, channel.doNotContact])).toEqual([
      ['email', true],
      ['sms', false],
      ['phone', false],
      ['post', false],
    ]);
    expect(shown.channels[1].purposes.find((cell: { purpose: string }) => cell.purpose === 'email_marketing')).toMatchObject({ state: 'authorised' });

    expect((await cli(['contact', 'record', String(zoe), '--channel', 'email', '--method', 'phone'], asAdmin(dir))).stderr).toMatch(
      /give one of --authorise or --refuse \(USAGE\)/,
    );
    expect((await cli(['contact', 'record', String(zoe), '--channel', 'fax', '--refuse', '--method', 'phone'], asAdmin(dir))).stderr).toMatch(/--channel/);
    expect((await cli(['contact', 'record', String(zoe), '--channel', 'email', '--refuse'], asAdmin(dir))).stderr).toMatch(/--method/);

    expect((await cli(['requests', 'settings', '--time-zone', 'UTC'], asAdmin(dir))).code).toBe(0);
    expect((await cli(['partners', 'add', 'Envoi', '--role', 'processor', '--country', 'CA', '--subdivision', 'QC'], asAdmin(dir))).code).toBe(0);
    const lease = ['agreements', 'add', '--partner', 'Envoi', '--purpose', 'email_marketing', '--fields', 'email', '--from', today(), '--to', '2099-12-31'];
    expect((await cli([...lease, '--folder', tempDir()], asAdmin(dir))).code).toBe(0);
    const bySms = JSON.parse((await cli(['extract', 'preview', '1', '--channel', 'sms', '--json'], asAdmin(dir))).stdout);
    expect(bySms).toMatchObject({ included: 1, excluded: { doNotContact: 0 } });
    const byEmail = await cli(['extract', 'preview', '1', '--channel', 'email'], asAdmin(dir));
    expect(byEmail.stdout).toMatch(/0 of 1 person\(s\) included.*\n {2}excluded:\n {4}Refused the channel +1\n/);
  });

  it('keeps a person’s choices from auditors', async () => {
    const { dir, zoe } = await vaultWithZoe();
    await cli(['users', 'add', AUDITOR.name, '--role', 'auditor'], { ...asAdmin(dir), CUSTODIA_NEW_PASSPHRASE: AUDITOR.passphrase });
    expect((await cli(['contact', 'show', String(zoe)], asAuditor(dir))).stderr).toMatch(/FORBIDDEN/);
    const refused = await cli(['contact', 'record', String(zoe), '--channel', 'all', '--refuse', '--method', 'phone'], asAuditor(dir));
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringMatching(/FORBIDDEN/) });
  });
});
