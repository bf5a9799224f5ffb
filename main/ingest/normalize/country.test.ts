import { describe, expect, it } from 'vitest';
import { COUNTRY_KEYS, countryTableEntries, normalizeCountry } from './country';

const code = (raw: unknown) => {
  const result = normalizeCountry(raw);
  return result.ok ? result.value : `✗ ${result.reason}`;
};

describe('normalizeCountry', () => {
  it.each([
    ['CA', 'CA'],
    ['ca', 'CA'],
    ['CAN', 'CA'],
    ['Canada', 'CA'],
    ['Kanada', 'CA'],
    ['États-Unis', 'US'],
    ['Etats Unis', 'US'],
    ['USA', 'US'],
    ['U.S.A.', 'US'],
    ['United States of America', 'US'],
    ['Stany Zjednoczone', 'US'],
    ['France', 'FR'],
    ['Francja', 'FR'],
    ['Polska', 'PL'],
    ['Pologne', 'PL'],
    ['Poland', 'PL'],
    ['POL', 'PL'],
    ['Niemcy', 'DE'],
    ['Allemagne', 'DE'],
    ['Germany', 'DE'],
    ['Deutschland', 'DE'],
    ['Royaume-Uni', 'GB'],
    ['Wielka Brytania', 'GB'],
    ['UK', 'GB'],
    ['United Kingdom', 'GB'],
    ['Włochy', 'IT'],
    ['Wlochy', 'IT'],
    ['Pays-Bas', 'NL'],
    ['Hiszpania', 'ES'],
    ['España', 'ES'],
    ['Suisse', 'CH'],
    ['Belgique', 'BE'],
    ["Côte d'Ivoire", 'CI'],
    ['Haïti', 'HT'],
    ['Maroc', 'MA'],
    ['Chiny', 'CN'],
    ['EL', 'GR'],
    ['Ελλάδα', 'GR'],
    ['JM', 'JM'],
    ['  tchéquie ', 'CZ'],
  ])('%s → %s', (raw, expected) => {
    expect(code(raw)).toBe(expected);
  });

  it('knows every EU member in English, French and Polish', () => {
    const eu: [string, string, string, string][] = [
      ['AT', 'Austria', 'Autriche', 'Austria'],
      ['BE', 'Belgium', 'Belgique', 'Belgia'],
      ['BG', 'Bulgaria', 'Bulgarie', 'Bułgaria'],
      ['HR', 'Croatia', 'Croatie', 'Chorwacja'],
      ['CY', 'Cyprus', 'Chypre', 'Cypr'],
      ['CZ', 'Czech Republic', 'République tchèque', 'Czechy'],
      ['DK', 'Denmark', 'Danemark', 'Dania'],
      ['EE', 'Estonia', 'Estonie', 'Estonia'],
      ['FI', 'Finland', 'Finlande', 'Finlandia'],
      ['FR', 'France', 'France', 'Francja'],
      ['DE', 'Germany', 'Allemagne', 'Niemcy'],
      ['GR', 'Greece', 'Grèce', 'Grecja'],
      ['HU', 'Hungary', 'Hongrie', 'Węgry'],
      ['IE', 'Ireland', 'Irlande', 'Irlandia'],
      ['IT', 'Italy', 'Italie', 'Włochy'],
      ['LV', 'Latvia', 'Lettonie', 'Łotwa'],
      ['LT', 'Lithuania', 'Lituanie', 'Litwa'],
      ['LU', 'Luxembourg', 'Luxembourg', 'Luksemburg'],
      ['MT', 'Malta', 'Malte', 'Malta'],
      ['NL', 'Netherlands', 'Pays-Bas', 'Holandia'],
      ['PL', 'Poland', 'Pologne', 'Polska'],
      ['PT', 'Portugal', 'Portugal', 'Portugalia'],
      ['RO', 'Romania', 'Roumanie', 'Rumunia'],
      ['SK', 'Slovakia', 'Slovaquie', 'Słowacja'],
      ['SI', 'Slovenia', 'Slovénie', 'Słowenia'],
      ['ES', 'Spain', 'Espagne', 'Hiszpania'],
      ['SE', 'Sweden', 'Suède', 'Szwecja'],
    ];
    expect(eu).toHaveLength(27);
    for (const [alpha2, ...names] of eu) for (const name of names) expect(code(name), name).toBe(alpha2);
  });

  it('has no name claimed by two countries', () => {
    for (const [folded, alpha2] of countryTableEntries()) expect(COUNTRY_KEYS.get(folded), folded).toBe(alpha2);
  });

  it('rejects unknown values and the ambiguous NA, and treats blank as missing', () => {
    expect(normalizeCountry('Atlantis')).toEqual({ ok: false, reason: 'unknown country', raw: 'Atlantis' });
    expect(code('XX')).toBe('✗ unknown country');
    expect(code('N/A')).toMatch(/^✗ ambiguous country/);
    expect(code('--')).toBe('✗ not a country');
    expect(normalizeCountry('')).toEqual({ ok: true, value: null, raw: '' });
  });

  it('knows current ISO 3166-1 codes only: withdrawn ones are unknown, UK is read as GB', () => {
    for (const withdrawn of ['DD', 'YU', 'SU', 'ZR', 'CS', 'AN', 'TP', 'XK']) expect(code(withdrawn), withdrawn).toBe('✗ unknown country');
    expect(code('UK')).toBe('GB');
    expect(code('SS')).toBe('SS');
    expect(code('CW')).toBe('CW');
  });
});
