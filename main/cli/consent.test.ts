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

async function vaultWithZoe(): Promise<{ dir: string; zoe: number }> {
  const dir = await initVault();
  const file = path.join(tempDir(), 'shop.json');
  fs.writeFileSync(file, SHOP);
  expect((await cli(['import', file, '--source', 'Boutique', '--country', 'FR'], asAdmin(dir))).code).toBe(0);
  const [zoe] = JSON.parse((await cli(['profiles', 'search', 'zoe', '--json'], asAdmin(dir))).stdout) as { id: number }[];
  return { dir, zoe: zoe!.id };
}

describe('custodia purposes', () => {
  it('adds, lists, shows and edits the catalog', async () => {
    const dir = await initVault();
    const added = await cli(
      [
        'purposes',
        'add',
        'loyalty',
        '--name',
        'Loyalty programme',
        '--name-fr',
        'Programme de fidélité',
        '--bases',
        'consent,contract',
        '--sale',
        '--retention',
        '730',
      ],
      asAdmin(dir),
    );
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(
      /^Purpose loyalty added\.\nloyalty: Loyalty programme \/ Programme de fidélité\n {2}bases: consent, contract\n {2}express consent: no; sale or sharing: yes\n/,
    );
    const wrong = await cli(['purposes', 'add', 'x', '--name', 'X', '--bases', 'consent,because'], asAdmin(dir));
    expect(wrong).toMatchObject({ code: 2, stderr: expect.stringMatching(/expected bases among consent, contract/) });

    const list = JSON.parse((await cli(['purposes', 'list', '--json'], asAdmin(dir))).stdout) as { code: string }[];
    expect(list.map((purpose) => purpose.code)).toEqual([
      'customer_relationship',
      'legal_records',
      'email_marketing',
      'sms_marketing',
      'profiling',
      'analytics',
      'loyalty',
    ]);
    expect((await cli(['purposes', 'list'], asAdmin(dir))).stdout).toMatch(
      /^CODE\s+NAME\s+BASES\s+FLAGS\s+SOURCES\s+EVENTS\ncustomer_relationship\s+Customer relationship\s+contract\s+-\s+0\s+0\n/,
    );

    const edited = JSON.parse((await cli(['purposes', 'edit', 'loyalty', '--name', 'Loyalty club', '--no-sale', '--json'], asAdmin(dir))).stdout);
    expect(edited).toMatchObject({ code: 'loyalty', nameEn: 'Loyalty club', saleOrSharing: false, noticeVersion: 2, retentionDays: 730 });
    expect(JSON.parse((await cli(['purposes', 'show', 'loyalty', '--json'], asAdmin(dir))).stdout)).toEqual(edited);
    expect((await cli(['purposes', 'show', 'nothing'], asAdmin(dir))).stderr).toMatch(/there is no purpose nothing in the catalog \(INVALID_INPUT\)/);
  });

  it('lets an auditor read the catalog but not change it', async () => {
    const dir = await initVault();
    await cli(['users', 'add', AUDITOR.name, '--role', 'auditor'], { ...asAdmin(dir), CUSTODIA_NEW_PASSPHRASE: AUDITOR.passphrase });
    expect((await cli(['purposes', 'show', 'profiling'], asAuditor(dir))).stdout).toMatch(/^profiling: Profiling \/ Profilage/);
    expect((await cli(['purposes', 'add', 'x', '--name', 'X', '--bases', 'consent'], asAuditor(dir))).stderr).toMatch(/FORBIDDEN/);
  });
});

describe('custodia consent', () => {
  it('shows a person’s state per purpose, and records a withdrawal with the same shape as a grant', async () => {
    const { dir, zoe } = await vaultWithZoe();
    const shown = JSON.parse((await cli(['consent', 'show', String(zoe), '--json'], asAdmin(dir))).stdout);
    expect(Object.keys(shown)).toEqual(['profileId', 'purposes']);
    expect(shown.purposes[2]).toMatchObject({
      purpose: 'email_marketing',
      state: 'granted',
      basis: 'consent',
      since: '2025-01-01',
      events: [{ kind: 'grant', source: 'Boutique', method: 'import' }],
    });
    expect(shown.purposes[0]).toMatchObject({ purpose: 'customer_relationship', state: 'none', basis: 'contract', since: null, events: [] });

    const withdraw = await cli(
      [
        'consent',
        'record',
        String(zoe),
        '--purpose',
        'email_marketing',
        '--withdraw',
        '--method',
        'phone',
        '--evidence',
        'call 2026-118',
        '--at',
        '2026-01-10T09:30:00Z',
      ],
      asAdmin(dir),
    );
    expect(withdraw.code).toBe(0);
    expect(withdraw.stdout).toMatch(/^Recorded event #\d+ for profile \d+\.\nemail_marketing: withdrawn \(basis: consent\) since 2026-01-10T09:30:00.000Z\n/);
    const grant = JSON.parse(
      (await cli(['consent', 'record', String(zoe), '--purpose', 'email_marketing', '--grant', '--method', 'web_form', '--json'], asAdmin(dir))).stdout,
    );
    expect(grant.state).toMatchObject({
      state: 'granted',
      events: [{ kind: 'grant' }, { kind: 'withdrawal', evidence: 'call 2026-118' }, { kind: 'grant', method: 'web_form' }],
    });

    expect((await cli(['consent', 'record', String(zoe), '--purpose', 'email_marketing', '--method', 'phone'], asAdmin(dir))).stderr).toMatch(
      /give one of --grant, --withdraw or --object \(USAGE\)/,
    );
    expect((await cli(['consent', 'record', String(zoe), '--purpose', 'email_marketing', '--grant'], asAdmin(dir))).stderr).toMatch(/--method/);
    expect(
      (await cli(['consent', 'record', String(zoe), '--purpose', 'email_marketing', '--grant', '--method', 'phone', '--at', '2999-01-01'], asAdmin(dir)))
        .stderr,
    ).toMatch(/is in the future.*\(INVALID_INPUT\)/);
    expect(JSON.parse((await cli(['consent', 'check', String(zoe), '--purpose', 'profiling', '--json'], asAdmin(dir))).stdout)).toEqual({
      allowed: false,
      reason: 'noConsent',
      basis: null,
    });
  });

  it('keeps a person’s consent from auditors, as the person view is: they see ids and counts in the audit trail', async () => {
    const { dir, zoe } = await vaultWithZoe();
    await cli(['users', 'add', AUDITOR.name, '--role', 'auditor'], { ...asAdmin(dir), CUSTODIA_NEW_PASSPHRASE: AUDITOR.passphrase });
    expect((await cli(['consent', 'show', String(zoe)], asAuditor(dir))).stderr).toMatch(/FORBIDDEN/);
    expect((await cli(['consent', 'show', String(zoe)], asAdmin(dir))).stdout).toMatch(/email_marketing: granted \(basis: consent\) since 2025-01-01/);
    const refused = await cli(['consent', 'record', String(zoe), '--purpose', 'email_marketing', '--withdraw', '--method', 'phone'], asAuditor(dir));
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringMatching(/FORBIDDEN/) });
  });
});

