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
 */
import { parsePhoneNumberFromString, type CountryCode, type NumberType } from 'libphonenumber-js/max';
import { accept, isBlank, isScalar, rawText, reject, type Normalized } from './result';

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
 * numbers with `+` or an international prefix (`0033…`) keep their own country whatever it is.
 */
export function normalizePhone(raw: unknown, defaultCountry: string | null): Normalized<Phone> {
  const text = rawText(raw);
  if (!isScalar(raw)) return reject('expected a single phone number, found a list or an object', text);
  if (isBlank(raw)) return accept(null, text);
  const country = defaultCountry !== null && /^[A-Z]{2}$/.test(defaultCountry) ? (defaultCountry as CountryCode) : undefined;
  const trimmed = text.trim().replace(LOCAL_EXTENSION, ' ext. $1');
  const international = trimmed.startsWith('+');
  const reason = country !== undefined && !international ? `not a valid phone number for ${country}` : 'not a valid phone number';
  let parsed;
  try {
    parsed = parsePhoneNumberFromString(trimmed, { defaultCountry: country, extract: false });
  } catch {
    // parsePhoneNumberFromString does not throw for bad input; a throw means something unexpected
    // (metadata problem): still a reject with a reason rather than a crashed import.
    return reject(reason, text);
  }
  if (parsed === undefined) {
    return reject(country === undefined && !international ? 'not a valid phone number: no country code and no default country' : reason, text);
  }
  if (!parsed.isValid()) return reject(reason, text);
  // The North American plan does not tell mobiles from fixed lines, so getType() (40 % of the cost of a
  // number) would only say "fixed or mobile": skip it there, keeping toll-free by its area code.
  const type = parsed.countryCallingCode === '1' ? (NANP_TOLL_FREE.has(parsed.nationalNumber.slice(0, 3)) ? 'toll-free' : null) : phoneType(parsed.getType());
  return accept({ e164: parsed.number, country: parsed.country ?? null, type, extension: parsed.ext ?? null }, text);
}
