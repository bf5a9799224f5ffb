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
  '1001;Hélène;Tremblay;helene@nouveau.ca;514 555 0199;Montréal;h2x1y4;Canada;12/03/1980',
  ';;;;;Laval;;;',
  '1008;Trop;De;champs;;;;;;;;',
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
  it('keeps every person with their bad values flagged, rejects only what cannot be a record, and finds people without accents', async () => {
    const { backend } = await createVault();
    const run = await importFile(backend, writeFile('clients.csv', FRENCH_EXPORT));
    // 1003's bad email and date, the number-less row and 1001 met twice are records with flags.
    expect(run).toMatchObject({ status: 'completed', read: 8, inserted: 5, updated: 1, unchanged: 0, rejected: 2, flagged: 3, anonymous: 0 });

    const rejects = (await ok(backend, 'import.rejects', { runId: run.id })).rows;
    expect(rejects.map((row) => row.line)).toEqual([8, 9]);
    expect(rejects.map((row) => row.details?.map((detail) => detail?.code ?? null))).toEqual([['noIdentity', 'keyMissing'], ['fieldCount']]);
    expect(rejects[0]!.reasons[0]).toMatch(/nothing identifies a person/);

    const flags = backend.vaults
      .current()
      .db.raw.prepare(
        'SELECT r.external_id AS record, f.field, f.code, f.raw FROM record_flag f JOIN source_record r ON r.id = f.source_record_id ORDER BY f.id',
      )
      .all();
    expect(flags).toEqual([
      { record: '1003', field: 'email', code: 'email', raw: 'jean@' },
      { record: '1003', field: 'birthDate', code: 'date', raw: '31/02/1990' },
      { record: '~email:anonyme@exemple.ca', field: 'sourceRecordId', code: 'keyMissing', raw: '' },
      { record: '1001', field: 'sourceRecordId', code: 'duplicateKey', raw: '1001' },
    ]);
    // Search still sees what a flagged value offers.
    expect(await search(backend, 'jean')).toEqual(['Jean Sans-Courriel']);
    expect(await search(backend, 'anonyme')).toEqual(['Anonyme Sans-Numéro']);
    // 1001 met twice: the later line's values were kept.
    expect(await search(backend, 'helene@nouveau.ca')).toEqual(['Hélène Tremblay']);
    expect(await search(backend, 'helene.tremblay@exemple.ca')).toEqual([]);

    expect(await search(backend, 'helene')).toEqual(['Hélène Tremblay']);
    expect(await search(backend, 'HELENE trem')).toEqual(['Hélène Tremblay']);
    expect(await search(backend, 'lodz')).toEqual(['Łukasz Wiśniewski']);
    expect(await search(backend, 'wisniewsk')).toEqual(['Łukasz Wiśniewski']);
    expect(await search(backend, '514-555-0199')).toEqual(['Hélène Tremblay']);
    expect(await search(backend, 'nobody')).toEqual([]);
    expect((await ok(backend, 'profiles.count')).profiles).toBe(5);

    const [hit] = (await ok(backend, 'profiles.search', { query: 'helene' })).hits;
    const person = await ok(backend, 'profiles.get', { id: hit!.id });
    expect(person.records[0]).toMatchObject({
      source: 'Boutique',
      externalId: '1001',
      postalCode: 'H2X 1Y4',
      birthDate: '1980-03-12',
      emails: [{ value: 'helene@nouveau.ca' }],
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
    // Both rows of 1001 are recognized: the earlier one as the row the later one replaced.
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 6, rejected: 2, flagged: 3 });
    const updated = writeFile('clients-v2.csv', FRENCH_EXPORT.replaceAll('514 555 0199', '438 555 0123'));
    expect(await importFile(backend, updated)).toMatchObject({ inserted: 0, updated: 2, unchanged: 4 });
    expect(await search(backend, '438 555 0123')).toEqual(['Hélène Tremblay']);
    expect(await search(backend, '514 555 0199')).toEqual([]);
    expect((await ok(backend, 'profiles.count')).profiles).toBe(5);

    const actions = (await ok(backend, 'audit.list', { filter: { action: 'import.completed' } })).entries;
    expect(actions).toHaveLength(3);
    expect(actions[0]!.details).toMatchObject({ inserted: 0, updated: 2, flagged: 3, fileSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(JSON.stringify(actions)).not.toContain('Tremblay');
  });

  it('recognizes rows it has already written, and lets the later line of a duplicated number win', async () => {
    const { backend } = await createVault();
    const header = 'no_client;prénom;nom;courriel';
    const v1 = [header, '2001;Ana;Lima;ana@exemple.ca', '2002;Bo;Chen;bo@exemple.ca'].join('\n');
    await importFile(backend, writeFile('v1.csv', v1));
    // Line 2 changes 2001; line 3 is 2001's old row again, unchanged since the last import.
    const v2 = [header, '2001;Ana;Lima-Souza;ana@exemple.ca', '2001;Ana;Lima;ana@exemple.ca', '2002;Bo;Chen;bo@exemple.ca'].join('\n');
    const run = await importFile(backend, writeFile('v2.csv', v2));
    expect(run).toMatchObject({ read: 3, inserted: 0, updated: 2, unchanged: 1, rejected: 0, flagged: 1 });
    expect(await search(backend, 'souza')).toEqual([]);
    expect(await search(backend, 'lima')).toEqual(['Ana Lima']);
    const [flag] = backend.vaults.current().db.raw.prepare('SELECT code, reason FROM record_flag').all() as { code: string; reason: string }[];
    expect(flag).toEqual({ code: 'duplicateKey', reason: "customer number 2001 appears on line 2 and line 3 with different details; line 3's were kept" });
    // The same file again changes nothing.
    expect(await importFile(backend, writeFile('v2-again.csv', v2))).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
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
    // Rows where nothing identifies anyone are the ones rejected; their cells still carry formula material.
    const rows = [
      'id,first_name,email,city,note',
      ',,,=1+2,not-an-email',
      '2,Ok,ok@exemple.ca,Laval,',
      ',,,+SUM(A1),@bad',
      ',,,-2+3,"=cmd|\' /C calc\'!A0\nmulti"',
      ',,,\tTab,"+nope"',
    ];
    const file = writeFile('bad.csv', rows.join('\n') + '\n');
    const run = await importFile(backend, file);
    expect(run).toMatchObject({ inserted: 1, rejected: 4 });
    const out = path.join(tempDir(), 'rejects.csv');
    expect(await ok(backend, 'import.exportRejects', { runId: run.id, outFile: out })).toEqual({ file: out, rows: 4 });
    const parsed = Papa.parse<string[]>(fs.readFileSync(out, 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(parsed[0]).toEqual(['line', 'reasons', 'id', 'first_name', 'email', 'city', 'note']);
    expect(parsed.slice(1).map((row) => [row[0], row[5], row[6]])).toEqual([
      ['2', "'=1+2", 'not-an-email'],
      ['4', "'+SUM(A1)", "'@bad"],
      ['5', "'-2+3", "'=cmd|' /C calc'!A0\nmulti"],
      ['7', "'\tTab", "'+nope"],
    ]);
    expect(parsed[1]![1]).toMatch(/nothing identifies a person/);
    const asText = await ok(backend, 'import.rejectsCsv', { runId: run.id });
    expect(asText.rows).toBe(4);
    expect(asText.csv).toBe(fs.readFileSync(out, 'utf8'));
    expect((await ok(backend, 'audit.list', { filter: { action: 'import.rejects_exported' } })).total).toBe(2);

    // Corrected in a spreadsheet (its extra columns left in), the file goes back into the same source.
    const corrected = parsed.map((row, index) => (index === 1 ? [row[0]!, row[1]!, '7', 'Zoé', 'zoe@exemple.ca', 'Lyon', ''] : row));
    const fixed = writeFile('fixed.csv', Papa.unparse(corrected));
    expect(await importFile(backend, fixed)).toMatchObject({ inserted: 1, rejected: 3 });
    expect(await search(backend, 'zoe@exemple.ca')).toEqual(['Zoé']);
  });

  it('writes the rejects back in the file’s delimiter, with reasons in the requester’s language, and phones as they were: imported again unedited, the same rows are rejected for the same reasons', async () => {
    const { backend } = await createVault();
    const rows = [
      'no_client;ville;code_postal;pays;commentaire',
      ';Paris;75018;France;+33 6 12 34 56 78',
      '2002;Paris;750;France;',
      ';Montréal;H2X 1Y4;Canada;+1 (514) 555-0199',
      ';=SUM(A1);H2X 1Y4;Canada;-12.5',
      '2005;Paris;75001;France;',
    ];
    const declaration = { purposes: ['customer relationship'], lawfulBasis: 'contract', defaultCountry: 'FR' };
    const run = await importFile(backend, writeFile('clients.csv', rows.join('\r\n') + '\r\n'), 'Boutique', { declaration });
    expect(run).toMatchObject({ inserted: 2, rejected: 3, flagged: 1 });
    const reasonsOf = async (runId: number) =>
      (await ok(backend, 'import.rejects', { runId })).rows.map((row) => ({ reasons: row.reasons, details: row.details }));
    const original = await reasonsOf(run.id);

    const { csv } = await ok(backend, 'import.rejectsCsv', { runId: run.id, language: 'fr' });
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('ligne;motifs;no_client;ville;code_postal;pays;commentaire');
    // `+` phones and a negative number are data, written as they came; formulas are still defused.
    expect(lines[1]).toBe(
      '2;"Ni numéro de client, ni nom, ni courriel, ni téléphone : rien n’identifie une personne; Aucun numéro de client dans la colonne no_client";;Paris;75018;France;+33 6 12 34 56 78'.replace(
        ' :',
        '\u00a0:',
      ),
    );
    expect(lines[2]).toContain(';+1 (514) 555-0199');
    expect(lines[3]).toContain(";'=SUM(A1);H2X 1Y4;Canada;-12.5");
    const out = path.join(tempDir(), 'rejets.csv');
    await ok(backend, 'import.exportRejects', { runId: run.id, outFile: out, language: 'fr' });
    expect(fs.readFileSync(out, 'utf8')).toBe(csv);
    // English unless asked: the API's default.
    expect((await ok(backend, 'import.rejectsCsv', { runId: run.id })).csv.replace(/^\uFEFF/, '')).toMatch(/^line;reasons;no_client;/);

    // (A defused formula comes back with its `'`: here a city, which is not what rejected its row.)
    const again = await importFile(backend, writeFile('rejets.csv', csv));
    expect(again).toMatchObject({ read: 3, inserted: 0, updated: 0, unchanged: 0, rejected: 3 });
    expect(await reasonsOf(again.id)).toEqual(original);
  });

  it('exports rejected JSON records with nested values as JSON text, and a raw column for what could not be read', async () => {
    const { backend } = await createVault();
    const records = '[{"id":"","line":"x","email":"","address":{"city":"Laval"}},42,{"id":"2","email":"ok@exemple.ca","tags":["a"]}]';
    const run = await importFile(backend, writeFile('clients.json', records));
    expect(run).toMatchObject({ inserted: 1, rejected: 2 });
    const { csv } = await ok(backend, 'import.rejectsCsv', { runId: run.id });
    const parsed = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(parsed).toEqual([
      ['_line', 'reasons', 'id', 'line', 'email', 'address', 'raw'],
      ['1', expect.stringMatching(/nothing identifies/), '', 'x', '', '{"city":"Laval"}', ''],
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
    expect((await ok(backend, 'import.runs', {}))[0]).toMatchObject({ inserted: 5, flagged: 3 });
    expect((await ok(backend, 'sources.list'))[0]).toMatchObject({
      name: 'Boutique',
      lawfulBasis: 'contract',
      purposes: [{ purpose: 'customer relationship', basis: 'contract' }],
    });
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
