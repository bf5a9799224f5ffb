import { describe, expect, it } from 'vitest';
import { cellText, formatAmount, rawRowText, formatBytes, formatLocale, formatWhen, shortHash } from './format';

describe('format', () => {
  it('takes the region from the system when it speaks the interface language', () => {
    expect(formatLocale('en', ['en-GB', 'fr-FR'])).toBe('en-GB');
    expect(formatLocale('fr', ['en-GB', 'fr-CA'])).toBe('fr-CA');
    expect(formatLocale('fr', ['en-US'])).toBe('fr');
  });

  it('formats sizes and hashes compactly', () => {
    expect(formatBytes(512, 'en')).toBe('512 byte');
    expect(formatBytes(161_192, 'en')).toBe('157.4 kB');
    expect(shortHash('a'.repeat(64), 8)).toBe('aaaaaaaa…');
    expect(shortHash('abc')).toBe('abc');
  });

  it('shows calendar days without a time-zone shift, and amounts in their currency', () => {
    expect(formatWhen('2024-03-05', 'en-US')).toBe('Mar 5, 2024');
    expect(formatWhen('2024-03-05', 'fr')).toBe('5 mars 2024');
    expect(formatWhen('not a date', 'en')).toBe('not a date');
    expect(formatAmount(1234.5, 'CAD', 'en-CA')).toBe('$1,234.50');
    expect(formatAmount(1234.5, 'EUR', 'fr').replace(/\s/g, ' ')).toBe('1 234,50 €');
    expect(formatAmount(12, null, 'en')).toBe('12.00');
    expect(cellText({ a: 1 })).toBe('{"a":1}');
    expect(cellText(null)).toBe('');
    expect(rawRowText('{"No client":"","Prénom":"Zoé"}')).toBe('No client:  · Prénom: Zoé');
    expect(rawRowText('C-003;"Fran')).toBe('C-003;"Fran');
  });
});
