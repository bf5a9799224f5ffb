/** The register: filtered by partner, agreement, period and person (through merges), exported, read by auditors. */
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../backend/backend';
import { importPeople, profileOf } from '../../consent/test-people';
import { sql } from '../../store/sql';
import { ADMIN, AUDITOR, createVault, ok, tempDir } from '../../test-support/temp-vault';

const now = new Date('2026-07-15T14:00:00Z');
let backend: Backend;
let people: { helene: number; bruno: number; zoe: number };
let envoi: number;
let mailer: number;
let newsletter: number;
let survey: number;

const lease = (partnerId: number, title: string) => ({
  partnerId,
  title,
  purposes: ['customer_relationship'],
  basis: 'contract',
  fields: ['email', 'givenName'],
  validFrom: '2026-06-30',
  validTo: '2026-12-31',
  delivery: { kind: 'folder', folder: '/tmp/out' },
});

/** An extract as the engine records it (main/partners/extract): the register row and one disclosure per person. */
function extract(
  agreementId: number,
  partnerId: number,
  at: string,
  profileIds: readonly number[],
  extra: { scheduleId?: number; fileName?: string } = {},
): number {
  const db = backend.vaults.current().db;
  const userId = extra.scheduleId === undefined ? db.get<{ id: number }>(sql`SELECT id FROM app_user WHERE name = ${ADMIN.name}`)!.id : null;
  const id = Number(
    db.run(sql`
      INSERT INTO extract (agreement_id, partner_id, schedule_id, user_id, at, purposes, fields, format, people, excluded, file_name, sha256, bytes, delivered_to)
      VALUES (${agreementId}, ${partnerId}, ${extra.scheduleId ?? null}, ${userId}, ${at}, '["customer_relationship"]', '["email","givenName"]', 'csv',
        ${profileIds.length}, 1, ${extra.fileName ?? `extract-${at.slice(0, 10)}.csv`}, ${'ab'.repeat(32)}, 120, 'file')`).lastInsertRowid,
  );
  for (const profileId of profileIds) db.run(sql`INSERT INTO disclosure (profile_id, extract_id) VALUES (${profileId}, ${id})`);
  return id;
}

beforeEach(async () => {
  ({ backend } = await createVault({ now: () => now }));
  backend.vaults.current().db.raw.prepare(`INSERT INTO setting (key, value) VALUES ('time_zone', 'America/Toronto')`).run();
  await importPeople(backend, 'Boutique', [
    { id: 1, first: 'Hélène', last: 'Gagnon', email: 'helene@exemple.ca' },
    { id: 2, first: 'Bruno', last: 'Lévesque', email: 'bruno@exemple.ca' },
    { id: 3, first: 'Zoé', last: 'Roy', email: 'zoe@exemple.ca' },
  ]);
  people = {
    helene: await profileOf(backend, 'helene@exemple.ca'),
    bruno: await profileOf(backend, 'bruno@exemple.ca'),
    zoe: await profileOf(backend, 'zoe@exemple.ca'),
  };
  // Partners are dated from the clock: signed at the end of June, before the leases begin.
  now.setTime(Date.parse('2026-06-29T14:00:00Z'));
  envoi = (await ok(backend, 'partners.add', { name: 'Envoi Québec', role: 'processor', country: 'CA', subdivision: 'QC' })).id;
  mailer = (await ok(backend, 'partners.add', { name: '=Mailer', role: 'third_party', country: 'FR' })).id;
  now.setTime(Date.parse('2026-07-15T14:00:00Z'));
  newsletter = (await ok(backend, 'agreements.add', lease(envoi, 'Infolettre'))).id;
  survey = (await ok(backend, 'agreements.add', lease(mailer, 'Sondage'))).id;
});

