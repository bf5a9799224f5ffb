import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isExcelDamaged } from '../../main/ingest/normalize/excel-damage';
import { normalizePhone, normalizePhoneTrying } from '../../main/ingest/normalize/phone';
import { FORMATS, generateCustomers, mutate, parseDate, sniffFormat, type Format, type GenerateStats } from './index';

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
            customer: { name: { given?: string; full?: string }; contact: { phones: string[] } };
            address: object;
            consents: unknown[];
            orders: unknown[];
          };
          expect(typeof (record.customer.name.given ?? record.customer.name.full)).toBe('string');
          expect(Array.isArray(record.customer.contact.phones)).toBe(true);
          expect(Array.isArray(record.orders)).toBe(true);
          break;
        }
        default: {
          const spec = {
            csv: ['utf-8', ','],
            tsv: ['utf-8', '\t'],
            till: ['utf-8', ','],
            'till-fr': ['windows-1252', ';'],
            'csv-fr': ['windows-1252', ';'],
            'csv-pl': ['windows-1250', ';'],
          }[format];
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
    const messiness = { blankPhone: 0, oddPhone: 0, handwrittenPhone: 0 };
    await generateCustomers({ count: 3000, seed: 5, format: 'csv-fr', out: file('phones.csv'), messiness });
    const countries: Record<string, CountryCode> = { Canada: 'CA', CA: 'CA', France: 'FR', FR: 'FR', 'États-Unis': 'US', USA: 'US', Pologne: 'PL', PL: 'PL' };
    const rows = parseTable(file('phones.csv'), 'windows-1252', ';').slice(1);
    const invalid = rows.filter((row) => !parsePhoneNumberFromString(row[3]!, countries[row[7]!])?.isValid());
    expect(invalid.map((row) => `${row[3]} ${row[7]}`)).toEqual([]);
  });

  it('writes foreign national phones, hand-written international forms and foreign postal codes in csv and tsv', async () => {
    const countries: Record<string, string> = { Canada: 'CA', CA: 'CA', CAN: 'CA', canada: 'CA', France: 'FR', FR: 'FR' };
    Object.assign(countries, { 'United States': 'US', USA: 'US', US: 'US', 'U.S.A.': 'US', Poland: 'PL', PL: 'PL', Polska: 'PL' });
    const postalForms: Record<string, RegExp> = { CA: /^[a-z]\d[a-z] ?\d[a-z]\d$/i, FR: /^\d{5}$/, US: /^\d{5}(-\d{4})?$/, PL: /^\d{2}-\d{3}$/ };
    for (const format of ['csv', 'tsv'] as const) {
      const count = 5000;
      const result = await generateCustomers({ count, seed: 12, format, out: file(`foreign.${format}`), messiness: { blankPhone: 0, oddPhone: 0 } });
      const rows = parseTable(file(`foreign.${format}`), 'utf-8', format === 'csv' ? ',' : '\t').slice(1);
      const country = (row: string[]): string => countries[row[8]!]!;
      expect(rows.every((row) => country(row) !== undefined)).toBe(true);
      const ratio = (predicate: (row: string[]) => boolean): number => rows.filter(predicate).length / count;
      // A Polish or French mobile without country code: invalid for the source's CA, valid for the row's country.
      const national = ratio(
        (row) => !normalizePhone(row[4], 'CA').ok && normalizePhone(row[4], country(row)).ok && !/^[+(0]/.test(row[4]!.replace(/^0[67]/, '')),
      );
      expect(national, format).toBeGreaterThan(0.02);
      // Every phone reads, with the row's country first and the source's next: hand-written forms included.
      expect(rows.filter((row) => !normalizePhoneTrying(row[4], [country(row), 'CA']).ok).map((row) => row[4])).toEqual([]);
      // The forms only our reading explains: the written-out exit code or the (0) the library does not take.
      const handwritten = ratio((row) => !parsePhoneNumberFromString(row[4]!, country(row) as CountryCode)?.isValid());
      expect(handwritten, format).toBeGreaterThan(0);
      expect(handwritten, format).toBeLessThan(0.015);
      expect(result.stats.handwrittenPhones / count).toBeGreaterThan(0.006);
      expect(result.stats.handwrittenPhones / count).toBeLessThan(0.014);
      for (const form of [/^\(\+(48|33|1)\) /, /^00 ?(48|33) /, /^011 (48|33) /, /^\+48 \(0\) /])
        expect(
          rows.some((row) => form.test(row[4]!)),
          String(form),
        ).toBe(true);
      // A postal code of another country (FR and US codes look alike, so some of the 2 % do not show).
      const foreignPostal = ratio((row) => !postalForms[country(row)]!.test(row[7]!));
      expect(foreignPostal, format).toBeGreaterThan(0.012);
      expect(foreignPostal, format).toBeLessThan(0.028);
      expect(result.stats.foreignPostals / count).toBeCloseTo(0.02, 2);
    }
  });

  it('writes newsletter unsubscribes in tsv: a later row of the same e-mail withdraws the consent', async () => {
    const count = 5000;
    const result = await generateCustomers({ count, seed: 13, format: 'tsv', out: file('newsletter.tsv') });
    const rows = parseTable(file('newsletter.tsv'), 'utf-8', '\t').slice(1);
    const seen = new Map<string, string[]>();
    let unsubscribes = 0;
    for (const row of rows) {
      if (row[10] === 'unsubscribed') {
        unsubscribes += 1;
        const earlier = seen.get(row[3]!);
        expect(earlier, row[3]).toBeDefined();
        expect(earlier![0]).toBe(row[0]);
        expect(earlier![10]).toMatch(/^(yes|oui|tak)$/i);
      } else if (row[3] && !seen.has(row[3])) seen.set(row[3], row);
    }
    expect(unsubscribes).toBe(result.stats.unsubscribes);
    expect(unsubscribes / count).toBeGreaterThan(0.005);
    expect(unsubscribes / count).toBeLessThan(0.015);
  });

  it('nests JSON names as { given, family } or { full }, orders with placed_at, currency and gifts to third parties', async () => {
    const count = 4000;
    const result = await generateCustomers({ count, seed: 14, format: 'ndjson', out: file('nested.ndjson') });
    type Order = { order_id: string; placed_at: string; total: number; currency: string; ship_to?: { name: string; city: string } };
    type Record = {
      customer: { name: { given?: string; family?: string; full?: string } };
      consents: { purpose: string; granted: boolean }[];
      orders: Order[];
    };
    // Exact duplicate rows are counted once in the stats (as duplicateRows).
    const records = [...new Set(fs.readFileSync(file('nested.ndjson'), 'utf8').split('\n').filter(Boolean))].map((line) => JSON.parse(line) as Record);
    expect(records.length).toBe(count - result.stats.duplicateRows);
    const full = records.filter((record) => record.customer.name.full !== undefined);
    expect(full.length).toBe(result.stats.fullNames);
    expect(full.length / count).toBeGreaterThan(0.07);
    expect(full.length / count).toBeLessThan(0.13);
    expect(
      records.every(
        (record) => (record.customer.name.given !== undefined && record.customer.name.family !== undefined) !== (record.customer.name.full !== undefined),
      ),
    ).toBe(true);
    const orders = records.flatMap((record) => record.orders);
    expect(orders.length).toBeGreaterThan(count);
    expect(orders.every((order) => /^O\d{9}$/.test(order.order_id) && typeof order.total === 'number' && /^(CAD|USD|EUR|PLN)$/.test(order.currency))).toBe(
      true,
    );
    for (const style of [/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:00$/, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/]) {
      const share = orders.filter((order) => style.test(order.placed_at)).length / orders.length;
      expect(share, String(style)).toBeGreaterThan(0.1);
    }
    const gifts = records.flatMap((record) => record.orders.filter((order) => order.ship_to).map((order) => [record, order.ship_to!] as const));
    expect(gifts.length / orders.length).toBeGreaterThan(0.035);
    expect(gifts.length / orders.length).toBeLessThan(0.065);
    // The recipient is someone else: never the customer's own full name.
    expect(
      gifts.filter(([record, to]) => to.name === `${record.customer.name.given} ${record.customer.name.family}` || to.name === record.customer.name.full),
    ).toEqual([]);
    expect(records.some((record) => record.consents.length > 1)).toBe(true);
    expect([result.stats.orders, result.stats.giftOrders]).toEqual([orders.length, gifts.length]);
  });

  for (const [format, encoding, delimiter, decimal] of [
    ['till', 'utf-8', ',', '.'],
    ['till-fr', 'windows-1252', ';', ','],
  ] as const) {
    it(`writes ${format}: wall-clock dates, cardless and anonymous purchases, cards damaged by Excel, counted in the sidecar`, async () => {
      const count = 6000;
      const counts = file(`${format}.counts.json`);
      const result = await generateCustomers({ count, seed: 15, format, out: file(`t.${format}`), counts });
      const [header, ...rows] = parseTable(file(`t.${format}`), encoding, delimiter);
      if (format === 'till-fr')
        expect(header).toEqual(['no_carte', 'prenom', 'nom', 'courriel', 'telephone', 'date_achat', 'montant', 'magasin', 'no_transaction']);
      const column = (names: string[]): number => header!.findIndex((name) => names.includes(name));
      const [card, first, last, email, phone, date, amount] = [
        ['loyalty_card', 'no_carte'],
        ['first_name', 'prenom'],
        ['last_name', 'nom'],
        ['email', 'courriel'],
        ['phone', 'telephone'],
        ['date', 'date_achat'],
        ['amount', 'montant'],
      ].map(column) as number[];
      const personal = (row: string[]): boolean => [first, last, email, phone].some((index) => row[index!] !== '');
      const kinds = { card: 0, damaged: 0, cardless: 0, anonymous: 0 };
      for (const row of rows) {
        if (isExcelDamaged(row[card!])) kinds.damaged += 1;
        else if (row[card!] !== '') kinds.card += 1;
        else if (personal(row)) kinds.cardless += 1;
        else kinds.anonymous += 1;
      }
      expect(kinds.anonymous / count).toBeGreaterThan(0.12);
      expect(kinds.anonymous / count).toBeLessThan(0.18);
      expect(kinds.cardless / count).toBeGreaterThan(0.12);
      expect(kinds.cardless / count).toBeLessThan(0.18);
      expect(kinds.damaged / count).toBeGreaterThan(0.005);
      expect(kinds.damaged / count).toBeLessThan(0.016);
      // A cardless purchase with personal data has a name and a phone or an e-mail, unless the person gave neither.
      expect(rows.filter((row) => row[card!] === '' && personal(row) && row[email!] === '' && row[phone!] === '').length / count).toBeLessThan(0.01);
      // Excel's text, in the file's decimal separator; many cards collapse into few texts.
      const damaged = rows.filter((row) => isExcelDamaged(row[card!])).map((row) => row[card!]!);
      expect(damaged.every((text) => new RegExp(`^6\\${decimal}\\d+E\\+15$`).test(text))).toBe(true);
      expect(result.stats.damagedCardTexts).toBeLessThan(result.stats.damagedCards);
      expect(new Set(damaged).size).toBe(result.stats.damagedCardTexts);
      expect(rows.filter((row) => !isExcelDamaged(row[card!]) && row[card!] !== '').every((row) => /^603314\d{10}$/.test(row[card!]!))).toBe(true);
      const wallClock = rows.filter((row) => /^\d\d\/\d\d\/\d{4} \d\d:\d\d$/.test(row[date!]!)).length;
      expect(wallClock / count).toBeGreaterThan(0.99);
      expect(rows.every((row) => new RegExp(`^-?\\d+\\${decimal}\\d\\d$`).test(row[amount!]!))).toBe(true);
      // The sidecar is the ground truth: each kind as read back, adding up to the rows written.
      const truth = JSON.parse(fs.readFileSync(counts, 'utf8')) as { rows: number; stats: GenerateStats };
      expect(truth.rows).toBe(count);
      expect(truth.stats).toEqual(result.stats);
      const { cardRows, damagedCardRows, cardlessRows, anonymousRows } = truth.stats;
      expect({ card: cardRows, damaged: damagedCardRows, cardless: cardlessRows, anonymous: anonymousRows }).toEqual(kinds);
      expect(cardRows + damagedCardRows + cardlessRows + anonymousRows).toBe(count);
      // The people an import should find: each intact card once, each named sale without a usable card once.
      const transaction = column(['transaction_id', 'no_transaction']);
      const intact = rows.filter((row) => row[card!] !== '' && !isExcelDamaged(row[card!]));
      const keyless = rows.filter((row) => isExcelDamaged(row[card!]) || (row[card!] === '' && personal(row)));
      expect(truth.stats.cards).toBe(new Set(intact.map((row) => row[card!])).size);
      expect(truth.stats.keylessSales).toBe(new Set(keyless.map((row) => row[transaction])).size);
    });
  }
});

describe('mutate', () => {
  const cases: Array<[Format, string, string | null]> = [
    ['csv', 'utf-8', ','],
    ['csv-fr', 'windows-1252', ';'],
    ['ndjson', 'utf-8', null],
    ['till', 'utf-8', ','],
    ['till-fr', 'windows-1252', ';'],
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
      if (format === 'till' || format === 'till-fr')
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
