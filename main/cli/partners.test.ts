import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { asAdmin, asAuditor, cli, initVault } from '../test-support/cli';
import { AUDITOR, tempDir } from '../test-support/temp-vault';

/** Today in UTC, the vault's zone once the test sets it, so the day a partner is added is the day leases may start. */
const today = (): string => new Date().toISOString().slice(0, 10);

async function vaultInUtc(): Promise<string> {
  const dir = await initVault();
  expect((await cli(['requests', 'settings', '--time-zone', 'UTC'], asAdmin(dir))).code).toBe(0);
  return dir;
}

describe('custodia partners', () => {
  it('adds partners with the CLI’s role words and lists them, with the transfer assessment they need', async () => {
    const dir = await vaultInUtc();
    const added = await cli(['partners', 'add', 'Envoi Québec', '--role', 'processor', '--country', 'ca', '--subdivision', 'qc', '--json'], asAdmin(dir));
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({
      id: 1,
      name: 'Envoi Québec',
      role: 'processor',
      country: 'CA',
      subdivision: 'QC',
      needsAssessment: false,
    });
    const toronto = await cli(['partners', 'add', 'Mailer Toronto', '--role', 'third-party', '--country', 'CA', '--subdivision', 'ON'], asAdmin(dir));
    expect(toronto.code).toBe(0);
    expect(toronto.stdout).toContain('record its assessment');
    const assessed = await cli(
      ['partners', 'add', 'Courrier US', '--role', 'third-party', '--country', 'US', '--assessment', '2026-01-15', '--assessment-ref', 'EFVP-7', '--json'],
      asAdmin(dir),
    );
    expect(JSON.parse(assessed.stdout)).toMatchObject({ role: 'third_party', transferAssessed: true, assessmentDate: '2026-01-15', assessmentRef: 'EFVP-7' });
    expect((await cli(['partners', 'add', 'Nope', '--role', 'reseller', '--country', 'CA'], asAdmin(dir))).code).toBe(2);

    const duplicate = await cli(['partners', 'add', 'envoi québec', '--role', 'processor', '--country', 'CA'], asAdmin(dir));
    expect(duplicate.code).toBe(1);
    // The sentence of errors.CONFLICT_partnerExists, not the thrower's own words.
    expect(duplicate.stderr).toBe('custodia: a partner is already named “envoi québec” (CONFLICT)\n');

    const listed = JSON.parse((await cli(['partners', 'list', '--json'], asAdmin(dir))).stdout) as { name: string }[];
    expect(listed.map((partner) => partner.name)).toEqual(['Courrier US', 'Envoi Québec', 'Mailer Toronto']);
    const text = (await cli(['partners', 'list'], asAdmin(dir))).stdout;
    expect(text).toMatch(/Mailer Toronto\s+third-party\s+CA-ON\s+0\s+ASSESSMENT MISSING/);
    expect(text).toMatch(/Courrier US\s+third-party\s+US\s+0\s+assessed 2026-01-15 \(EFVP-7\)/);
  });
});

