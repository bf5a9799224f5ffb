/**
 * Phone numbers → E.164 (`+15145550199`), the form identity matching compares.
 *
 * Metadata: we import `libphonenumber-js/max`, not the default `min`. `min` only knows number lengths
 * and leading digits, so it cannot say whether a number is a mobile or a fixed line (`getType()` is
 * undefined with it) and it accepts more impossible numbers as valid. `max` carries the full per-type
 * patterns of Google's libphonenumber: validity is as accurate as the library gets, and the type is
 * known. It costs about 145 kB more, once, in a process that is not downloaded over a network.
 *
 * Parsing is strict (`extract: false`): the whole value must be one number. Extraction would silently
 * take the first of `514-555-0199 / 514-555-0200`, or read a number out of `=514 555 0199`, and a value
 * that needs interpretation belongs in the reject list where a steward sees it.
 *
 * A value the default country cannot explain gets one second reading, and only a valid number is taken
 * from it: the international forms people write by hand, which the library reads only in some countries
 * (`0048…` where `00` is the exit code, `011 48…` in North America) or not at all (`(+48) 601…`, the
 * trunk zero of `+48 (0) 601…`). A customer living in Poland may be in a Canadian shop's file with `00 48`
 * as in Poland, so the reading does not depend on the default country.
 */
import { parsePhoneNumberFromString, type CountryCode, type NumberType } from 'libphonenumber-js/max';
import { EXCEL_DAMAGE_REASON, isExcelDamaged } from './excel-damage';
import { accept, isBlank, isScalar, rawText, reject, type Normalized } from './result';

export { EXCEL_DAMAGE_REASON } from './excel-damage';

const NANP_TOLL_FREE = new Set(['800', '833', '844', '855', '866', '877', '888']);

export type PhoneType = 'mobile' | 'fixed' | 'toll-free' | 'premium-rate' | 'voip' | 'other';

export interface Phone {
  /** E.164: `+` country code and national number, no spaces. */
  readonly e164: string;
  /** ISO 3166-1 alpha-2 country the number belongs to, when the library can tell. */
  readonly country: string | null;
  /** Known only when the numbering plan says so: North American numbers are "fixed or mobile", so none. */
  readonly type: PhoneType | null;
  /** An extension (`ext. 23`) does not belong in E.164 but is worth keeping. */
  readonly extension: string | null;
}

/**
 * libphonenumber knows `ext.`, `x` and `#` for extensions; Quebec writes `poste 23` and Poland
 * `wew. 23`. They are rewritten to `ext.` so the extension is kept instead of failing the number.
 */
