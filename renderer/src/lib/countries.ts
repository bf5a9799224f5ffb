/**
 * The current ISO 3166-1 alpha-2 countries (the list the API accepts, main/core/countries.ts), named in
 * the interface language by the browser (Intl.DisplayNames), so no names have to be shipped or
 * translated. Intl also names withdrawn codes (DD, YU, SU, ZR), reservations (UK, EU, UN) and
 * user-assigned ones (XK, QO, ZZ): they are not offered.
 */
import { COUNTRY_CODES } from '../../../main/api/contract';
import { formatLocale } from './format';

export interface Country {
  readonly code: string;
  readonly name: string;
}

const cache = new Map<string, readonly Country[]>();

export function countries(language: string): readonly Country[] {
  const locale = formatLocale(language);
  const cached = cache.get(locale);
  if (cached) return cached;
  const names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' });
  const list: Country[] = [];
  for (const code of COUNTRY_CODES) {
    let name: string | undefined;
    try {
      name = names.of(code);
    } catch {
      name = undefined;
    }
    list.push({ code, name: name && name !== code ? name : code });
  }
  const collator = new Intl.Collator(locale);
  list.sort((a, b) => collator.compare(a.name, b.name));
  cache.set(locale, list);
  return list;
}

export function countryName(code: string, language: string): string {
  return countries(language).find((country) => country.code === code)?.name ?? code;
}
