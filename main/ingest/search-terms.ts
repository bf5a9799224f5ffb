/**
 * What the full-text index holds for a profile: folded names, emails, phone digits (international and
 * national forms, so `514 555 0199` and `+1 514…` both find the person), city and postal code. Folding
 * is ours (ł → l, œ → oe) because SQLite's remove_diacritics does not cover Polish letters.
 */
import { getCountries, getCountryCallingCode } from 'libphonenumber-js/max';
import type { MappedRecord } from './mapping/apply';
import { foldForSearch } from './normalize/text';

/** Every country calling code (1 to 3 digits; no code is a prefix of another). */
const CALLING_CODES: ReadonlySet<string> = new Set(getCountries().map((country) => getCountryCallingCode(country)));

/**
 * The digit strings a person may type for a number: international (`15145550199`), national
 * (`5145550199`) and, outside North America, national with its trunk 0 (`0612345678` in France).
 */
export function phoneForms(e164: string): string[] {
  const digits = e164.replace(/\D/g, '');
  for (let length = 1; length <= 3; length += 1) {
    const code = digits.slice(0, length);
    if (!CALLING_CODES.has(code)) continue;
    const national = digits.slice(length);
    return code === '1' ? [digits, national] : [digits, national, `0${national}`];
  }
  return [digits];
}

/** Each distinct word once, in the order first met. */
export function searchTerms(records: readonly MappedRecord[]): string {
  const terms = new Set<string>();
  const addWords = (text: string): void => {
    for (const word of text.split(' ')) if (word !== '') terms.add(word);
  };
  for (const { identity } of records) {
    for (const field of [identity.givenName, identity.familyName, identity.fullName, identity.city]) if (field?.value) addWords(foldForSearch(field.value));
    if (identity.postalCode?.value) terms.add(foldForSearch(identity.postalCode.value).replace(/ /g, ''));
    for (const email of identity.emails) addWords(foldForSearch(email.value));
    for (const phone of identity.phones) for (const form of phoneForms(phone.value)) terms.add(form);
    // Flagged values: an address's words and a number's digits as sent still find the person.
    for (const value of identity.unusable ?? []) {
      if (/^\d+$/.test(value)) terms.add(value);
      else addWords(foldForSearch(value));
    }
  }
  return [...terms].join(' ');
}

export function displayName(record: MappedRecord): string {
  const { identity } = record;
  const parts = [identity.givenName?.value, identity.familyName?.value].filter(Boolean).join(' ');
  return identity.fullName?.value || parts || identity.emails[0]?.value || record.sourceRecordId;
}

export function sortKey(record: MappedRecord): string {
  const { identity } = record;
  return foldForSearch([identity.familyName?.value, identity.givenName?.value, identity.fullName?.value].filter(Boolean).join(' ') || displayName(record));
}

/** Turns what a person typed into an FTS5 query: every word must match as a prefix; phone-like input matches by digits. */
export function searchQuery(input: string): string | null {
  const trimmed = input.trim();
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length >= 6 && /^[\d\s()+.\-/]+$/.test(trimmed)) return `"${digits}"*`;
  const words = foldForSearch(trimmed).split(' ').filter(Boolean);
  if (words.length === 0) return null;
  return words.map((word) => `"${word}"*`).join(' ');
}
