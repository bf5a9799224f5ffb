import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../backend/backend';
import { runJob, unwrap } from '../backend/run-job';
import { AUDITOR, createVault, ok, tempDir } from '../test-support/temp-vault';

const FRENCH_EXPORT = [
  'no_client;prénom;nom;courriel;téléphone;ville;code_postal;pays;date_de_naissance',
  '1001;Hélène;Tremblay;Helene.Tremblay@Exemple.ca ;514 555 0199;Montréal;h2x1y4;Canada;12/03/1980',
  '1002;Łukasz;Wiśniewski;lukasz@wp.pl;+48 601 234 567;Łódź;90-001;Polska;01/02/1975',
  '1003;Jean;Sans-Courriel;jean@;514 555 0100;Laval;H7A 1A1;Canada;31/02/1990',
  ';Anonyme;Sans-Numéro;anonyme@exemple.ca;;;;;',
  '1005;=HYPERLINK("http://x");Formule;formule@exemple.ca;;Québec;G1R 4P5;Canada;',
  '1001;Hélène;Tremblay-Autre;autre@exemple.ca;;;;;',
].join('\n');

function writeFile(name: string, content: string | Buffer): string {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, content);
  return file;
}

async function importFile(backend: Backend, file: string, source = 'Boutique', extra: Record<string, unknown> = {}) {
  return unwrap(await runJob(backend, 'import.file', { file, source, ...extra }));
}

async function search(backend: Backend, query: string): Promise<string[]> {
  return (await ok(backend, 'profiles.search', { query })).hits.map((hit) => hit.displayName);
}

