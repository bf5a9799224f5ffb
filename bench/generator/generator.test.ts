import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMATS, generateCustomers, mutate, parseDate, sniffFormat, type Format } from './index';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-generator-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const file = (name: string): string => path.join(dir, name);
const sha256 = (name: string): string => crypto.hash('sha256', fs.readFileSync(name), 'hex');

function parseTable(name: string, encoding: string, delimiter: string): string[][] {
  const text = encoding === 'utf-8' ? fs.readFileSync(name, 'utf8') : iconv.decode(fs.readFileSync(name), encoding);
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

const VALID_EMAIL = /^[^@\s,]+@[^@\s,]+\.[a-z]{2,}$/i;

describe('generateCustomers', () => {
  it('is deterministic: same seed, same bytes, for every format; another seed differs', async () => {
    for (const format of FORMATS) {
      const a = await generateCustomers({ count: 1500, seed: 7, format, out: file(`a.${format}`) });
      await generateCustomers({ count: 1500, seed: 7, format, out: file(`b.${format}`) });
      await generateCustomers({ count: 1500, seed: 8, format, out: file(`c.${format}`) });
      expect(sha256(file(`a.${format}`)), format).toBe(sha256(file(`b.${format}`)));
      expect(sha256(file(`a.${format}`)), format).not.toBe(sha256(file(`c.${format}`)));
      expect(a.bytes).toBe(fs.statSync(file(`a.${format}`)).size);
    }
  });

  it('writes csv-fr in Windows-1252 and csv-pl in Windows-1250, with their headers and decimal commas', async () => {
    await generateCustomers({ count: 3000, seed: 1, format: 'csv-fr', out: file('fr.csv') });
    await generateCustomers({ count: 3000, seed: 1, format: 'csv-pl', out: file('pl.csv') });
    const frBytes = fs.readFileSync(file('fr.csv'));
    const plBytes = fs.readFileSync(file('pl.csv'));
    // Single-byte code pages: é is 0xE9 in cp1252, Ł is 0xA3 in cp1250, and neither file is valid UTF-8.
    expect(frBytes.includes(Buffer.from('H\xe9l\xe8ne', 'latin1'))).toBe(true);
    expect(plBytes.includes(Buffer.from([0xa3, 0xf3, 0x64, 0x9f]))).toBe(true); // "Łódź" in cp1250
    expect(frBytes.toString('utf8')).toContain('\ufffd');
    expect(plBytes.toString('utf8')).toContain('\ufffd');

    const fr = iconv.decode(frBytes, 'windows-1252');
    const pl = iconv.decode(plBytes, 'windows-1250');
    expect(fr.split('\r\n')[0]).toBe(
      'prénom;nom;courriel;téléphone;adresse;ville;code_postal;pays;date_de_naissance;no_client;consentement_marketing;total_achats',
    );
    expect(pl.split('\r\n')[0]).toBe('imię;nazwisko;e-mail;telefon;ulica;miasto;kod_pocztowy;kraj;data_urodzenia;id_klienta;zgoda_marketing;wartość_zakupów');
    expect(fr).toContain('Hélène');
    expect(pl).toContain('Łódź');
    expect(pl).toMatch(/;(Wiśniewska|Wiśniewski);/);
    const frRows = parseTable(file('fr.csv'), 'windows-1252', ';').slice(1);
    expect(frRows.filter((row) => /^-?\d+(\u00a0\d{3})?,\d{2}$/.test(row[11]!)).length).toBe(frRows.length);
    expect(frRows.some((row) => /^(oui|non)$/i.test(row[10]!))).toBe(true);
    expect(
      parseTable(file('pl.csv'), 'windows-1250', ';')
        .slice(1)
        .some((row) => /^(tak|nie)$/i.test(row[10]!)),
    ).toBe(true);
  });

  it('writes exactly `count` records in every format', async () => {
    const count = 1234;
    for (const format of FORMATS) {
      const result = await generateCustomers({ count, seed: 3, format, out: file(`n.${format}`) });
      expect(result.rows).toBe(count);
      const name = file(`n.${format}`);
      switch (format) {
        case 'json':
          expect((JSON.parse(fs.readFileSync(name, 'utf8')) as unknown[]).length).toBe(count);
          break;
        case 'ndjson': {
          const lines = fs.readFileSync(name, 'utf8').split('\n').filter(Boolean);
          expect(lines.length).toBe(count);
          const record = JSON.parse(lines[0]!) as {
            customer: { name: { first: string }; contact: { phones: string[] } };
            address: object;
            consents: unknown[];
            orders: unknown[];
          };
          expect(typeof record.customer.name.first).toBe('string');
          expect(Array.isArray(record.customer.contact.phones)).toBe(true);
          expect(Array.isArray(record.orders)).toBe(true);
          break;
        }
        default: {
          const spec = { csv: ['utf-8', ','], tsv: ['utf-8', '\t'], till: ['utf-8', ','], 'csv-fr': ['windows-1252', ';'], 'csv-pl': ['windows-1250', ';'] }[
            format
          ];
          const rows = parseTable(name, spec[0]!, spec[1]!);
          expect(rows.length - 1, format).toBe(count);
          expect(new Set(rows.map((row) => row.length)), format).toEqual(new Set([rows[0]!.length]));
        }
      }
    }
  });

  it('is as messy as promised, within tolerance', async () => {
    const count = 20_000;
    const result = await generateCustomers({ count, seed: 11, format: 'csv', out: file('messy.csv') });
    const rows = parseTable(file('messy.csv'), 'utf-8', ',');
    const header = rows.shift()!;
    const column = (name: string): number => header.indexOf(name);
    const [id, first, last, email, phone, street, city, postal, birth] = [
      'customer_no',
      'first_name',
      'last_name',
      'email',
      'phone',
      'street',
      'city',
      'postal_code',
      'birth_date',
    ].map(column) as number[];

    const ratio = (predicate: (row: string[]) => boolean): number => rows.filter(predicate).length / count;
    expect(ratio((row) => row[email!] !== '' && !VALID_EMAIL.test(row[email!]!))).toBeGreaterThan(0.006);
    expect(ratio((row) => row[email!] !== '' && !VALID_EMAIL.test(row[email!]!))).toBeLessThan(0.015);
    expect(ratio((row) => row[birth!] !== '' && parseDate(row[birth!]!, 'YYYY-MM-DD') === null)).toBeGreaterThan(0.003);
    expect(ratio((row) => row[birth!] !== '' && parseDate(row[birth!]!, 'YYYY-MM-DD') === null)).toBeLessThan(0.008);
    expect(ratio((row) => row[id!] === '')).toBeGreaterThan(0.001);
    expect(ratio((row) => row[id!] === '')).toBeLessThan(0.0035);

    const byId = new Map<string, string[][]>();
    for (const row of rows) if (row[id!]) byId.set(row[id!]!, [...(byId.get(row[id!]!) ?? []), row]);
    const repeated = [...byId.values()].filter((group) => group.length > 1);
    expect(repeated.some((group) => group.every((row) => row.join() === group[0]!.join()))).toBe(true); // exact duplicate rows
    expect(repeated.some((group) => group.some((row) => row[first!] !== group[0]![first!]))).toBe(true); // same number, another person
    expect(repeated.length / count).toBeGreaterThan(0.002);
    expect(repeated.length / count).toBeLessThan(0.008);

    // Households: different customers at the same address with the same landline.
    const homes = new Map<string, Set<string>>();
    for (const row of rows) {
      if (!row[phone!] || !row[id!]) continue;
      const key = `${row[street!]}|${row[postal!]}|${row[phone!]}`;
      homes.set(key, (homes.get(key) ?? new Set()).add(row[first!]!));
    }
    const households = [...homes.values()].filter((members) => members.size >= 2).length;
    expect(households / count).toBeGreaterThan(0.01);
    expect(result.stats.households / count).toBeGreaterThan(0.03);

    const has = (predicate: (row: string[]) => boolean): boolean => rows.some(predicate);
    expect(has((row) => /^[A-ZÀ-Ž' -]{4,}$/.test(row[last!]!) && /[A-Z]/.test(row[last!]!))).toBe(true); // TREMBLAY
    expect(has((row) => row[first!] !== row[first!]!.trim() || row[last!] !== row[last!]!.trim() || /\s{2}/.test(row[street!]!))).toBe(true);
    expect(has((row) => row[city!] === 'Montreal')).toBe(true);
    expect(has((row) => row[city!] === 'Montréal')).toBe(true);
    expect(has((row) => row[last!] === 'Tremblay')).toBe(true);
    expect(has((row) => /^(Łukasz|Lukasz)$/.test(row[first!]!))).toBe(true);
    expect(has((row) => row[last!] === "O'Brien" || row[last!] === "O'Connor")).toBe(true);
    const formulas = rows.filter((row) => [first, last, street, city].some((index) => /^[=+\-@]/.test(row[index!]!))).length;
    expect(formulas).toBeGreaterThan(3);
    expect(formulas / count).toBeLessThan(0.003);
    for (const phoneForm of [/^\d{3} \d{3} \d{4}$/, /^\(\d{3}\) \d{3}-\d{4}$/, /^0\d( \d\d){4}$/, /^\+48 \d{3} \d{3} \d{3}$/, /^\d{3}-\d{3}-\d{3}$/]) {
      expect(
        has((row) => phoneForm.test(row[phone!]!)),
        String(phoneForm),
      ).toBe(true);
    }
    for (const postalForm of [/^[A-Z]\d[A-Z] \d[A-Z]\d$/, /^\d{5}$/, /^\d{2}-\d{3}$/])
      expect(
        has((row) => postalForm.test(row[postal!]!)),
        String(postalForm),
      ).toBe(true);
  });

  it('gives clean data with messiness 0', async () => {
    await generateCustomers({ count: 3000, seed: 4, format: 'csv', out: file('clean.csv'), messiness: 0 });
    const rows = parseTable(file('clean.csv'), 'utf-8', ',').slice(1);
    expect(rows.every((row) => VALID_EMAIL.test(row[3]!) && row[0] !== '' && parseDate(row[9]!, 'YYYY-MM-DD') !== null)).toBe(true);
    expect(new Set(rows.map((row) => row[0])).size).toBe(rows.length);
  });

  it('writes phone numbers that libphonenumber accepts for the customer’s country', async () => {
    await generateCustomers({ count: 3000, seed: 5, format: 'csv-fr', out: file('phones.csv'), messiness: { blankPhone: 0, oddPhone: 0 } });
    const countries: Record<string, CountryCode> = { Canada: 'CA', CA: 'CA', France: 'FR', FR: 'FR', 'États-Unis': 'US', USA: 'US', Pologne: 'PL', PL: 'PL' };
    const rows = parseTable(file('phones.csv'), 'windows-1252', ';').slice(1);
    const invalid = rows.filter((row) => !parsePhoneNumberFromString(row[3]!, countries[row[7]!])?.isValid());
    expect(invalid.map((row) => `${row[3]} ${row[7]}`)).toEqual([]);
  });
});

describe('mutate', () => {
  const cases: Array<[Format, string, string | null]> = [
    ['csv', 'utf-8', ','],
    ['csv-fr', 'windows-1252', ';'],
    ['ndjson', 'utf-8', null],
    ['till', 'utf-8', ','],
  ];
  for (const [format, encoding, delimiter] of cases) {
    it(`changes about the requested fraction of ${format} rows, phones or streets only, deterministically`, async () => {
      const source = file(`m.${format}`);
      await generateCustomers({ count: 10_000, seed: 21, format, out: source });
      expect(sniffFormat(fs.readFileSync(source).subarray(0, 4096))).toBe(format);
      const result = await mutate(source, 0.01, 99, { out: file(`m2.${format}`) });
      await mutate(source, 0.01, 99, { out: file(`m3.${format}`) });
      expect(sha256(file(`m2.${format}`))).toBe(sha256(file(`m3.${format}`)));
      expect(result.format).toBe(format);
      expect(result.rows).toBe(10_000);
      if (format === 'till')
        expect(result.changed / result.rows).toBeGreaterThan(0.003); // by card: a few heavy shoppers
      else {
        expect(result.changed / result.rows).toBeGreaterThan(0.007);
        expect(result.changed / result.rows).toBeLessThan(0.013);
      }
      const decode = (name: string): string[] =>
        (encoding === 'utf-8' ? fs.readFileSync(name, 'utf8') : iconv.decode(fs.readFileSync(name), encoding)).split('\n');
      const before = decode(source);
      const after = decode(file(`m2.${format}`));
      expect(after.length).toBe(before.length);
      let differing = 0;
      for (let index = 0; index < before.length; index += 1) {
        if (before[index] === after[index]) continue;
        differing += 1;
        if (delimiter) {
          const [a, b] = [Papa.parse<string[]>(before[index]!, { delimiter }).data[0]!, Papa.parse<string[]>(after[index]!, { delimiter }).data[0]!];
          const changedColumns = a.map((value, column) => (value === b[column] ? -1 : column)).filter((column) => column >= 0);
          expect(changedColumns.length).toBe(1);
        } else {
          type Record = { customer: { id: string; contact: object }; address: { street: string } };
          const a = JSON.parse(before[index]!) as Record;
          const b = JSON.parse(after[index]!) as Record;
          expect(b.customer.id).toBe(a.customer.id);
          expect(JSON.stringify(b.customer.contact) !== JSON.stringify(a.customer.contact) || b.address.street !== a.address.street).toBe(true);
        }
      }
      expect(differing).toBe(result.changed);
    });
  }
});
