import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { asAdmin, asAuditor, cli, initVault } from '../test-support/cli';
import { ADMIN, AUDITOR, ok, openBackend, tempDir } from '../test-support/temp-vault';

const SHOP = JSON.stringify([
  {
    customer: { id: 1, first_name: 'Zoé', last_name: 'Martin', email: 'zoe@exemple.fr', language: 'fr' },
    consents: [{ purpose: 'email_marketing', granted: 'yes', date: '2025-01-01' }],
  },
  {
    customer: { id: 2, first_name: 'Paul', last_name: 'Durand', email: 'paul@exemple.fr', language: 'English' },
    consents: [{ purpose: 'email_marketing', granted: 'no', date: '2025-02-01' }],
  },
  { customer: { id: 3, first_name: 'Léa', last_name: 'Roy', email: 'lea@exemple.fr' } },
]);

const today = (): string => new Date().toISOString().slice(0, 10);

/** A vault in UTC with three people (one consented to email marketing, one withdrew, one never said), a partner and a lease on it. */
async function vaultWithLease(extra: readonly string[] = []): Promise<{ dir: string; folder: string }> {
  const dir = await initVault();
  expect((await cli(['requests', 'settings', '--time-zone', 'UTC'], asAdmin(dir))).code).toBe(0);
  const file = path.join(tempDir(), 'shop.json');
  fs.writeFileSync(file, SHOP);
  expect((await cli(['import', file, '--source', 'Boutique', '--country', 'FR'], asAdmin(dir))).code).toBe(0);
  expect((await cli(['partners', 'add', 'Envoi', '--role', 'processor', '--country', 'CA', '--subdivision', 'QC'], asAdmin(dir))).code).toBe(0);
  const folder = tempDir();
  const signed = await cli(
    [
      'agreements',
      'add',
      '--partner',
      'Envoi',
      '--purpose',
      'email_marketing',
      '--fields',
      'email,givenName',
      '--from',
      today(),
      '--to',
      '2099-12-31',
      '--folder',
      folder,
      ...extra,
    ],
    asAdmin(dir),
  );
  expect(signed).toMatchObject({ code: 0, stdout: '1\n' });
  return { dir, folder };
}

