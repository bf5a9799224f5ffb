import { describe, expect, it } from 'vitest';
import { countries, countryName } from './countries';

describe('countries', () => {
  it('names countries in the interface language, sorted, without groupings', () => {
    const french = countries('fr');
    expect(french.length).toBeGreaterThan(240);
    expect(countryName('PL', 'fr')).toBe('Pologne');
    expect(countryName('CA', 'en')).toBe('Canada');
    expect(french.some((country) => country.code === 'EU' || country.code === 'ZZ')).toBe(false);
    const names = french.map((country) => country.name);
    expect(names.indexOf('Allemagne')).toBeLessThan(names.indexOf('Belgique'));
  });

  it('offers the current ISO 3166-1 codes only, never withdrawn or reserved ones', () => {
    for (const language of ['en', 'fr']) {
      const codes = new Set(countries(language).map((country) => country.code));
      expect(codes.size).toBe(249);
      for (const withdrawn of ['DD', 'YU', 'SU', 'UK', 'ZR', 'CS', 'AN', 'TP', 'XK', 'EU', 'UN', 'ZZ']) expect(codes.has(withdrawn), withdrawn).toBe(false);
      for (const current of ['SS', 'CW', 'SX', 'BQ', 'ME', 'RS', 'TL', 'GB', 'CA', 'FR', 'PL', 'AX']) expect(codes.has(current), current).toBe(true);
    }
    expect(countryName('SS', 'en')).toBe('South Sudan');
  });
});