describe('file import', () => {
  it('imports good rows, keeps every bad one with its line and reason, and finds people without accents', async () => {
    const { backend } = await createVault();
    const run = await importFile(backend, writeFile('clients.csv', FRENCH_EXPORT));
    expect(run).toMatchObject({ status: 'completed', read: 6, inserted: 3, updated: 0, unchanged: 0, rejected: 3 });

    const rejects = (await ok(backend, 'import.rejects', { runId: run.id })).rows;
    expect(rejects.map((row) => row.line)).toEqual([4, 5, 7]);
    expect(rejects[0]!.reasons.join(' ')).toMatch(/email/);
    expect(rejects[0]!.reasons.join(' ')).toMatch(/date/);
    expect(rejects[1]!.reasons.join(' ')).toMatch(/customer number/);
    expect(rejects[2]!.reasons.join(' ')).toMatch(/duplicate customer number 1001.*line 2/);
    // Beside the English text, each reason's code, for the interface to translate.
    expect(rejects.map((row) => row.details?.map((detail) => detail?.code ?? null))).toEqual([['email', 'date'], ['keyMissing'], ['duplicateKey']]);
    expect(rejects[0]!.details![0]).toEqual({ code: 'email', params: { column: 'courriel' } });
    expect(rejects[2]!.details![0]).toEqual({ code: 'duplicateKey', params: { key: '1001', line: 2 } });
    expect(JSON.parse(rejects[0]!.raw)).toMatchObject({ courriel: 'jean@' });

    expect(await search(backend, 'helene')).toEqual(['Hélène Tremblay']);
    expect(await search(backend, 'HELENE trem')).toEqual(['Hélène Tremblay']);
    expect(await search(backend, 'lodz')).toEqual(['Łukasz Wiśniewski']);
    expect(await search(backend, 'wisniewsk')).toEqual(['Łukasz Wiśniewski']);
    expect(await search(backend, '514-555-0199')).toEqual(['Hélène Tremblay']);
    expect(await search(backend, 'helene.tremblay@exemple.ca')).toEqual(['Hélène Tremblay']);
    expect(await search(backend, 'nobody')).toEqual([]);
    expect((await ok(backend, 'profiles.count')).profiles).toBe(3);

    const [hit] = (await ok(backend, 'profiles.search', { query: 'helene' })).hits;
    const person = await ok(backend, 'profiles.get', { id: hit!.id });
    expect(person.records[0]).toMatchObject({
      source: 'Boutique',
      externalId: '1001',
      postalCode: 'H2X 1Y4',
      birthDate: '1980-03-12',
      emails: [{ value: 'helene.tremblay@exemple.ca' }],
      phones: [{ value: '+15145550199', raw: '514 555 0199' }],
    });

    // A value that looks like a spreadsheet formula is stored as text and never evaluated.
    const [formula] = (await ok(backend, 'profiles.search', { query: 'formule' })).hits;
    expect(formula?.displayName).toBe('=HYPERLINK("http://x") Formule');
  });

  it('changes nothing when the same file comes again, and only what changed in an updated export', async () => {
    const { backend } = await createVault();
    const file = writeFile('clients.csv', FRENCH_EXPORT);
    await importFile(backend, file);
    const again = await importFile(backend, file);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 3, rejected: 3 });
    const updated = writeFile('clients-v2.csv', FRENCH_EXPORT.replace('514 555 0199', '438 555 0123'));
    expect(await importFile(backend, updated)).toMatchObject({ inserted: 0, updated: 1, unchanged: 2 });
    expect(await search(backend, '438 555 0123')).toEqual(['Hélène Tremblay']);
    expect(await search(backend, '514 555 0199')).toEqual([]);
    expect((await ok(backend, 'profiles.count')).profiles).toBe(3);

    const actions = (await ok(backend, 'audit.list', { filter: { action: 'import.completed' } })).entries;
    expect(actions).toHaveLength(3);
    expect(actions[0]!.details).toMatchObject({ inserted: 0, updated: 1, fileSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(JSON.stringify(actions)).not.toContain('Tremblay');
  });

  it('recognizes rows it has already written, and still lets the first line of a duplicated number win', async () => {
    const { backend } = await createVault();
    const header = 'no_client;prénom;nom;courriel';
    const v1 = [header, '2001;Ana;Lima;ana@exemple.ca', '2002;Bo;Chen;bo@exemple.ca'].join('\n');
    await importFile(backend, writeFile('v1.csv', v1));
    // Line 2 changes 2001; line 3 is 2001's old row again, unchanged since the last import.
    const v2 = [header, '2001;Ana;Lima-Souza;ana@exemple.ca', '2001;Ana;Lima;ana@exemple.ca', '2002;Bo;Chen;bo@exemple.ca'].join('\n');
    const run = await importFile(backend, writeFile('v2.csv', v2));
    expect(run).toMatchObject({ read: 3, inserted: 0, updated: 1, unchanged: 1, rejected: 1 });
    const rejects = (await ok(backend, 'import.rejects', { runId: run.id })).rows;
    expect(rejects.map((row) => [row.line, row.reasons[0]])).toEqual([[3, expect.stringMatching(/^duplicate customer number 2001: line 2 /)]]);
    expect(await search(backend, 'souza')).toEqual(['Ana Lima-Souza']);
  });

  it('maps a till export with one row per purchase to one record per customer and one event per row', async () => {
    const { backend } = await createVault();
    const till = [
      'loyalty_card,first_name,last_name,email,transaction_id,date,amount,store',
      'C-1,Marie,Gagnon,marie@exemple.ca,T1,2026-03-01,12.50,Laval',
      'C-2,Paul,Roy,paul@exemple.ca,T2,2026-03-01,8.00,Laval',
      'C-1,Marie,Gagnon,marie@exemple.ca,T3,2026-03-04,40.00,Montréal',
    ].join('\n');
    const file = writeFile('till.csv', till);
    const first = await importFile(backend, file, 'Caisse');
    expect(first).toMatchObject({ read: 3, inserted: 2, rejected: 0 });
    expect(await importFile(backend, file, 'Caisse')).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
    const [marie] = (await ok(backend, 'profiles.search', { query: 'gagnon' })).hits;
    const detail = await ok(backend, 'profiles.get', { id: marie!.id });
    expect(detail.records).toHaveLength(1);
    expect(detail.events.map((event) => [event.at.slice(0, 10), event.amount, event.place])).toEqual([
      ['2026-03-04', 40, 'Montréal'],
      ['2026-03-01', 12.5, 'Laval'],
    ]);
  });

  it('exports the rejected rows as CSV in their own columns, with formulas defused, ready to correct and import again', async () => {
    const { backend } = await createVault();
    const rows = [
      'id,first_name,email',
      '1,=1+2,not-an-email',
      '2,Ok,ok@exemple.ca',
      '3,+SUM(A1),@bad',
      '4,-2+3,"=cmd|\' /C calc\'!A0\nmulti"',
      '5,\tTab,"+nope"',
    ];
    const file = writeFile('bad.csv', rows.join('\n') + '\n');
    const run = await importFile(backend, file);
    expect(run).toMatchObject({ inserted: 1, rejected: 4 });
    const out = path.join(tempDir(), 'rejects.csv');
    expect(await ok(backend, 'import.exportRejects', { runId: run.id, outFile: out })).toEqual({ file: out, rows: 4 });
    const parsed = Papa.parse<string[]>(fs.readFileSync(out, 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(parsed[0]).toEqual(['line', 'reasons', 'id', 'first_name', 'email']);
    expect(parsed.slice(1).map((row) => [row[0], row[2], row[3], row[4]])).toEqual([
      ['2', '1', "'=1+2", 'not-an-email'],
      ['4', '3', "'+SUM(A1)", "'@bad"],
      ['5', '4', "'-2+3", "'=cmd|' /C calc'!A0\nmulti"],
      ['7', '5', "'\tTab", "'+nope"],
    ]);
    expect(parsed[1]![1]).toMatch(/email/);
    const asText = await ok(backend, 'import.rejectsCsv', { runId: run.id });
    expect(asText.rows).toBe(4);
    expect(asText.csv).toBe(fs.readFileSync(out, 'utf8'));
    expect((await ok(backend, 'audit.list', { filter: { action: 'import.rejects_exported' } })).total).toBe(2);

    // Corrected in a spreadsheet (its extra columns left in), the file goes back into the same source.
    const fixed = writeFile('fixed.csv', fs.readFileSync(out, 'utf8').replace("'=1+2", 'Zoé').replace('not-an-email', 'zoe@exemple.ca'));
    expect(await importFile(backend, fixed)).toMatchObject({ inserted: 1, rejected: 3 });
    expect(await search(backend, 'zoe@exemple.ca')).toEqual(['Zoé']);
  });

  it('writes the rejects back in the file’s delimiter, with reasons in the requester’s language, and phones as they were: imported again unedited, the same rows are rejected for the same reasons', async () => {
    const { backend } = await createVault();
    const rows = [
      'no_client;prénom;nom;courriel;téléphone;code_postal;pays',
      '2001;Amélie;Poulain;amelie@;+33 6 12 34 56 78;75018;France',
      '2002;Léa;Seydoux;lea@exemple.fr;+33 6 12 34 56 79;750;France',
      ';Sans;Numéro;sans@exemple.fr;+1 (514) 555-0199;H2X 1Y4;Canada',
      '2004;=SUM(A1);Formule;cmd@;-12.5;H2X 1Y4;Canada',
      '2005;Bon;Client;bon@exemple.fr;+33 6 12 34 56 70;75001;France',
    ];
    const declaration = { purposes: ['customer relationship'], lawfulBasis: 'contract', defaultCountry: 'FR' };
    const run = await importFile(backend, writeFile('clients.csv', rows.join('\r\n') + '\r\n'), 'Boutique', { declaration });
    expect(run).toMatchObject({ inserted: 1, rejected: 4 });
    const reasonsOf = async (runId: number) => (await ok(backend, 'import.rejects', { runId })).rows.map((row) => ({ reasons: row.reasons, details: row.details }));
    const original = await reasonsOf(run.id);

    const { csv } = await ok(backend, 'import.rejectsCsv', { runId: run.id, language: 'fr' });
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('ligne;motifs;no_client;prénom;nom;courriel;téléphone;code_postal;pays');
    // `+` phones and a negative number are data, written as they came; formulas are still defused.
    expect(lines[1]).toBe('2;courriel : adresse courriel invalide;2001;Amélie;Poulain;amelie@;+33 6 12 34 56 78;75018;France'.replace(' :', '\u00a0:'));
    expect(lines[3]).toContain(';+1 (514) 555-0199;');
    expect(lines[4]).toContain(";'=SUM(A1);Formule;cmd@;-12.5;");
    const out = path.join(tempDir(), 'rejets.csv');
    await ok(backend, 'import.exportRejects', { runId: run.id, outFile: out, language: 'fr' });
    expect(fs.readFileSync(out, 'utf8')).toBe(csv);
    // English unless asked: the API's default.
    expect((await ok(backend, 'import.rejectsCsv', { runId: run.id })).csv.replace(/^\uFEFF/, '')).toMatch(/^line;reasons;no_client;/);

    // (A defused formula comes back with its `'`: here a name, which is not what rejected its row.)
    const again = await importFile(backend, writeFile('rejets.csv', csv));
    expect(again).toMatchObject({ read: 4, inserted: 0, updated: 0, unchanged: 0, rejected: 4 });
    expect(await reasonsOf(again.id)).toEqual(original);
  });

  it('exports rejected JSON records with nested values as JSON text, and a raw column for what could not be read', async () => {
    const { backend } = await createVault();
    const records = '[{"id":"1","line":"x","email":"bad","address":{"city":"Laval"}},42,{"id":"2","email":"ok@exemple.ca","tags":["a"]}]';
    const run = await importFile(backend, writeFile('clients.json', records));
    expect(run).toMatchObject({ inserted: 1, rejected: 2 });
    const { csv } = await ok(backend, 'import.rejectsCsv', { runId: run.id });
    const parsed = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(parsed).toEqual([
      ['_line', 'reasons', 'id', 'line', 'email', 'address', 'raw'],
      ['1', expect.stringMatching(/email/), '1', 'x', 'bad', '{"city":"Laval"}', ''],
      ['2', 'element is a number, not an object', '', '', '', '', '42'],
    ]);
  });

  it('reads the phones and postal codes of a new source in its declared country, and a new source takes its mapping’s country', async () => {
    const { backend } = await createVault();
    const polish = [
      'id,imię,nazwisko,email,telefon,kod_pocztowy,miasto',
      '1,Anna,Nowak,anna@wp.pl,601 234 567,00-950,Warszawa',
      '2,Jan,Kowalski,jan@wp.pl,22 123 45 67,30-001,Kraków',
    ].join('\n');
    const declaration = { purposes: ['customer relationship'], lawfulBasis: 'contract', defaultCountry: 'PL' };
    expect(await importFile(backend, writeFile('klienci.csv', polish), 'Sklep', { declaration })).toMatchObject({ inserted: 2, rejected: 0 });
    const sources = await ok(backend, 'sources.list');
    expect(sources.find((source) => source.name === 'Sklep')).toMatchObject({
      defaultCountry: 'PL',
      mapping: expect.objectContaining({ defaultCountry: 'PL' }),
    });

    await importFile(backend, writeFile('clients.csv', FRENCH_EXPORT), 'Boutique');
    const boutique = (await ok(backend, 'sources.list')).find((source) => source.name === 'Boutique');
    expect(boutique?.defaultCountry).toBe(boutique?.mapping?.defaultCountry);
    expect(boutique?.defaultCountry).toBe('CA');
  });

  it('refuses empty and binary files with a clear message and keeps the vault as it was', async () => {
    const { backend } = await createVault();
    const empty = await runJob(backend, 'import.file', { file: writeFile('empty.csv', ''), source: 'Boutique' });
    expect(empty.ok || empty.error.code).toBe('FILE_EMPTY');
    const binary = await runJob(backend, 'import.file', {
      file: writeFile('photo.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3])),
      source: 'Boutique',
    });
    expect(binary.ok || binary.error.code).toBe('FILE_UNSUPPORTED');
    expect(await ok(backend, 'import.runs', {})).toEqual([]);
    const headerOnly = await importFile(backend, writeFile('header.csv', 'id,first_name,email\n'));
    expect(headerOnly).toMatchObject({ status: 'completed', read: 0, inserted: 0 });
  });

  it('stops cleanly when cancelled and a second run finishes the job without duplicates', async () => {
    const { backend } = await createVault();
    const lines = ['id,first_name,last_name,email'];
    for (let index = 0; index < 30_000; index += 1) lines.push(`${index},Prénom${index},Nom${index},p${index}@exemple.ca`);
    const file = writeFile('big.csv', lines.join('\n'));
    const started = await backend.call('import.file', { file, source: 'Gros' });
    if (!started.ok) throw new Error(started.error.message);
    const { jobId } = started.value;
    await new Promise<void>((resolve) => {
      const stop = backend.onEvent((event) => {
        if (event.type === 'job.progress' && event.jobId === jobId && event.done >= 4_000) {
          stop();
          void backend.call('jobs.cancel', { jobId }).then(() => resolve());
        }
      });
    });
    await expect.poll(async () => (await ok(backend, 'jobs.get', { jobId })).status).toBe('cancelled');
    const [cancelled] = await ok(backend, 'import.runs', {});
    expect(cancelled).toMatchObject({ status: 'cancelled', error: 'Cancelled.', errorDetail: { code: 'CANCELLED' } });
    const partial = (await ok(backend, 'profiles.count')).profiles;
    expect(partial).toBe(cancelled!.inserted);
    expect(partial).toBeLessThan(30_000);
    expect(await importFile(backend, file, 'Gros')).toMatchObject({ inserted: 30_000 - partial, unchanged: partial });
    expect((await ok(backend, 'profiles.count')).profiles).toBe(30_000);
    expect((await ok(backend, 'audit.list', { filter: { action: 'import.cancelled' } })).total).toBe(1);
  });

  it('keeps personal data from auditors while showing them the runs', async () => {
    const { backend } = await createVault();
    await importFile(backend, writeFile('clients.csv', FRENCH_EXPORT));
    await ok(backend, 'users.add', { name: AUDITOR.name, role: 'auditor', passphrase: AUDITOR.passphrase });
    await ok(backend, 'vault.lock');
    await ok(backend, 'vault.unlock', { userName: AUDITOR.name, passphrase: AUDITOR.passphrase });
    expect((await ok(backend, 'import.runs', {}))[0]).toMatchObject({ inserted: 3 });
    expect((await ok(backend, 'sources.list'))[0]).toMatchObject({ name: 'Boutique', lawfulBasis: 'contract', purposes: ['customer relationship'] });
    for (const [method, input] of [
      ['profiles.search', { query: 'helene' }],
      ['profiles.get', { id: 1 }],
      ['import.rejects', { runId: 1 }],
    ] as const) {
      const result = await backend.call(method, input);
      expect(result.ok || result.error.code).toBe('FORBIDDEN');
    }
  });
});