describe('custodia agreements', () => {
  it('signs an agreement by partner name with a window and prints its id; lists, suspends, resumes, renews and revokes it', async () => {
    const dir = await vaultInUtc();
    expect((await cli(['partners', 'add', 'Envoi', '--role', 'processor', '--country', 'CA', '--subdivision', 'QC'], asAdmin(dir))).code).toBe(0);
    const folder = path.join(tempDir(), 'out');
    const signed = await cli(
      [
        'agreements',
        'add',
        '--partner',
        'ENVOI',
        '--purpose',
        'email_marketing',
        '--fields',
        'email,givenName',
        '--from',
        today(),
        '--to',
        '2099-12-31',
        '--window',
        'Mon-Fri 08:00-18:00',
        '--max-per-month',
        '4',
        '--folder',
        folder,
      ],
      asAdmin(dir),
    );
    expect(signed.stderr).toBe('');
    expect(signed.code).toBe(0);
    expect(signed.stdout).toBe('1\n');

    const listed = await cli(['agreements', 'list', '--partner', 'envoi', '--json'], asAdmin(dir));
    expect(JSON.parse(listed.stdout)).toMatchObject([
      {
        id: 1,
        partnerName: 'Envoi',
        title: 'Envoi: email_marketing',
        purposes: ['email_marketing'],
        basis: 'consent',
        fields: ['email', 'givenName'],
        validTo: '2099-12-31',
        window: { days: [1, 2, 3, 4, 5], from: '08:00', to: '18:00' },
        maxPerMonth: 4,
        delivery: { kind: 'folder', folder },
        status: 'active',
        state: 'active',
      },
    ]);
    expect((await cli(['agreements', 'list'], asAdmin(dir))).stdout).toContain('Mon-Fri 08:00-18:00');

    const suspended = await cli(['agreements', 'suspend', '1', '--reason', 'audit pending', '--json'], asAdmin(dir));
    expect(JSON.parse(suspended.stdout)).toMatchObject({
      id: 1,
      status: 'suspended',
      state: 'suspended',
      events: [{ kind: 'created' }, { kind: 'suspended', reason: 'audit pending' }],
    });
    expect((await cli(['agreements', 'suspend', '1'], asAdmin(dir))).code).toBe(2);
    expect(JSON.parse((await cli(['agreements', 'resume', '1', '--json'], asAdmin(dir))).stdout)).toMatchObject({ status: 'active' });
    const renewed = await cli(['agreements', 'renew', '1', '--to', '2100-06-30', '--json'], asAdmin(dir));
    expect(JSON.parse(renewed.stdout)).toMatchObject({ validTo: '2100-06-30', state: 'active' });
    expect(JSON.parse((await cli(['agreements', 'revoke', '1', '--reason', 'contract ended', '--json'], asAdmin(dir))).stdout)).toMatchObject({
      status: 'revoked',
      state: 'revoked',
    });
    const again = await cli(['agreements', 'resume', '1', '--json'], asAdmin(dir));
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('refuses a lease that ends before it starts, an unknown partner, a window it cannot read and an unknown field', async () => {
    const dir = await vaultInUtc();
    await cli(['partners', 'add', 'Envoi', '--role', 'processor', '--country', 'FR'], asAdmin(dir));
    const base = ['agreements', 'add', '--purpose', 'email_marketing', '--fields', 'email', '--folder', tempDir()];
    const backwards = await cli([...base, '--partner', 'Envoi', '--from', today(), '--to', '2020-01-01'], asAdmin(dir));
    expect(backwards.code).toBe(1);
    expect(backwards.stderr).toContain('INVALID_INPUT');
    const nobody = await cli([...base, '--partner', 'Nobody', '--from', today(), '--to', '2099-01-01', '--json'], asAdmin(dir));
    expect(JSON.parse(nobody.stdout)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await cli([...base, '--partner', 'Envoi', '--from', today(), '--to', '2099-01-01', '--window', 'weekdays'], asAdmin(dir))).code).toBe(2);
    expect((await cli([...base, '--partner', 'Envoi', '--from', today(), '--to', '2099-01-01', '--fields', 'shoeSize'], asAdmin(dir))).code).toBe(2);
    const both = await cli([...base, '--partner', 'Envoi', '--from', today(), '--to', '2099-01-01', '--sftp-host', 'h'], asAdmin(dir));
    expect(both.code).toBe(2);
    expect(JSON.parse((await cli(['agreements', 'list', '--json'], asAdmin(dir))).stdout)).toEqual([]);
  });

  it('signs an SFTP delivery with the pinned host key, the password read from standard input and never shown again', async () => {
    const dir = await vaultInUtc();
    await cli(['partners', 'add', 'Envoi', '--role', 'processor', '--country', 'FR'], asAdmin(dir));
    const hostKey = `SHA256:${'b'.repeat(43)}`;
    const sftp = ['--sftp-host', '127.0.0.1', '--sftp-port', '2222', '--sftp-user', 'envoi', '--sftp-path', '/in', '--sftp-host-key', hostKey];
    const base = ['agreements', 'add', '--partner', 'Envoi', '--purpose', 'email_marketing', '--fields', 'email', '--from', today(), '--to', '2099-01-01'];
    const stdin = Object.assign(Readable.from(['pass-from-a-vault\n']), { isTTY: false });
    const signed = await cli([...base, ...sftp, '--sftp-password-stdin', '--json'], asAdmin(dir), { stdin });
    expect(signed.code).toBe(0);
    expect(JSON.parse(signed.stdout)).toMatchObject({
      delivery: { kind: 'sftp', target: { host: '127.0.0.1', port: 2222, username: 'envoi', path: '/in', hostKey }, credential: '••••' },
    });
    expect(signed.stdout).not.toContain('pass-from-a-vault');
    const missing = await cli([...base, '--sftp-host', '127.0.0.1', '--sftp-user', 'envoi'], asAdmin(dir));
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('--sftp-path, --sftp-host-key') });
  });

  it('lets an auditor read agreements but not sign one', async () => {
    const dir = await vaultInUtc();
    await cli(['users', 'add', AUDITOR.name, '--role', 'auditor'], { ...asAdmin(dir), CUSTODIA_NEW_PASSPHRASE: AUDITOR.passphrase });
    await cli(['partners', 'add', 'Envoi', '--role', 'processor', '--country', 'FR'], asAdmin(dir));
    const refused = await cli(
      [
        'agreements',
        'add',
        '--partner',
        'Envoi',
        '--purpose',
        'email_marketing',
        '--fields',
        'email',
        '--from',
        today(),
        '--to',
        '2099-01-01',
        '--folder',
        tempDir(),
        '--json',
      ],
      asAuditor(dir),
    );
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await cli(['agreements', 'list', '--json'], asAuditor(dir))).code).toBe(0);
    expect((await cli(['partners', 'add', 'Autre', '--role', 'processor', '--country', 'FR'], asAuditor(dir))).code).toBe(1);
  });
});

