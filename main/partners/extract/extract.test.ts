/** Extracts: only agreed fields, only people whose consent allows it, only under a lease that allows it, each on the register once. */
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../backend/backend';
import { runJob, unwrap } from '../../backend/run-job';
import { importPeople, profileOf } from '../../consent/test-people';
import { AppError } from '../../core/errors';
import type { JobControl } from '../../core/job-control';
import { sql } from '../../store/sql';
import { createVault, ok, tempDir } from '../../test-support/temp-vault';
import type { CapabilityContext } from '../../vault/index';
import { runExtract } from './run';

let now: Date;
let backend: Backend;
let folder: string;

const NOW = new Date('2026-06-30T14:00:00Z');

const people = [
  { id: 1, first: 'Zoé', last: 'Martin', email: 'zoe@exemple.fr', consents: [{ purpose: 'email_marketing', granted: 'yes', date: '2026-01-10' }] },
  { id: 2, first: 'Marc', last: 'Tremblay', email: 'marc@exemple.fr', consents: [{ purpose: 'email_marketing', granted: 'yes', date: '2026-01-10' }] },
  // Marc's household: the same family name and mailbox street, her own consent.
  { id: 3, first: 'Julie', last: 'Tremblay', email: 'julie@exemple.fr', consents: [{ purpose: 'email_marketing', granted: 'yes', date: '2026-01-10' }] },
  { id: 4, first: 'Paul', last: 'Roy', email: 'paul@exemple.fr', consents: [{ purpose: 'email_marketing', granted: 'no', date: '2026-01-10' }] },
  { id: 5, first: 'Léa', last: 'Côté', email: 'lea@exemple.fr' },
  { id: 6, first: 'Hugo', last: 'Gagnon', email: 'hugo@exemple.fr', consents: [{ purpose: 'email_marketing', granted: 'yes', date: '2026-01-10' }] },
  {
    id: 7,
    first: '=HYPERLINK("x")',
    last: 'Formule',
    email: 'formule@exemple.fr',
    consents: [{ purpose: 'email_marketing', granted: 'yes', date: '2026-01-10' }],
  },
];

async function fails(method: Parameters<typeof ok>[1], input: unknown): Promise<{ code: string; params?: Record<string, unknown> }> {
  const reply = method.startsWith('extracts.') ? await runJob(backend, method as 'extracts.run', input) : await backend.call(method, input);
  if (reply.ok) throw new Error(`${method} succeeded`);
  return reply.error;
}

async function agreement(extra: Record<string, unknown> = {}): Promise<number> {
  const partner = await ok(backend, 'partners.add', { name: 'Envoi Québec', role: 'processor', country: 'CA', subdivision: 'QC' });
  const signed = await ok(backend, 'agreements.add', {
    partnerId: partner.id,
    title: 'Infolettre',
    purposes: ['email_marketing'],
    basis: 'consent',
    fields: ['profileId', 'email', 'givenName'],
    validFrom: '2026-06-30',
    validTo: '2026-12-31',
    delivery: { kind: 'folder', folder },
    ...extra,
  });
  return signed.id;
}

const run = (input: Record<string, unknown>) => runJob(backend, 'extracts.run', input).then(unwrap);
const preview = (input: Record<string, unknown>) => runJob(backend, 'extracts.preview', input).then(unwrap);
const db = () => backend.vaults.current().db;
const registerCount = () => db().get<{ n: number; d: number }>(sql`SELECT (SELECT count(*) FROM extract) AS n, (SELECT count(*) FROM disclosure) AS d`)!;
const filesIn = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir) : []);

beforeEach(async () => {
  now = NOW;
  ({ backend } = await createVault({ now: () => now }));
  db().raw.prepare(`INSERT INTO setting (key, value) VALUES ('time_zone', 'America/Toronto')`).run();
  folder = tempDir('custodia-extracts-');
  // The people were imported the day before the agreement starts.
  now = new Date('2026-06-29T14:00:00Z');
  await importPeople(backend, 'Newsletter', people);
  now = NOW;
});