describe('custodia consent held, release, delete-held', () => {
  it('lists the records a consent-only source brought without consent, releases one with evidence and deletes another', async () => {
    const dir = await initVault();
    const file = path.join(tempDir(), 'newsletter.json');
    fs.writeFileSync(
      file,
      JSON.stringify([
        { customer: { id: 1, first_name: 'Zoé', last_name: 'Martin', email: 'zoe@exemple.fr' }, consents: [] },
        { customer: { id: 2, first_name: 'Paul', last_name: 'Durand', email: 'paul@exemple.fr' }, consents: [] },
        {
          customer: { id: 3, first_name: 'Léa', last_name: 'Petit', email: 'lea@exemple.fr' },
          consents: [{ purpose: 'email_marketing', granted: 'yes', date: '2025-01-01' }],
        },
      ]),
    );
    const imported = await cli(
      ['import', file, '--source', 'Newsletter', '--country', 'FR', '--purpose', 'email_marketing', '--basis', 'consent'],
      asAdmin(dir),
    );
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/inserted 3, .*anonymous 0, held 2\n/);
    expect(imported.stdout).toMatch(/2 records are held for a lawful basis/);

    const listed = await cli(['consent', 'held'], asAdmin(dir));
    expect(listed.stdout).toMatch(/^2 records held for a lawful basis/);
    expect(listed.stdout).toMatch(
      /RECORD\s+SOURCE\s+RUN\s+LACKS\s+NAME\s+CONTACT\s+KEY\n\d+\s+Newsletter\s+#1\s+email_marketing\s+Zoé Martin\s+zoe@exemple.fr\s+1\n/,
    );
    const held = JSON.parse((await cli(['consent', 'held', '--json'], asAdmin(dir))).stdout) as {
      total: number;
      items: { recordId: number; externalId: string }[];
    };
    expect(held.total).toBe(2);
    const [zoe, paul] = held.items;
    expect(JSON.parse((await cli(['profiles', 'search', 'zoe', '--json'], asAdmin(dir))).stdout)).toEqual([]);

    expect((await cli(['consent', 'release', String(zoe!.recordId), '--basis', 'consent', '--evidence', 'form-7'], asAdmin(dir))).stderr).toMatch(
      /methodRequired|says how it was given/,
    );
    const released = await cli(
      ['consent', 'release', String(zoe!.recordId), '--basis', 'consent', '--method', 'paper', '--evidence', 'form-7', '--json'],
      asAdmin(dir),
    );
    expect(released.code).toBe(0);
    expect(JSON.parse(released.stdout)).toMatchObject({ released: 1, profileIds: [expect.any(Number)] });
    expect(JSON.parse((await cli(['profiles', 'search', 'zoe', '--json'], asAdmin(dir))).stdout)).toHaveLength(1);

    expect((await cli(['consent', 'delete-held', String(paul!.recordId), '--json'], asAdmin(dir))).stderr).toMatch(/pass --yes/);
    const deleted = await cli(['consent', 'delete-held', String(paul!.recordId), '--yes', '--json'], asAdmin(dir));
    expect(JSON.parse(deleted.stdout)).toEqual({ deleted: 1, kept: 0 });
    expect((await cli(['consent', 'held'], asAdmin(dir))).stdout).toMatch(/^No record is held for a lawful basis\./);
  });

  it('refuses the held list to an auditor', async () => {
    const dir = await initVault();
    await cli(['users', 'add', AUDITOR.name, '--role', 'auditor'], { ...asAdmin(dir), CUSTODIA_NEW_PASSPHRASE: AUDITOR.passphrase });
    expect((await cli(['consent', 'held'], asAuditor(dir))).stderr).toMatch(/FORBIDDEN/);
  });
});
