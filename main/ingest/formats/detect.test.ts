import crypto from 'node:crypto';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { describeFile } from './detect';
import { appErrorOf, fixture, readAll, tempDir } from './test-helpers';

const dir = tempDir();
afterAll(() => dir.remove());

describe('encodings', () => {
  it('reads UTF-8 without a BOM', async () => {
    const file = dir.write('plain.csv', 'name,city\nMałgorzata,Łódź\nHélène,Québec\n');
    const { description, rows } = await readAll(file);
    expect(description).toMatchObject({ format: 'csv', encoding: 'utf-8', hasBom: false, delimiter: ',', headers: ['name', 'city'] });
    expect(rows.map((row) => row.values)).toEqual([
      { name: 'Małgorzata', city: 'Łódź' },
      { name: 'Hélène', city: 'Québec' },
    ]);
  });

  it('reads UTF-8 with a BOM, which never ends up in the first column name', async () => {
    const file = dir.write('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('email;name\r\nzoe@example.com;Zoë\r\n')]));
    const { description, rows } = await readAll(file);
    expect(description).toMatchObject({ encoding: 'utf-8', hasBom: true, delimiter: ';', headers: ['email', 'name'] });
    expect(rows).toEqual([{ line: 2, values: { email: 'zoe@example.com', name: 'Zoë' } }]);
  });

  it('reads Excel "Unicode text": UTF-16LE with a BOM, tab-separated, as TSV', async () => {
    const { description, rows } = await readAll(fixture('excel-unicode-text.txt'));
    expect(description).toMatchObject({ format: 'tsv', encoding: 'utf-16le', hasBom: true, delimiter: '\t', headers: ['name', 'city', 'email'] });
    expect(rows).toEqual([
      { line: 2, values: { name: 'Małgorzata Wiśniewska', city: 'Łódź', email: 'm.wisniewska@example.pl' } },
      { line: 3, values: { name: 'Hélène Dubois', city: 'Québec', email: 'helene@example.fr' } },
    ]);
  });

  it('recognises UTF-16LE without a BOM by its NUL pattern (not as a binary file)', async () => {
    const file = dir.write('utf16-nobom.csv', iconv.encode('name,city\r\nŻaneta,Łódź\r\n', 'utf-16le'));
    const { description, rows } = await readAll(file);
    expect(description).toMatchObject({ encoding: 'utf-16le', hasBom: false });
    expect(rows[0]?.values).toEqual({ name: 'Żaneta', city: 'Łódź' });
  });

  it('reads a French Excel CSV: Windows-1252, ";" delimiter, quoted decimal comma', async () => {
    const { description, rows } = await readAll(fixture('french-excel.csv'));
    expect(description).toMatchObject({ format: 'csv', encoding: 'windows-1252', delimiter: ';', hasBom: false });
    expect(description.headers).toEqual(['Nom', 'Prénom', 'Ville', 'Montant', 'Téléphone']);
    expect(rows.map((row) => row.values)).toEqual([
      { Nom: 'Lefèvre', Prénom: 'Hélène', Ville: 'Québec', Montant: '1 234,50', Téléphone: '+33 6 12 34 56 78' },
      { Nom: 'Dupré', Prénom: 'François', Ville: 'Montréal', Montant: '12,00', Téléphone: '0612345678' },
      // € and Œ exist in Windows-1252 only (0x80, 0x8C), not in ISO-8859-1.
      { Nom: 'Œuvre', Prénom: 'Zoë', Ville: 'Besançon', Montant: '€ 5,00', Téléphone: '' },
    ]);
  });

  it('reads a Polish Excel CSV as Windows-1250', async () => {
    const { description, rows } = await readAll(fixture('polish-excel.csv'));
    expect(description).toMatchObject({ encoding: 'windows-1250', delimiter: ';', headers: ['Imię', 'Nazwisko', 'Miasto', 'Telefon'] });
    expect(rows.map((row) => [row.values.Nazwisko, row.values.Miasto])).toEqual([
      ['Wiśniewska', 'Łódź'],
      ['Żółkiewski', 'Kraków'],
      ['Źdźbło', 'Gdańsk'],
    ]);
  });

  it('tells ISO-8859-2 from Windows-1250 by which one decodes to letters', async () => {
    const text = 'imię;nazwisko;miasto\n' + 'Anna;Wiśniewska;Łódź\nJan;Kowalski;Kraków\nZofia;Żółćkiewicz;Gdańsk\nAgnieszka;Ślązak;Świnoujście\n'.repeat(20);
    const file = dir.write('iso-8859-2.csv', iconv.encode(text, 'iso-8859-2'));
    const { description, rows } = await readAll(file);
    expect(description.encoding).toBe('iso-8859-2');
    expect(rows[0]?.values).toEqual({ imię: 'Anna', nazwisko: 'Wiśniewska', miasto: 'Łódź' });
    expect(rows[3]?.values.nazwisko).toBe('Ślązak');
  });

  it('refuses to guess when nothing decodes the text cleanly: ENCODING_UNKNOWN names the encodings to choose', async () => {
    // High bytes in no language's pattern: chardet's best guess is below 10 % confidence.
    const bytes = Buffer.from(Array.from({ length: 3_000 }, (_, i) => (i % 4 === 3 ? 0x0a : 0x80 + ((i * 37) % 128))));
    const file = dir.write('unknown.csv', bytes);
    const error = await appErrorOf(describeFile(file));
    expect(error.code).toBe('ENCODING_UNKNOWN');
    expect(error.message).toMatch(/Windows-1252.*Windows-1250/);
    // Once the steward chooses an encoding, the same file reads.
    await expect(describeFile(file, { encoding: 'windows-1252' })).resolves.toMatchObject({ encoding: 'windows-1252' });
  });

  it('refuses a file that mixes UTF-8 and Windows-1252 rows', async () => {
    const file = dir.write('mixed.csv', Buffer.concat([Buffer.from('name;city\nHélène;Québec\n'), iconv.encode('Zoë;Besançon\n', 'windows-1252')]));
    const error = await appErrorOf(describeFile(file));
    expect(error.code).toBe('ENCODING_UNKNOWN');
    expect(error.message).toMatch(/mixes UTF-8/);
  });

  it('uses the encoding the steward chose, and rejects one iconv does not know', async () => {
    const file = dir.write('latin1.csv', iconv.encode('a;b\nç;é\n', 'latin1'));
    const { description, rows } = await readAll(file, { encoding: 'iso-8859-1' });
    expect(description.encoding).toBe('iso-8859-1');
    expect(rows[0]?.values).toEqual({ a: 'ç', b: 'é' });
    expect((await appErrorOf(describeFile(file, { encoding: 'klingon-8' }))).code).toBe('INVALID_INPUT');
  });
});

describe('formats and delimiters', () => {
  it('TSV by extension, and tab-separated .txt by content', async () => {
    const tsv = dir.write('people.tsv', 'name\tnote\nAda\tsays, "hi"; ok\n');
    expect(await readAll(tsv)).toMatchObject({
      description: { format: 'tsv', delimiter: '\t' },
      rows: [{ line: 2, values: { name: 'Ada', note: 'says, "hi"; ok' } }],
    });
    const txt = dir.write('people.txt', 'name\tcity\tzip\nAda\tParis\t75001\nBob\tLyon\t69001\n');
    expect((await describeFile(txt)).format).toBe('tsv');
  });

  it('guesses "|" and ";" and honours an explicit delimiter', async () => {
    expect((await describeFile(dir.write('pipe.csv', 'a|b|c\n1|2|3\n4|5|6\n'))).delimiter).toBe('|');
    expect((await describeFile(dir.write('semi.csv', 'a;b;c\n1,5;2;3\n4;5,5;6\n'))).delimiter).toBe(';');
    const file = dir.write('forced.csv', 'a;b,c\n1;2,3\n');
    expect((await readAll(file, { delimiter: ',' })).rows[0]?.values).toEqual({ 'a;b': '1;2', c: '3' });
    expect((await appErrorOf(describeFile(file, { delimiter: '"' }))).code).toBe('INVALID_INPUT');
    // "\t" typed in a text box means tab.
    const tabs = dir.write('typed-tab.csv', 'a\tb\n1\t2\n');
    expect((await readAll(tabs, { delimiter: '\\t' })).rows[0]?.values).toEqual({ a: '1', b: '2' });
  });

  it('a single-column file defaults to ","', async () => {
    expect(await describeFile(dir.write('emails.csv', 'email\na@example.com\nb@example.com\n'))).toMatchObject({ delimiter: ',', headers: ['email'] });
  });

  it('sniffs JSON and NDJSON by content whatever the extension, but keeps "[id],[name]" as CSV', async () => {
    expect((await describeFile(dir.write('export.txt', '  [{"a": 1}, {"b": 2}]'))).format).toBe('json');
    expect((await describeFile(dir.write('lines.txt', '{"a":1}\n{"a":2}\n'))).format).toBe('ndjson');
    expect((await describeFile(dir.write('single.json', '{"data": {"customers": []}}'))).format).toBe('json');
    expect((await describeFile(dir.write('pretty.json', '{\n  "data": []\n}\n'))).format).toBe('json');
    expect((await describeFile(dir.write('one.jsonl', '{"a":1}\n'))).format).toBe('ndjson');
    expect(await describeFile(dir.write('sql.csv', '[id],[name]\n1,Ada\n'))).toMatchObject({ format: 'csv', headers: ['[id]', '[name]'] });
  });

  it('sniffs JSON whose first line is long or unfinished', async () => {
    const records = Array.from({ length: 2_000 }, (_, i) => ({ id: i, email: `user${i}@example.com` }));
    // Minified on one line, far longer than the 64 KiB sample.
    expect((await describeFile(dir.write('minified.txt', JSON.stringify({ data: records })))).format).toBe('json');
    expect((await describeFile(dir.write('streamed.txt', `{"customers": [\n${records.map((r) => JSON.stringify(r)).join(',\n')}\n]}`))).format).toBe('json');
    const longLine = JSON.stringify({ id: 1, blob: 'x'.repeat(100_000) });
    expect((await describeFile(dir.write('long-first-line.jsonl', `${longLine}\n{"id":2}\n`))).format).toBe('ndjson');
    expect((await describeFile(dir.write('braces.csv', '{id},name\n1,Ada\n'))).format).toBe('csv');
  });

  it('the format option wins over sniffing', async () => {
    const file = dir.write('looks-like.json', '{"a":1}\n{"a":2}\n');
    expect((await describeFile(file, { format: 'json' })).format).toBe('json');
  });
});

describe('refusals', () => {
  it('a 0-byte file is FILE_EMPTY, and so is one with only a BOM and blank lines', async () => {
    expect((await appErrorOf(describeFile(dir.write('empty.csv', '')))).code).toBe('FILE_EMPTY');
    expect((await appErrorOf(describeFile(dir.write('blank.csv', '\uFEFF\r\n  \r\n')))).code).toBe('FILE_EMPTY');
  });

  it('a PNG renamed .csv is FILE_UNSUPPORTED', async () => {
    const error = await appErrorOf(describeFile(fixture('photo.csv')));
    expect(error).toMatchObject({ code: 'FILE_UNSUPPORTED', message: 'This file is not a text table, JSON or Excel file.', params: { detected: 'image' } });
  });

  it('random bytes, a PDF, a ZIP that is not a workbook, a legacy .xls are FILE_UNSUPPORTED', async () => {
    const random = crypto.randomBytes(10_000);
    random[100] = 0; // random bytes nearly always contain NUL; make sure
    expect((await appErrorOf(describeFile(dir.write('random.csv', random)))).params).toEqual({ detected: 'binary' });
    expect((await appErrorOf(describeFile(dir.write('doc.csv', '%PDF-1.7\n%âãÏÓ\n1 0 obj\n')))).params).toEqual({ detected: 'pdf' });
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('\x14\x00\x00\x00\x08\x00docs/readme.txt')]);
    expect((await appErrorOf(describeFile(dir.write('archive.csv', zip)))).params).toEqual({ detected: 'zip' });
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    const legacy = await appErrorOf(describeFile(dir.write('old.xls', xls)));
    expect(legacy).toMatchObject({ code: 'FILE_UNSUPPORTED', params: { detected: 'xls' } });
    expect(legacy.message).toMatch(/\.xlsx or CSV/);
  });

  it('a missing file is NOT_FOUND, a directory is FILE_UNSUPPORTED', async () => {
    expect((await appErrorOf(describeFile(`${dir.path}/nope.csv`))).code).toBe('NOT_FOUND');
    expect((await appErrorOf(describeFile(dir.path))).code).toBe('FILE_UNSUPPORTED');
  });
});
