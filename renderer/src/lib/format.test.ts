import { afterEach, describe, expect, it } from 'vitest';
import type { Region } from '../../../main/api/contract';
import { addressLines } from './address';
import { cellText, formatAmount, formatBytes, formatDate, formatDateTime, formatNumber, formatTime, formatWhen, rawRowText, shortHash } from './format';
import { regionCountry, regionLocale, setCurrentRegion } from './region';

const NBSP = '\u00a0';
const NNBSP = '\u202f';
/** A moment given in local time, so the expected clock reads the same on any machine's time zone. */
const AT = new Date(2026, 11, 7, 14, 30, 5).toISOString();

interface Case {
  readonly region: Region;
  /** The interface language; `pl` stands for a Polish interface, to show pl-PL as the issue lists it. */
  readonly language: string;
  readonly locale: string;
  readonly date: string;
  readonly time: string;
  readonly dateTime: string;
  readonly when: string;
  readonly day: string;
  readonly number: string;
  readonly money: readonly [string, string];
}

const CASES: readonly Case[] = [
  {
    region: 'CA',
    language: 'fr',
    locale: 'fr-CA',
    date: '2026-12-07',
    time: '14 h 30',
    dateTime: '2026-12-07 14 h 30 min 05 s',
    when: '2026-12-07 14 h 30',
    day: '2024-03-05',
    number: `1${NBSP}234${NBSP}567,891`,
    money: ['CAD', `1${NBSP}234,56${NBSP}$`],
  },
  {
    region: 'CA',
    language: 'en',
    locale: 'en-CA',
    date: '2026-12-07',
    time: '2:30 p.m.',
    dateTime: '2026-12-07, 2:30:05 p.m.',
    when: '2026-12-07, 2:30 p.m.',
    day: '2024-03-05',
    number: '1,234,567.891',
    money: ['CAD', '$1,234.56'],
  },
  {
    region: 'FR',
    language: 'fr',
    locale: 'fr-FR',
    date: '7 déc. 2026',
    time: '14:30',
    dateTime: '7 déc. 2026, 14:30:05',
    when: '7 déc. 2026, 14:30',
    day: '5 mars 2024',
    number: `1${NNBSP}234${NNBSP}567,891`,
    money: ['EUR', `1${NNBSP}234,56${NBSP}€`],
  },
  {
    region: 'PL',
    language: 'pl',
    locale: 'pl-PL',
    date: '7 gru 2026',
    time: '14:30',
    dateTime: '7 gru 2026, 14:30:05',
    when: '7 gru 2026, 14:30',
    day: '5 mar 2024',
    number: `1${NBSP}234${NBSP}567,891`,
    money: ['PLN', `1234,56${NBSP}zł`],
  },
  {
    region: 'US',
    language: 'en',
    locale: 'en-US',
    date: 'Dec 7, 2026',
    time: '2:30 PM',
    dateTime: 'Dec 7, 2026, 2:30:05 PM',
    when: 'Dec 7, 2026, 2:30 PM',
    day: 'Mar 5, 2024',
    number: '1,234,567.891',
    money: ['USD', '$1,234.56'],
  },
];

afterEach(() => setCurrentRegion(null));

describe('formats in each region', () => {
  it.each(CASES)('writes $locale its own way', (example) => {
    setCurrentRegion(example.region);
    const { language } = example;
    expect(regionLocale(language)).toBe(example.locale);
    expect(formatDate(AT, language)).toBe(example.date);
    expect(formatTime(AT, language)).toBe(example.time);
    expect(formatDateTime(AT, language)).toBe(example.dateTime);
    expect(formatWhen(AT, language)).toBe(example.when);
    expect(formatWhen('2024-03-05', language)).toBe(example.day);
    expect(formatNumber(1_234_567.891, language)).toBe(example.number);
    expect(formatAmount(1234.56, example.money[0], language)).toBe(example.money[1]);
  });

  it('never writes a date in an ambiguous numeric order', () => {
    for (const example of CASES) {
      setCurrentRegion(example.region);
      for (const text of [formatDate(AT, example.language), formatDateTime(AT, example.language), formatWhen('2024-03-05', example.language)]) {
        expect(text).not.toMatch(/\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b/);
      }
    }
  });

  it('writes in Canada until a region is chosen, and follows the system with `other`', () => {
    expect(formatWhen('2024-03-05', 'fr')).toBe('2024-03-05');
    expect(regionLocale('en', 'other', ['en-GB', 'fr-FR'])).toBe('en-GB');
    expect(regionLocale('fr', 'other', ['en-GB', 'fr-CA'])).toBe('fr-CA');
    expect(regionLocale('fr', 'other', ['en-US'])).toBe('fr');
    expect(regionCountry('fr', 'PL')).toBe('PL');
  });
});

describe('addresses', () => {
  const montreal = { street: '1234 rue Saint-Denis', postalCode: 'H2X 2P9', city: 'Montréal', region: 'QC', country: 'CA' };
  const paris = { street: '12 rue Ordener', postalCode: '75018', city: 'Paris', region: null, country: 'FR' };
  const warsaw = { street: 'ul. Marszałkowska 1', postalCode: '00-950', city: 'Warszawa', region: null, country: 'PL' };
  const boston = { street: '1 Beacon St', postalCode: '02108', city: 'Boston', region: 'MA', country: 'US' };

  it('orders each in its own country’s way, whatever the region', () => {
    expect(addressLines(montreal, 'FR')).toEqual(['1234 rue Saint-Denis', 'Montréal, QC H2X 2P9']);
    expect(addressLines(paris, 'CA')).toEqual(['12 rue Ordener', '75018 Paris']);
    expect(addressLines(warsaw, 'US')).toEqual(['ul. Marszałkowska 1', '00-950 Warszawa']);
    expect(addressLines(boston, 'PL')).toEqual(['1 Beacon St', 'Boston, MA 02108']);
  });

  it('follows the region when the address names no country', () => {
    const noCountry = { ...montreal, country: null };
    expect(addressLines(noCountry, 'CA')).toEqual(['1234 rue Saint-Denis', 'Montréal, QC H2X 2P9']);
    expect(addressLines(noCountry, 'FR')).toEqual(['1234 rue Saint-Denis', 'H2X 2P9 Montréal', 'QC']);
    expect(addressLines({ street: null, postalCode: null, city: 'Laval', region: null, country: null }, 'CA')).toEqual(['Laval']);
  });
});

describe('format', () => {
  it('formats sizes and hashes compactly', () => {
    setCurrentRegion('US');
    expect(formatBytes(512, 'en')).toBe('512 byte');
    expect(formatBytes(161_192, 'en')).toBe('157.4 kB');
    expect(shortHash('a'.repeat(64), 8)).toBe('aaaaaaaa…');
    expect(shortHash('abc')).toBe('abc');
  });

  it('shows calendar days without a time-zone shift, and amounts in their currency', () => {
    setCurrentRegion('FR');
    expect(formatWhen('not a date', 'en')).toBe('not a date');
    expect(formatAmount(1234.5, 'EUR', 'fr').replace(/\s/g, ' ')).toBe('1 234,50 €');
    expect(formatAmount(12, null, 'en')).toBe('12,00');
    expect(cellText({ a: 1 })).toBe('{"a":1}');
    expect(cellText(null)).toBe('');
    expect(rawRowText('{"No client":"","Prénom":"Zoé"}')).toBe('No client:  · Prénom: Zoé');
    expect(rawRowText('C-003;"Fran')).toBe('C-003;"Fran');
  });
});