describe('custodia extract', () => {
  it('previews who is in and why the others are not, then writes only the agreed fields of the people in', async () => {
    const { dir } = await vaultWithLease();
    const preview = await cli(['extract', 'preview', '1', '--json'], asAdmin(dir));
    expect(preview.code).toBe(0);
    expect(JSON.parse(preview.stdout)).toMatchObject({
      agreementId: 1,
      refusal: null,
      audience: 3,
      included: 1,
      excluded: { consentWithdrawn: 1, noConsent: 1 },
    });
    const text = (await cli(['extract', 'preview', '1'], asAdmin(dir))).stdout;
    expect(text).toMatch(/^Agreement 1: 1 of 3 person\(s\) included/);
    expect(text).toMatch(/No consent\s+1\n/);
    expect(text).toContain('The lease allows an extract now.');

    const out = path.join(tempDir(), 'envoi.csv');
    const run = await cli(['extract', 'run', '1', '--out', out, '--json'], asAdmin(dir));
    expect(run.code).toBe(0);
    const entry = JSON.parse(run.stdout) as { people: number; sha256: string; fields: string[] };
    expect(entry).toMatchObject({ people: 1, fields: ['email', 'givenName'] });
    const written = fs.readFileSync(out, 'utf8');
    expect(written).toContain('zoe@exemple.fr');
    expect(written).not.toContain('paul@exemple.fr');
    expect(written).not.toContain('Martin');
    expect((await cli(['extract', 'run', '1', '--out', out], asAdmin(dir))).code).not.toBe(0);

    const narrower = path.join(tempDir(), 'emails.csv');
    const emails = await cli(['extract', 'run', '1', '--out', narrower, '--fields', 'email', '--json'], asAdmin(dir));
    expect(JSON.parse(emails.stdout)).toMatchObject({ fields: ['email'] });
    expect(fs.readFileSync(narrower, 'utf8')).not.toContain('Zoé');
    const wider = await cli(['extract', 'run', '1', '--out', path.join(tempDir(), 'wider.csv'), '--fields', 'email,familyName'], asAdmin(dir));
    expect(wider).toMatchObject({
      code: 1,
      stderr: 'custodia: agreement 1 does not allow the field “familyName”: an extract under it may only hold the fields it lists (INVALID_INPUT)\n',
    });
  });

  it('reads the audience from a file', async () => {
    const { dir } = await vaultWithLease();
    const audience = path.join(tempDir(), 'audience.json');
    fs.writeFileSync(audience, JSON.stringify({ countries: ['CA'] }));
    expect(JSON.parse((await cli(['extract', 'preview', '1', '--audience', audience, '--json'], asAdmin(dir))).stdout)).toMatchObject({
      audience: 0,
      included: 0,
    });
    fs.writeFileSync(audience, JSON.stringify({ countries: 'CA' }));
    const wrong = await cli(['extract', 'preview', '1', '--audience', audience, '--json'], asAdmin(dir));
    expect(JSON.parse(wrong.stdout)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    // By language: Zoé writes French, Paul English, Léa says nothing.
    fs.writeFileSync(audience, JSON.stringify({ languages: ['fr', 'en'] }));
    expect(JSON.parse((await cli(['extract', 'preview', '1', '--audience', audience, '--json'], asAdmin(dir))).stdout)).toMatchObject({
      audience: 2,
      included: 1,
      excluded: { consentWithdrawn: 1, noConsent: 0 },
    });
    fs.writeFileSync(audience, JSON.stringify({ languages: ['French'] }));
    const unknown = await cli(['extract', 'preview', '1', '--audience', audience], asAdmin(dir));
    expect(unknown).toMatchObject({ code: 1 });
    expect(unknown.stderr).toContain('languages.0: an ISO 639-1 language code such as en, fr, pl, es');
  });

  it('exits 1 with the reason in words when the lease is suspended, expired or outside its window, and writes nothing', async () => {
    const { dir } = await vaultWithLease();
    const out = path.join(tempDir(), 'envoi.csv');
    await cli(['agreements', 'suspend', '1', '--reason', 'audit'], asAdmin(dir));
    const suspended = await cli(['extract', 'run', '1', '--out', out], asAdmin(dir));
    expect(suspended.code).toBe(1);
    expect(suspended.stderr).toBe('custodia: agreement 1 is suspended: no extract may leave under it until it is resumed (CONFLICT)\n');
    expect(JSON.parse((await cli(['extract', 'preview', '1', '--json'], asAdmin(dir))).stdout)).toMatchObject({ refusal: 'suspended' });
    expect((await cli(['extract', 'preview', '1'], asAdmin(dir))).stdout).toContain(
      'The lease refuses an extract now: Agreement 1 is suspended: no extract may leave under it until it is resumed.',
    );
    expect(fs.existsSync(out)).toBe(false);

    await cli(['agreements', 'resume', '1'], asAdmin(dir));
    // A lease cannot be signed in the past, so time is moved on for it in the vault itself.
    const backend = openBackend(dir);
    await ok(backend, 'vault.unlock', { userName: ADMIN.name, passphrase: ADMIN.passphrase });
    backend.vaults.current().db.raw.prepare(`UPDATE agreement SET valid_from = '2020-01-01', valid_to = '2020-12-31' WHERE id = 1`).run();
    await backend.close();
    const expired = await cli(['extract', 'run', '1', '--out', out, '--json'], asAdmin(dir));
    expect(expired.code).toBe(1);
    expect(expired.stderr).toContain('agreement 1 has expired: renew it before sending another extract (CONFLICT)');
    expect(JSON.parse(expired.stdout)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'Agreement 1 has expired: renew it before sending another extract.' },
    });
    expect(fs.existsSync(out)).toBe(false);
  });

  it('refuses outside the access window', async () => {
    const todayNumber = ((new Date().getUTCDay() + 6) % 7) + 1;
    const other = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][todayNumber % 7]!;
    const { dir } = await vaultWithLease(['--window', `${other} 00:00-24:00`]);
    const refused = await cli(['extract', 'run', '1', '--out', path.join(tempDir(), 'x.csv')], asAdmin(dir));
    expect(refused).toMatchObject({
      code: 1,
      stderr: 'custodia: agreement 1 allows extracts only inside its access window, and now is outside it (CONFLICT)\n',
    });
  });
});