describe('partner commands that write files', () => {
  it('refuse a path in the vault folder and a name that says no format, before the vault is opened', async () => {
    const dir = await initVault();
    const extract = await cli(['extract', 'run', '1', '--out', path.join(dir, 'vault.db'), '--json'], asAdmin(dir));
    expect(extract.code).toBe(1);
    expect(JSON.parse(extract.stdout)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((await cli(['register', 'export', '--out', path.join(dir, 'register.csv')], asAdmin(dir))).stderr).toContain('inside the vault folder');
    expect((await cli(['register', 'export', '--out', path.join(tempDir(), 'register.xlsx')], asAdmin(dir))).code).toBe(2);
  });
});

describe('custodia register', () => {
  it('lets an auditor list and export the register, in CSV or PDF by the file’s name, with the filters', async () => {
    const dir = await vaultInUtc();
    await cli(['users', 'add', AUDITOR.name, '--role', 'auditor'], { ...asAdmin(dir), CUSTODIA_NEW_PASSPHRASE: AUDITOR.passphrase });
    await cli(['partners', 'add', 'Envoi', '--role', 'processor', '--country', 'FR'], asAdmin(dir));
    const listed = await cli(['register', 'list', '--partner', 'ENVOI', '--from', '2026-01-01', '--limit', '10', '--json'], asAuditor(dir));
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toMatchObject({ total: 0, people: 0, entries: [] });
    expect((await cli(['register', 'list', '--partner', 'Nobody'], asAuditor(dir))).stderr).toBe(
      'custodia: no partner is named “Nobody”: custodia partners list shows them (NOT_FOUND)\n',
    );
    const reversed = await cli(['register', 'list', '--from', '2026-02-01', '--to', '2026-01-01'], asAuditor(dir));
    expect(reversed).toMatchObject({ code: 1, stderr: 'custodia: the period ends (2026-01-01) before it starts (2026-02-01) (INVALID_INPUT)\n' });

    const csv = path.join(tempDir(), 'register.csv');
    const exported = await cli(['register', 'export', '--out', csv, '--json'], asAuditor(dir));
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({ entries: 0 });
    expect(fs.existsSync(csv)).toBe(true);
    expect((await cli(['register', 'export', '--out', csv], asAuditor(dir))).code).toBe(1);
    const pdf = path.join(tempDir(), 'register.pdf');
    expect((await cli(['register', 'export', '--out', pdf, '--partner', 'envoi'], asAuditor(dir))).stdout).toMatch(
      /^Register written to .*register\.pdf: 0 extract\(s\)/,
    );
    expect(fs.readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});
