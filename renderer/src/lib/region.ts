/**
 * The formatting region, held in one place. Formatting runs in plain functions (lists, charts, labels
 * built outside components) as well as in components, all called with the interface language only; a
 * module value set when the preference loads and when it changes reaches every one of them without
 * threading a context through each call site. i18n/index.ts's applyRegion() sets it and re-renders the
 * interface.
 */
import type { Region } from '../../../main/api/contract';

/** The product is Quebec-first: until a region is chosen, Canada's conventions (Quebec's in French). */
export const DEFAULT_REGION: Region = 'CA';

let region: Region = DEFAULT_REGION;

export function currentRegion(): Region {
  return region;
}

export function setCurrentRegion(next: Region | null): void {
  region = next ?? DEFAULT_REGION;
}

/**
 * The locale formats are written in: the interface language in the chosen region (`fr` in Canada is
 * `fr-CA`, `en` in France `en-FR`: Intl's data for that pair, English words with French numbers); with
 * `other`, the system's own locale when it speaks the interface language, as before regions existed.
 */
export function regionLocale(language: string, chosen: Region = region, systemLanguages: readonly string[] = globalThis.navigator?.languages ?? []): string {
  const base = language.toLowerCase().split('-')[0] ?? language;
  if (chosen !== 'other') return `${base}-${chosen}`;
  return systemLanguages.find((tag) => tag.toLowerCase().split('-')[0] === base) ?? base;
}

/** The country a region writes for, to order an address that names none; null when the system does not say. */
export function regionCountry(language: string, chosen: Region = region): string | null {
  if (chosen !== 'other') return chosen;
  try {
    return new Intl.Locale(regionLocale(language, chosen)).maximize().region ?? null;
  } catch {
    return null;
  }
}