describe('custodia register', () => {
  it('lists and exports the register; an auditor exports it too', async () => {
    const { dir } = await vaultWithLease();
    await cli(['users', 'add', AUDITOR.name, '--role', 'auditor'], { ...asAdmin(dir), CUSTODIA_NEW_PASSPHRASE: AUDITOR.passphrase });
    expect((await cli(['extract', 'run', '1', '--out', path.join(tempDir(), 'envoi.json'), '--format', 'json'], asAdmin(dir))).code).toBe(0);

    const list = JSON.parse((await cli(['register', 'list', '--partner', 'envoi', '--json'], asAdmin(dir))).stdout) as {
      total: number;
      entries: { agreementId: number; people: number; user: string; fileName: string }[];
    };
    expect(list).toMatchObject({ total: 1, entries: [{ agreementId: 1, people: 1, user: ADMIN.name, fileName: 'envoi.json' }] });
    expect(JSON.parse((await cli(['register', 'list', '--from', '2000-01-01', '--to', '2000-12-31', '--json'], asAdmin(dir))).stdout)).toMatchObject({
      total: 0,
    });

    const csv = path.join(tempDir(), 'register.csv');
    const exported = await cli(['register', 'export', '--out', csv, '--json'], asAuditor(dir));
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({ entries: 1 });
    expect(fs.readFileSync(csv, 'utf8')).toContain('envoi.json');
    const pdf = path.join(tempDir(), 'register.pdf');
    expect((await cli(['register', 'export', '--out', pdf, '--agreement', '1'], asAuditor(dir))).code).toBe(0);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await cli(['register', 'export', '--out', path.join(tempDir(), 'register.txt')], asAuditor(dir))).code).toBe(2);
  });
});

/** Moves a schedule's next run into the past, as if its time had come. */
async function makeDue(dir: string): Promise<void> {
  const backend = openBackend(dir);
  await ok(backend, 'vault.unlock', { userName: ADMIN.name, passphrase: ADMIN.passphrase });
  backend.vaults.current().db.raw.prepare(`UPDATE extract_schedule SET next_due = '2020-01-01T00:00:00.000Z'`).run();
  await backend.close();
}

describe('custodia schedules', () => {
  it('adds and lists a schedule; run-due runs only what is due, each asking its lease again', async () => {
    const { dir, folder } = await vaultWithLease();
    expect((await cli(['schedules', 'add', '1', '--every', 'weekly', '--at', '06:00'], asAdmin(dir))).code).toBe(2);
    const added = await cli(['schedules', 'add', '1', '--every', 'weekly', '--weekday', '3', '--at', '06:00', '--format', 'json', '--json'], asAdmin(dir));
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ id: 1, agreementId: 1, every: 'weekly', weekday: 3, atTime: '06:00', format: 'json', active: true });
    expect(JSON.parse((await cli(['schedules', 'list', '--json'], asAdmin(dir))).stdout)).toMatchObject([{ id: 1, lastRunAt: null }]);
    expect((await cli(['schedules', 'list'], asAdmin(dir))).stdout).toMatch(/\n1\s+1\s+Wednesdays at 06:00\s+json/);
    expect(JSON.parse((await cli(['partners', 'run-due', '--json'], asAdmin(dir))).stdout)).toEqual({ ran: [] });

    await makeDue(dir);
    const ran = await cli(['partners', 'run-due', '--json'], asAdmin(dir));
    expect(ran.code).toBe(0);
    expect(JSON.parse(ran.stdout)).toMatchObject({ ran: [{ scheduleId: 1, outcome: 'ok', extractId: 1 }] });
    expect(fs.readdirSync(folder)).toHaveLength(1);

    await cli(['agreements', 'suspend', '1', '--reason', 'audit'], asAdmin(dir));
    await makeDue(dir);
    const refused = await cli(['partners', 'run-due'], asAdmin(dir));
    expect(refused).toMatchObject({ code: 1, stdout: 'Schedule 1: Refused: the agreement was suspended\n' });
    expect(fs.readdirSync(folder)).toHaveLength(1);
    expect(JSON.parse((await cli(['schedules', 'list', '--json'], asAdmin(dir))).stdout)).toMatchObject([{ lastOutcome: 'suspended' }]);
  });
});