const LOCAL_EXTENSION = /\s*(?:poste|post\.|p\.|wewn?\.?|wewnętrzny)\s*(\d{1,6})\s*$/i;
/** The extension forms libphonenumber reads itself; only `phoneDigits` needs to drop them. */
const EXTENSION = /\s*(?:ext\.?|extension|x|#)\s*\d{1,6}\s*$/i;

/** `(+48) 601…`: the country code in parentheses, as on many business cards. */
const PARENTHESIZED_CODE = /^\(\s*\+\s*(\d{1,3})\s*\)/;
/** `00 48…`, `011 48…`: the exit codes of most of the world and of North America. */
const EXIT_CODE = /^(?:00|011)\s*(?=[1-9])/;
/** `+48 (0) 601…`: the trunk prefix a national caller dials, written for them; never dialled from abroad. */
const TRUNK_ZERO = /^(\+\s*\d{1,3})\s*\(\s*0\s*\)\s*/;

/** The value as an international number when it is written as one of the hand-written forms, else as is. */
function internationalForm(text: string): string {
  return text.replace(PARENTHESIZED_CODE, '+$1 ').replace(EXIT_CODE, '+').replace(TRUNK_ZERO, '$1 ');
}

type Parsed = NonNullable<ReturnType<typeof parsePhoneNumberFromString>>;

function parse(text: string, country: CountryCode | undefined): Parsed | undefined {
  try {
    return parsePhoneNumberFromString(text, { defaultCountry: country, extract: false });
  } catch {
    // parsePhoneNumberFromString does not throw for bad input; a throw means something unexpected
    // (metadata problem): still a reject with a reason rather than a crashed import.
    return undefined;
  }
}

function phoneOf(parsed: Parsed): Phone {
  // The North American plan does not tell mobiles from fixed lines, so getType() (40 % of the cost of a
  // number) would only say "fixed or mobile": skip it there, keeping toll-free by its area code.
  const type = parsed.countryCallingCode === '1' ? (NANP_TOLL_FREE.has(parsed.nationalNumber.slice(0, 3)) ? 'toll-free' : null) : phoneType(parsed.getType());
  return { e164: parsed.number, country: parsed.country ?? null, type, extension: parsed.ext ?? null };
}

function phoneType(type: NumberType): PhoneType | null {
  switch (type) {
    case 'MOBILE':
      return 'mobile';
    case 'FIXED_LINE':
      return 'fixed';
    case 'TOLL_FREE':
      return 'toll-free';
    case 'PREMIUM_RATE':
      return 'premium-rate';
    case 'VOIP':
      return 'voip';
    case 'SHARED_COST':
    case 'PERSONAL_NUMBER':
    case 'PAGER':
    case 'UAN':
    case 'VOICEMAIL':
      return 'other';
    case 'FIXED_LINE_OR_MOBILE':
    case undefined:
      return null;
  }
}

/**
 * `defaultCountry` is the source's (or the row's) country, used for numbers written without `+`;
 * numbers with `+` or an international prefix (`0033…`, `(+33)`) keep their own country whatever it is.
 * A value damaged by a spreadsheet (`6,03314E+15`) is rejected as such: its digits are gone.
 */
export function normalizePhone(raw: unknown, defaultCountry: string | null): Normalized<Phone> {
  const text = rawText(raw);
  if (!isScalar(raw)) return reject('expected a single phone number, found a list or an object', text);
  if (isBlank(raw)) return accept(null, text);
  if (isExcelDamaged(raw)) return reject(EXCEL_DAMAGE_REASON, text);
  const country = defaultCountry !== null && /^[A-Z]{2}$/.test(defaultCountry) ? (defaultCountry as CountryCode) : undefined;
  const trimmed = text.trim().replace(LOCAL_EXTENSION, ' ext. $1');
  const parsed = parse(trimmed, country);
  if (parsed?.isValid() === true) return accept(phoneOf(parsed), text);
  const rewritten = internationalForm(trimmed);
  if (rewritten !== trimmed) {
    const again = parse(rewritten, country);
    if (again?.isValid() === true) return accept(phoneOf(again), text);
  }
  const international = rewritten.startsWith('+');
  if (parsed === undefined && country === undefined && !international) {
    return reject('not a valid phone number: no country code and no default country', text);
  }
  return reject(country !== undefined && !international ? `not a valid phone number for ${country}` : 'not a valid phone number', text);
}

/**
 * The first of `countries` that reads the value as a valid number (the row's own country, then the
 * source's, say); when none does, the first country's failure, the one a steward should see.
 */
export function normalizePhoneTrying(raw: unknown, countries: readonly string[]): Normalized<Phone> {
  const [first, ...others] = countries;
  if (first === undefined) return normalizePhone(raw, null);
  const result = normalizePhone(raw, first);
  if (result.ok) return result;
  const tried = new Set([first]);
  for (const country of others) {
    if (tried.has(country)) continue;
    tried.add(country);
    const other = normalizePhone(raw, country);
    if (other.ok) return other;
  }
  return result;
}

/**
 * The digits a flagged phone still offers for search (`+48601234567`, `0612345678`): everything but the
 * digits and a leading `+` goes, and so does an extension, whose digits are not the number's. Null when
 * fewer than 6 digits remain (nothing a search could tell apart) and for a spreadsheet-damaged value,
 * whose digits are not the customer's.
 */
export function phoneDigits(raw: unknown): string | null {
  if (!isScalar(raw) || isBlank(raw) || isExcelDamaged(raw)) return null;
  const text = rawText(raw).trim().replace(LOCAL_EXTENSION, '').replace(EXTENSION, '');
  const digits = text.replace(/\D/g, '');
  if (digits.length < 6) return null;
  return /^[\s(]*\+/.test(text) ? `+${digits}` : digits;
}
