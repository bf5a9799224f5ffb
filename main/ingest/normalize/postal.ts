/**
 * Postal codes, in the form the postal service of each country prints them. The countries whose format
 * is checked are those of the stewards we serve (CA, US, FR, PL) and neighbours with a simple, stable
 * format; for any other country the value is cleaned and upper-cased but not judged, because a wrong
 * rejection of a real address is worse than a postal code we cannot check.
 */
import { accept, isBlank, isScalar, rawText, reject, type Normalized } from './result';
import { cleanText } from './text';

/** Canadian FSA/LDU letters: D, F, I, O, Q, U never appear; W and Z never start a code. */
const CA = /^([ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z])(\d[ABCEGHJ-NPRSTV-Z]\d)$/;

interface Rule {
  /** Characters removed before checking (spaces, hyphens): people write `75 008`, `00950`, `h2x-1y4`. */
  readonly strip: RegExp;
  readonly check: (compact: string) => string | null;
}

const SPACES_AND_HYPHENS = /[\s\-‐‑–—.]/g;
const SPACES = /\s/g;

/**
 * Spreadsheets turn `02134` (Boston) or `01000` (Bourg-en-Bresse) into the number 2134 / 1000. No US ZIP
 * has fewer than five digits and no French code has four, so a short all-digit value is restored by
 * padding with zeros — raw keeps what was sent. US ZIPs can start with `00` (Puerto Rico, `00601`).
 */
function padDigits(compact: string, length: number, shortest: number): string {
  return /^\d+$/.test(compact) && compact.length >= shortest && compact.length < length ? compact.padStart(length, '0') : compact;
}

const digits = (count: number) => new RegExp(`^\\d{${count}}$`);

const RULES: Readonly<Record<string, Rule>> = {
  CA: {
    strip: SPACES_AND_HYPHENS,
    check: (compact) => {
      const match = CA.exec(compact);
      return match ? `${match[1]} ${match[2]}` : null;
    },
  },
  US: {
    strip: SPACES,
    check: (compact) => {
      const match = /^(\d{5})(?:-?(\d{4}))?$/.exec(padDigits(compact, 5, 3));
      if (!match) return null;
      return match[2] ? `${match[1]}-${match[2]}` : (match[1] as string);
    },
  },
  FR: { strip: SPACES, check: (compact) => (digits(5).test(padDigits(compact, 5, 4)) ? padDigits(compact, 5, 4) : null) },
  PL: {
    strip: SPACES,
    check: (compact) => {
      const match = /^(\d{2})-?(\d{3})$/.exec(compact);
      return match ? `${match[1]}-${match[2]}` : null;
    },
  },
  DE: { strip: SPACES, check: (compact) => (digits(5).test(compact) ? compact : null) },
  IT: { strip: SPACES, check: (compact) => (digits(5).test(compact) ? compact : null) },
  ES: { strip: SPACES, check: (compact) => (digits(5).test(compact) ? compact : null) },
  BE: { strip: SPACES, check: (compact) => (digits(4).test(compact) ? compact : null) },
  AT: { strip: SPACES, check: (compact) => (digits(4).test(compact) ? compact : null) },
  CH: { strip: SPACES, check: (compact) => (digits(4).test(compact) ? compact : null) },
  LU: { strip: SPACES, check: (compact) => /^(?:L-?)?(\d{4})$/.exec(compact)?.[1] ?? null },
  NL: {
    strip: SPACES,
    check: (compact) => {
      const match = /^([1-9]\d{3})([A-Z]{2})$/.exec(compact);
      return match ? `${match[1]} ${match[2]}` : null;
    },
  },
};

const COUNTRY_NAMES: Readonly<Record<string, string>> = { CA: 'Canada', US: 'the United States', FR: 'France', PL: 'Poland' };

/**
 * `country` is the ISO alpha-2 code of the address (the row's country, else the source's default); with
 * no country the value is only cleaned.
 */
export function normalizePostalCode(raw: unknown, country: string | null): Normalized<string> {
  const text = rawText(raw);
  if (!isScalar(raw)) return reject('expected a single postal code, found a list or an object', text);
  if (isBlank(raw)) return accept(null, text);
  const clean = cleanText(text).toUpperCase();
  if (clean === '') return accept(null, text);
  const rule = country === null ? undefined : RULES[country];
  if (rule === undefined) return clean.length > 20 ? reject('not a postal code: too long', text) : accept(clean, text);
  const value = rule.check(clean.replace(rule.strip, ''));
  return value === null ? reject(`not a valid postal code for ${COUNTRY_NAMES[country as string] ?? country}`, text) : accept(value, text);
}