describe('register.list', () => {
  it('filters by partner, agreement, period in the vault’s zone and person, newest first, with totals', async () => {
    const first = extract(newsletter, envoi, '2026-07-01T03:59:59.000Z', [people.helene]); // 30 June, 23:59 in Montréal
    const second = extract(newsletter, envoi, '2026-07-01T04:00:00.000Z', [people.helene, people.bruno]); // 1 July, 00:00
    const third = extract(survey, mailer, '2026-07-10T12:00:00.000Z', [people.bruno, people.zoe]);

    const all = await ok(backend, 'register.list', {});
    expect(all.entries.map((entry) => entry.id)).toEqual([third, second, first]);
    expect(all).toMatchObject({ total: 3, people: 5 });
    expect(all.entries[0]).toMatchObject({
      partnerName: '=Mailer',
      agreementTitle: 'Sondage',
      user: ADMIN.name,
      scheduleId: null,
      people: 2,
      purposes: ['customer_relationship'],
    });

    expect((await ok(backend, 'register.list', { partnerId: envoi })).entries.map((entry) => entry.id)).toEqual([second, first]);
    expect((await ok(backend, 'register.list', { agreementId: survey })).entries.map((entry) => entry.id)).toEqual([third]);
    const july = await ok(backend, 'register.list', { from: '2026-07-01', to: '2026-07-09' });
    expect(july).toMatchObject({ total: 1, people: 2 });
    expect(july.entries.map((entry) => entry.id)).toEqual([second]);
    expect((await ok(backend, 'register.list', { to: '2026-06-30' })).entries.map((entry) => entry.id)).toEqual([first]);
    expect((await ok(backend, 'register.list', { profileId: people.zoe })).entries.map((entry) => entry.id)).toEqual([third]);
    expect((await ok(backend, 'register.list', { profileId: people.helene, from: '2026-07-01' })).entries.map((entry) => entry.id)).toEqual([second]);

    const page = await ok(backend, 'register.list', { limit: 1, offset: 1 });
    expect(page).toMatchObject({ total: 3, people: 5 });
    expect(page.entries.map((entry) => entry.id)).toEqual([second]);

    const reversed = await backend.call('register.list', { from: '2026-07-10', to: '2026-07-01' });
    expect(reversed).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', params: { reason: 'registerPeriodReversed' } } });
    expect(await backend.call('register.list', { from: '2026-02-30' })).toMatchObject({ ok: false, error: { params: { reason: 'badDay' } } });
  });

  it('finds a person’s extracts through merges, whichever id is asked', async () => {
    const db = backend.vaults.current().db;
    const before = extract(newsletter, envoi, '2026-07-02T12:00:00.000Z', [people.zoe]);
    const other = extract(newsletter, envoi, '2026-07-03T12:00:00.000Z', [people.bruno]);
    // Zoé's profile is merged into Hélène's after the extract named it.
    db.run(sql`UPDATE profile SET status = 'merged', merged_into = ${people.helene} WHERE id = ${people.zoe}`);
    const after = extract(newsletter, envoi, '2026-07-04T12:00:00.000Z', [people.helene]);
    expect((await ok(backend, 'register.list', { profileId: people.helene })).entries.map((entry) => entry.id)).toEqual([after, before]);
    expect((await ok(backend, 'register.list', { profileId: people.zoe })).entries.map((entry) => entry.id)).toEqual([after, before]);
    expect((await ok(backend, 'register.list', { profileId: people.bruno })).entries.map((entry) => entry.id)).toEqual([other]);
  });
});

