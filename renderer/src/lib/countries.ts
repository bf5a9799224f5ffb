/**
 * ISO 3166-1 alpha-2 countries named in the interface language, for the default-country choices. The
 * browser knows the names (Intl.DisplayNames), so no list has to be shipped or translated: every code
 * from AA to ZZ that it can name is a country or territory, apart from a few groupings.
 */
import { formatLocale } from './format';

/** Codes Intl names that are not countries: the EU, the euro area, the UN, pseudo-regions. */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'ZZ', 'XA', 'XB']);

export interface Country {
  readonly code: string;
  readonly name: string;
}

const cache = new Map<string, readonly Country[]>();

export function countries(language: string): readonly Country[] {
  const cached = cache.get(language);
  if (cached) return cached;
  const locale = formatLocale(language);
  const names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' });
  const list: Country[] = [];
  for (let first = 65; first <= 90; first += 1) {
    for (let second = 65; second <= 90; second += 1) {
      const code = String.fromCharCode(first, second);
      if (NOT_COUNTRIES.has(code)) continue;
      let name: string | undefined;
      try {
        name = names.of(code);
      } catch {
        name = undefined;
      }
      if (name && name !== code) list.push({ code, name });
    }
  }
  const collator = new Intl.Collator(locale);
  list.sort((a, b) => collator.compare(a.name, b.name));
  cache.set(language, list);
  return list;
}

export function countryName(code: string, language: string): string {
  return countries(language).find((country) => country.code === code)?.name ?? code;
}
