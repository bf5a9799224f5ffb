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
});