describe('extracts', () => {
  it('writes only the agreed fields, refuses a field the agreement does not allow, and guards spreadsheet formulas', async () => {
    const id = await agreement();
    expect((await fails('extracts.run', { agreementId: id, fields: ['email', 'familyName'] })).params).toMatchObject({
      reason: 'fieldNotAgreed',
      field: 'familyName',
    });
    expect((await fails('extracts.preview', { agreementId: id, fields: ['birthDate'] })).params).toMatchObject({ reason: 'fieldNotAgreed' });
    expect(registerCount()).toEqual({ n: 0, d: 0 });
    expect(filesIn(folder)).toEqual([]);

    const entry = await run({ agreementId: id });
    expect(entry).toMatchObject({ agreementId: id, people: 5, excluded: 2, fields: ['profileId', 'email', 'givenName'], deliveredTo: 'folder', format: 'csv' });
    expect(entry.fileName).toMatch(/^envoi-quebec-a\d+-20260630-100000\.csv$/);
    const file = path.join(folder, entry.fileName);
    const text = fs.readFileSync(file, 'utf8');
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe('profileId,email,givenName');
    expect(lines).toHaveLength(6);
    expect(text).toContain('zoe@exemple.fr');
    expect(text).toContain(`,"'=HYPERLINK(""x"")"`);
    // Family names were never agreed: not one appears.
    for (const person of people) expect(text).not.toContain(person.last);
    expect(entry.bytes).toBe(fs.statSync(file).size);
    const { createHash } = await import('node:crypto');
    expect(entry.sha256).toBe(createHash('sha256').update(fs.readFileSync(file)).digest('hex'));

    // Narrowed to one agreed column, as JSON, to a file the user chose.
    const out = path.join(tempDir(), 'mine.json');
    const narrowed = await run({ agreementId: id, fields: ['email'], format: 'json', outFile: out });
    expect(narrowed).toMatchObject({ fields: ['email'], deliveredTo: 'file', fileName: 'mine.json' });
    const rows = JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, unknown>[];
    expect(rows).toHaveLength(5);
    expect(rows.every((row) => Object.keys(row).join() === 'email')).toBe(true);
  });

  it('leaves out a person whose consent was withdrawn before the extract; the household and the others are unaffected', async () => {
    const id = await agreement();
    const marc = await profileOf(backend, 'marc@exemple.fr');
    const julie = await profileOf(backend, 'julie@exemple.fr');
    now = new Date('2026-06-30T13:00:00Z');
    await ok(backend, 'consent.record', { profileId: marc, purpose: 'email_marketing', kind: 'withdrawal', method: 'email', at: '2026-06-30T12:00:00Z' });
    now = NOW;
    const entry = await run({ agreementId: id, format: 'json' });
    const rows = JSON.parse(fs.readFileSync(path.join(folder, entry.fileName), 'utf8')) as { profileId: number; email: string }[];
    expect(rows.map((row) => row.email).sort()).toEqual(['formule@exemple.fr', 'hugo@exemple.fr', 'julie@exemple.fr', 'zoe@exemple.fr']);
    expect(rows.find((row) => row.email === 'julie@exemple.fr')?.profileId).toBe(julie);
    const disclosed = db()
      .all<{ id: number }>(sql`SELECT profile_id AS id FROM disclosure WHERE extract_id = ${entry.id}`)
      .map((row) => row.id);
    expect(disclosed).not.toContain(marc);
    expect(disclosed).toContain(julie);
  });

  it('counts the preview exactly: included, and excluded per reason', async () => {
    const id = await agreement();
    const hugo = await profileOf(backend, 'hugo@exemple.fr');
    const zoe = await profileOf(backend, 'zoe@exemple.fr');
    await ok(backend, 'erasure.placeHold', { kind: 'litigation', profileId: hugo, reason: 'Dossier 42' });
    await ok(backend, 'consent.record', { profileId: zoe, purpose: 'email_marketing', kind: 'objection', method: 'email', at: '2026-06-30T12:00:00Z' });
    const shown = await preview({ agreementId: id });
    expect(shown).toMatchObject({
      refusal: null,
      audience: 7,
      included: 3,
      excluded: { consentWithdrawn: 1, noConsent: 1, objected: 1, legalHold: 1, consentExpired: 0, noBasis: 0, expressConsentRequired: 0, optedOutOfSale: 0 },
      fields: ['profileId', 'email', 'givenName'],
      purposes: ['email_marketing'],
    });
    expect(shown.sample.map((row) => row.email).sort()).toEqual(['formule@exemple.fr', 'julie@exemple.fr', 'marc@exemple.fr']);
    // The audience's filters: explicit people, and a consent state.
    expect(await preview({ agreementId: id, audience: { profileIds: [hugo, zoe] } })).toMatchObject({ audience: 2, included: 0 });
    expect(await preview({ agreementId: id, audience: { consent: { purpose: 'email_marketing', states: ['none', 'withdrawn'] } } })).toMatchObject({
      audience: 2,
      included: 0,
    });
    expect(await preview({ agreementId: id, audience: { activeFrom: '2026-06-30' } })).toMatchObject({ audience: 0 });
    expect(await preview({ agreementId: id, audience: { activeFrom: '2026-06-29', activeTo: '2026-06-29' } })).toMatchObject({ audience: 7 });
    const newsletter = db().get<{ id: number }>(sql`SELECT id FROM source WHERE name = 'Newsletter'`)!.id;
    expect(await preview({ agreementId: id, audience: { sourceIds: [newsletter] } })).toMatchObject({ audience: 7 });
    expect(await preview({ agreementId: id, audience: { sourceIds: [newsletter + 100] } })).toMatchObject({ audience: 0 });
    // Countries are the golden record's: Zoé moved to Belgium in her record.
    db().run(sql`UPDATE source_record SET country = 'BE' WHERE id IN (SELECT source_record_id FROM profile_member WHERE profile_id = ${zoe})`);
    db().run(sql`UPDATE source_record SET country = 'FR' WHERE id NOT IN (SELECT source_record_id FROM profile_member WHERE profile_id = ${zoe})`);
    expect(await preview({ agreementId: id, audience: { countries: ['be'] } })).toMatchObject({ audience: 1, excluded: { objected: 1 } });
    expect(await preview({ agreementId: id, audience: { countries: ['FR', 'CA'] } })).toMatchObject({ audience: 6, included: 3 });
    // Nothing left: a preview writes nothing.
    expect(registerCount()).toEqual({ n: 0, d: 0 });
    // An id noted before a merge leads on to the person it became part of.
    const julie = await profileOf(backend, 'julie@exemple.fr');
    const marc = await profileOf(backend, 'marc@exemple.fr');
    await ok(backend, 'identity.merge', { profileA: julie, profileB: marc });
    const merged = db().get<{ id: number }>(sql`SELECT id FROM profile WHERE id IN (${julie}, ${marc}) AND status = 'merged'`)!.id;
    expect(await preview({ agreementId: id, audience: { profileIds: [merged] } })).toMatchObject({ audience: 1, included: 1 });
    expect(await preview({ agreementId: id, audience: { profileIds: [julie, marc] } })).toMatchObject({ audience: 1 });
  });

  it('refuses every extract under an expired, suspended or revoked lease; the preview says why', async () => {
    const id = await agreement();
    await ok(backend, 'agreements.suspend', { id, reason: 'Audit en cours' });
    expect((await preview({ agreementId: id })).refusal).toBe('suspended');
    expect((await fails('extracts.run', { agreementId: id })).params).toMatchObject({ reason: 'leaseSuspended' });
    await ok(backend, 'agreements.resume', { id });
    now = new Date('2027-01-01T14:00:00Z');
    expect((await preview({ agreementId: id })).refusal).toBe('expired');
    expect((await fails('extracts.run', { agreementId: id })).params).toMatchObject({ reason: 'leaseExpired' });
    now = NOW;
    await ok(backend, 'agreements.revoke', { id, reason: 'Fin du contrat' });
    expect((await fails('extracts.run', { agreementId: id })).params).toMatchObject({ reason: 'leaseRevoked' });
    expect(registerCount()).toEqual({ n: 0, d: 0 });
    expect(filesIn(folder)).toEqual([]);
  });

  it('refuses an extract beyond the month’s limit, and one outside the access window', async () => {
    const id = await agreement({ maxPerMonth: 1, window: { days: [1, 2, 3, 4, 5], from: '08:00', to: '18:00' } });
    await run({ agreementId: id });
    expect((await preview({ agreementId: id })).refusal).toBe('monthlyLimitReached');
    expect((await fails('extracts.run', { agreementId: id })).params).toMatchObject({ reason: 'leaseMonthlyLimit' });
    // Tuesday 20:00 in Toronto: outside the window (checked before the limit).
    now = new Date('2026-07-01T00:00:00Z');
    expect((await fails('extracts.run', { agreementId: id })).params).toMatchObject({ reason: 'leaseOutsideWindow' });
    expect(registerCount().n).toBe(1);
  });

  it('enters every extract on the register once, with one disclosure per person included', async () => {
    const id = await agreement();
    const first = await run({ agreementId: id });
    // The same second: a file of its own beside the first.
    const second = await run({ agreementId: id });
    expect(second.fileName).toBe(first.fileName.replace('.csv', '-2.csv'));
    const extracts = db().all<{ id: number; people: number; disclosed: number; distinct_people: number }>(sql`
      SELECT e.id, e.people, (SELECT count(*) FROM disclosure d WHERE d.extract_id = e.id) AS disclosed,
        (SELECT count(DISTINCT d.profile_id) FROM disclosure d WHERE d.extract_id = e.id) AS distinct_people FROM extract e ORDER BY e.id`);
    expect(extracts).toEqual([
      { id: first.id, people: 5, disclosed: 5, distinct_people: 5 },
      { id: second.id, people: 5, disclosed: 5, distinct_people: 5 },
    ]);
    const audit = db().all<{ details: string }>(
      sql`SELECT json_extract(entry, '$.details') AS details FROM audit_log WHERE json_extract(entry, '$.action') = 'partners.extract_made'`,
    );
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[0]!.details)).toEqual({ agreementId: id, partnerId: first.partnerId, people: 5, excluded: 2, fields: 3, sha256: first.sha256 });
    expect(filesIn(folder).sort()).toEqual([first.fileName, second.fileName].sort());
  });

  it('leaves no file and no register entry when cancelled halfway through writing', async () => {
    const id = await agreement();
    const target = path.join(tempDir(), 'cancelled.csv');
    let checkpoints = 0;
    let sawPartial = false;
    const job: JobControl = {
      signal: new AbortController().signal,
      progress: (step) => {
        if (step === 'write') sawPartial ||= filesIn(path.dirname(target)).some((name) => name.startsWith('cancelled.csv.'));
      },
      checkpoint: () => {
        checkpoints += 1;
        // The first is before anything is written; the second comes after the first rows.
        if (checkpoints === 2) throw new AppError('CANCELLED', 'Cancelled.');
      },
    };
    const context = { vaults: backend.vaults, now: () => now, emit: () => undefined } as unknown as CapabilityContext;
    await expect(runExtract(context, { agreementId: id, audience: {}, format: 'csv', outFile: target }, job)).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(sawPartial).toBe(true);
    expect(filesIn(path.dirname(target))).toEqual([]);
    expect(registerCount()).toEqual({ n: 0, d: 0 });
  });

  it('takes the register back when the file cannot be given its name', async () => {
    const id = await agreement();
    const target = path.join(tempDir(), 'taken.csv');
    const job: JobControl = {
      signal: new AbortController().signal,
      // Something takes the name while the rows are written: the rename inside the register's transaction fails.
      progress: (step, done, total) => {
        if (step === 'write' && done === total) fs.mkdirSync(target);
      },
      checkpoint: () => undefined,
    };
    const context = { vaults: backend.vaults, now: () => now, emit: () => undefined } as unknown as CapabilityContext;
    await expect(runExtract(context, { agreementId: id, audience: {}, format: 'csv', outFile: target }, job)).rejects.toMatchObject({
      params: { reason: 'outputIsFolder' },
    });
    expect(registerCount()).toEqual({ n: 0, d: 0 });
    expect(filesIn(path.dirname(target))).toEqual(['taken.csv']);
    expect(fs.statSync(target).isDirectory()).toBe(true);
  });

  it('leaves nothing staged and nothing on the register when SFTP delivery fails', async () => {
    const hostKey = `SHA256:${'A'.repeat(43)}`;
    const id = await agreement({
      delivery: { kind: 'sftp', target: { host: '127.0.0.1', port: 1, username: 'envoi', path: '/in', hostKey }, credential: { password: 'secret-pw' } },
    });
    const reply = await runJob(backend, 'extracts.run', { agreementId: id });
    expect(reply.ok).toBe(false);
    expect(registerCount()).toEqual({ n: 0, d: 0 });
    expect(filesIn(backend.vaults.files.staging)).toEqual([]);
  });
});
