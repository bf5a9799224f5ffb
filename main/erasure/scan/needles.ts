/**
 * The strings a verification scan looks for. The vault keeps a value in several spellings (as sent in a
 * record's raw JSON, normalized in `identifier`, folded in `sort_key` and the search index), so each
 * identifier of the erased person becomes every spelling the vault could have written down.
 */
import { getCountries, getCountryCallingCode } from 'libphonenumber-js/max';
import { foldForSearch } from '../../ingest/index';

export type NeedleKind = 'email' | 'phone' | 'name' | 'other';

export interface IdentifierValue {
  readonly kind: NeedleKind;
  readonly value: string;
}

export interface Needle {
  readonly form: string;
  readonly of: NeedleKind;
}

/** Shorter forms match inside unrelated values (postal codes, dates, other people's names) too often to mean anything. */
export const MIN_FORM_LENGTH = 5;

/** Country calling codes (1 to 3 digits, none a prefix of another): the same split the search index makes. */
const CALLING_CODES: ReadonlySet<string> = new Set(getCountries().map((country) => getCountryCallingCode(country)));

const COMBINING_MARKS = /\p{M}+/gu;

/** Accents removed the Unicode way (é → e); `foldForSearch` below also covers letters NFKD leaves whole (ł, œ). */
export function stripAccents(text: string): string {
  return text.normalize('NFKD').replace(COMBINING_MARKS, '').normalize('NFC');
}

/** Every distinct search form of the person's values, each tagged with the kind of value it came from. */
export function needleForms(values: readonly IdentifierValue[]): Needle[] {
  const seen = new Set<string>();
  const needles: Needle[] = [];
  const add = (form: string, of: NeedleKind): void => {
    const trimmed = form.trim();
    if (trimmed.length < MIN_FORM_LENGTH || seen.has(trimmed)) return;
    seen.add(trimmed);
    needles.push({ form: trimmed, of });
  };
  for (const { kind, value } of values) {
    for (const form of textForms(value)) add(form, kind);
    if (kind === 'phone') for (const form of phoneDigitForms(value)) add(form, kind);
    // The profile's sort key puts the family name first.
    if (kind === 'name') {
      const words = foldForSearch(value).split(' ').filter(Boolean);
      if (words.length === 2) add(`${words[1]} ${words[0]}`, kind);
    }
  }
  return needles;
}

function textForms(value: string): string[] {
  const lower = value.toLowerCase();
  return [value, lower, stripAccents(value), stripAccents(lower), foldForSearch(value)];
}

/**
 * A number's digits as written, and with and without its country code (`15145550101`, `5145550101`, and
 * outside North America the national form with its trunk 0), the forms the search index holds.
 */
export function phoneDigitForms(value: string): string[] {
  const digits = value.replace(/\D/g, '');
  if (digits === '') return [];
  const forms = [digits];
  // Only an international number says where its country code ends; `(514) 555-0101` is national already.
  if (!/^\s*(\+|00)/.test(value)) return forms;
  const international = value.trim().startsWith('00') ? digits.slice(2) : digits;
  forms.push(international);
  for (let length = 1; length <= 3; length += 1) {
    const code = international.slice(0, length);
    if (!CALLING_CODES.has(code)) continue;
    const national = international.slice(length);
    forms.push(national);
    if (code !== '1') forms.push(`0${national}`);
    break;
  }
  return forms;
}