describe('register.export', () => {
  it('writes one CSV line per extract with translated headers and cells a spreadsheet cannot run, audited with counts', async () => {
    const schedule = Number(
      backend.vaults
        .current()
        .db.run(
          sql`INSERT INTO extract_schedule (agreement_id, every, at_time, next_due, created_at) VALUES (${survey}, 'daily', '06:00', '2026-07-16T10:00:00.000Z', '2026-07-01T00:00:00.000Z')`,
        ).lastInsertRowid,
    );
    extract(newsletter, envoi, '2026-07-01T12:00:00.000Z', [people.helene]);
    extract(survey, mailer, '2026-07-10T12:00:00.000Z', [people.bruno, people.zoe], { scheduleId: schedule, fileName: '@sondage.csv' });

    const fr = await ok(backend, 'register.export', { format: 'csv', language: 'fr' });
    expect(fr).toMatchObject({ fileName: 'partner-register-all.csv', savedTo: null, entries: 2 });
    const text = Buffer.from(fr.base64!, 'base64').toString('utf8');
    expect(text.startsWith('\ufeff')).toBe(true);
    const rows = Papa.parse<string[]>(text.slice(1).trim()).data;
    expect(rows[0]).toEqual([
      'Heure (UTC)',
      'Utilisateur ou planification',
      'Entente',
      'Partenaire',
      'Finalités',
      'Personnes',
      'Champs',
      'Nom du fichier',
      'SHA-256',
    ]);
    expect(rows.slice(1)).toEqual([
      [
        '2026-07-10T12:00:00.000Z',
        `Planification ${schedule}`,
        'Sondage',
        "'=Mailer",
        'customer_relationship',
        '2',
        'email, givenName',
        "'@sondage.csv",
        'ab'.repeat(32),
      ],
      [
        '2026-07-01T12:00:00.000Z',
        ADMIN.name,
        'Infolettre',
        'Envoi Québec',
        'customer_relationship',
        '1',
        'email, givenName',
        'extract-2026-07-01.csv',
        'ab'.repeat(32),
      ],
    ]);

    const outFile = path.join(tempDir(), 'register.csv');
    const saved = await ok(backend, 'register.export', { format: 'csv', language: 'en', partnerId: envoi, outFile });
    expect(saved).toMatchObject({ savedTo: outFile, base64: null, entries: 1 });
    expect(fs.readFileSync(outFile, 'utf8').split('\r\n')[0]).toBe(
      '\ufeffTime (UTC),User or schedule,Agreement,Partner,Purposes,People,Fields,File name,SHA-256',
    );

    const audit = await ok(backend, 'audit.list', { action: 'partners.register_exported' });
    expect(audit.entries.map((entry) => entry.details)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ format: 'csv', entries: 1, partnerId: envoi, sha256: saved.sha256 }),
        expect.objectContaining({ entries: 2 }),
      ]),
    );
  });

  it('writes a PDF in the reader’s language', async () => {
    extract(newsletter, envoi, '2026-07-01T12:00:00.000Z', [people.helene]);
    const pdf = await ok(backend, 'register.export', { format: 'pdf', language: 'fr', from: '2026-07-01', to: '2026-07-31' });
    expect(pdf).toMatchObject({ fileName: 'partner-register-2026-07-01_2026-07-31.pdf', entries: 1 });
    expect(Buffer.from(pdf.base64!, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('lets an auditor list and export the register but sign nothing', async () => {
    extract(newsletter, envoi, '2026-07-01T12:00:00.000Z', [people.helene]);
    await ok(backend, 'users.add', { name: AUDITOR.name, role: 'auditor', passphrase: AUDITOR.passphrase });
    await ok(backend, 'vault.lock');
    await ok(backend, 'vault.unlock', { userName: AUDITOR.name, passphrase: AUDITOR.passphrase });
    expect((await ok(backend, 'register.list', {})).total).toBe(1);
    expect((await ok(backend, 'register.export', { format: 'csv' })).entries).toBe(1);
    for (const [method, input] of [
      ['agreements.add', lease(envoi, 'Autre')],
      ['agreements.suspend', { id: newsletter, reason: 'audit' }],
      ['partners.add', { name: 'Autre', role: 'processor', country: 'FR' }],
      ['schedules.add', { agreementId: newsletter, every: 'daily', atTime: '06:00' }],
    ] as const)
      expect(await backend.call(method, input), method).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
