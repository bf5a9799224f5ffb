/**
 * Building blocks for one customer: phone numbers in each country's local habits, street lines,
 * postal codes, e-mail addresses derived from the name, birth dates in a file's date format.
 * Phones are valid numbers for libphonenumber (no 555, no N11 exchanges, real mobile prefixes).
 */
import { CITIES, EMAIL_DOMAINS, FR_MOBILE, GROUP, PL_MOBILE, STREETS, type City, type Group, type Locale } from './data';
import { weights, type Rng, type Weighted } from './random';
import { emailPart } from './text';

export type DateFormat = 'YYYY-MM-DD' | 'DD/MM/YYYY' | 'MM/DD/YYYY' | 'DD.MM.YYYY';
export const DATE_FORMATS: readonly DateFormat[] = ['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY'];

const NANP_QC_STYLES = weights([
  [0, 35],
  [1, 25],
  [2, 25],
  [3, 5],
  [4, 4],
  [5, 3],
  [6, 3],
] as const);
const NANP_EN_STYLES = weights([
  [1, 40],
  [2, 32],
  [3, 5],
  [5, 10],
  [0, 5],
  [7, 5],
  [6, 3],
] as const);
const FR_STYLES = weights([
  [0, 55],
  [1, 15],
  [2, 10],
  [3, 12],
  [4, 4],
  [5, 4],
] as const);
const PL_MOBILE_STYLES = weights([
  [0, 35],
  [1, 20],
  [2, 25],
  [3, 8],
  [4, 8],
  [5, 4],
] as const);
const PL_LANDLINE_STYLES = weights([
  [0, 40],
  [1, 25],
  [2, 25],
  [3, 10],
] as const);
const QC_STREET_STYLES = weights([
  [0, 65],
  [1, 15],
  [2, 12],
  [3, 3],
  [4, 5],
] as const);
const FR_STREET_STYLES = weights([
  [0, 72],
  [1, 5],
  [2, 10],
  [3, 5],
  [4, 5],
  [5, 3],
] as const);
const EN_STREET_STYLES = weights([
  [0, 65],
  [1, 12],
  [2, 5],
  [3, 6],
  [4, 7],
  [5, 5],
] as const);
const PL_STREET_STYLES = weights([
  [0, 45],
  [1, 40],
  [2, 10],
  [3, 5],
] as const);
const EMAIL_STYLES = weights([
  [0, 20],
  [1, 18],
  [2, 9],
  [3, 10],
  [4, 8],
  [5, 6],
  [6, 5],
  [7, 6],
  [8, 6],
  [9, 6],
  [10, 6],
] as const);

const EMAIL_DOMAIN_TABLES = Object.fromEntries(Object.entries(EMAIL_DOMAINS).map(([locale, table]) => [locale, weights(table)])) as Record<
  Locale,
  Weighted<string>
>;

const pad2 = (value: number): string => (value < 10 ? `0${value}` : String(value));

// ——— phones ———

function nanpExchange(rng: Rng): string {
  for (;;) {
    const exchange = `${rng.int(2, 9)}${rng.digits(2)}`;
    if (exchange !== '555' && !exchange.endsWith('11') && exchange !== '958' && exchange !== '959') return exchange;
  }
}

export function nanpPhone(rng: Rng, area: string, style: 'qc' | 'en'): string {
  const exchange = nanpExchange(rng);
  const line = rng.digits(4);
  const format = style === 'qc' ? rng.weighted(NANP_QC_STYLES) : rng.weighted(NANP_EN_STYLES);
  switch (format) {
    case 0:
      return `${area} ${exchange} ${line}`;
    case 1:
      return `(${area}) ${exchange}-${line}`;
    case 2:
      return `${area}-${exchange}-${line}`;
    case 3:
      return `+1 ${area} ${exchange} ${line}`;
    case 4:
      return `1-${area}-${exchange}-${line}`;
    case 5:
      return `${area}.${exchange}.${line}`;
    case 6:
      return `${area}${exchange}${line}`;
    default:
      return `+1 (${area}) ${exchange}-${line}`;
  }
}

/** `national` is the 9 digits after the trunk 0, e.g. "612345678". */
function frenchFormat(rng: Rng, national: string): string {
  const pairs = `${national.slice(1, 3)} ${national.slice(3, 5)} ${national.slice(5, 7)} ${national.slice(7, 9)}`;
  switch (rng.weighted(FR_STYLES)) {
    case 0:
      return `0${national[0]} ${pairs}`;
    case 1:
      return `0${national}`;
    case 2:
      return `0${national[0]}.${pairs.replace(/ /g, '.')}`;
    case 3:
      return `+33 ${national[0]} ${pairs}`;
    case 4:
      return `+33 (0)${national[0]} ${pairs}`;
    default:
      return `0033 ${national[0]} ${pairs}`;
  }
}

export function frenchMobile(rng: Rng): string {
  const first = rng.pick(FR_MOBILE);
  // 063x and 069x are mostly overseas departments' ranges: keep to metropolitan mobiles.
  const second = first === '7' ? String(rng.int(3, 9)) : rng.pick(['0', '1', '2', '4', '5', '6', '7', '8']);
  return frenchFormat(rng, `${first}${second}${rng.digits(7)}`);
}

export function frenchLandline(rng: Rng, area: string): string {
  return frenchFormat(rng, `${area}${rng.int(1, 9)}${rng.digits(5)}`);
}

export function polishMobile(rng: Rng): string {
  const digits = `${rng.pick(PL_MOBILE)}${rng.int(0, 9)}${rng.digits(6)}`;
  const [a, b, c] = [digits.slice(0, 3), digits.slice(3, 6), digits.slice(6, 9)];
  switch (rng.weighted(PL_MOBILE_STYLES)) {
    case 0:
      return `${a} ${b} ${c}`;
    case 1:
      return `${a}-${b}-${c}`;
    case 2:
      return `+48 ${a} ${b} ${c}`;
    case 3:
      return `+48${digits}`;
    case 4:
      return digits;
    default:
      return `0048 ${a} ${b} ${c}`;
  }
}

export function polishLandline(rng: Rng, area: string): string {
  const subscriber = `${rng.int(2, 9)}${rng.digits(6)}`;
  const [a, b, c] = [subscriber.slice(0, 3), subscriber.slice(3, 5), subscriber.slice(5, 7)];
  switch (rng.weighted(PL_LANDLINE_STYLES)) {
    case 0:
      return `${area} ${a} ${b} ${c}`;
    case 1:
      return `(${area}) ${a} ${b} ${c}`;
    case 2:
      return `+48 ${area} ${a} ${b} ${c}`;
    default:
      return `${area} ${a}-${b}-${c}`;
  }
}

export function mobilePhone(rng: Rng, locale: Locale, city: City): string {
  switch (locale) {
    case 'fr':
      return frenchMobile(rng);
    case 'pl':
      return polishMobile(rng);
    default:
      return nanpPhone(rng, rng.pick(city.area), locale === 'qc' ? 'qc' : 'en');
  }
}

export function landline(rng: Rng, locale: Locale, city: City): string {
  switch (locale) {
    case 'fr':
      return frenchLandline(rng, rng.pick(city.area));
    case 'pl':
      return polishLandline(rng, rng.pick(city.area));
    default:
      return nanpPhone(rng, rng.pick(city.area), locale === 'qc' ? 'qc' : 'en');
  }
}

// ——— addresses ———

function houseNumber(rng: Rng): number {
  const draw = rng.float();
  return 1 + Math.floor(draw * draw * 9_999);
}

const EN_ABBREVIATIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/ Street\b/, ' St.'],
  [/ Avenue\b/, ' Ave'],
  [/ Boulevard\b/, ' Blvd'],
  [/ Drive\b/, ' Dr.'],
  [/ Road\b/, ' Rd'],
  [/ West$/, ' W'],
  [/ East$/, ' E'],
];

export function streetLine(rng: Rng, group: Group): string {
  const street = rng.pickSkewed(STREETS[group], 1.5);
  const number = houseNumber(rng);
  const apartment = rng.int(1, 40);
  switch (group) {
    case 'qc':
      switch (rng.weighted(QC_STREET_STYLES)) {
        case 0:
          return `${number} ${street}`;
        case 1:
          return `${apartment}-${number} ${street}`;
        case 2:
          return `${number} ${street}, app. ${apartment}`;
        case 3:
          return `${number}, ${street}`;
        default:
          return `${number} ${street} #${apartment}`;
      }
    case 'fr':
      switch (rng.weighted(FR_STREET_STYLES)) {
        case 0:
          return `${number % 200} ${street}`;
        case 1:
          return `${number % 200} bis ${street}`;
        case 2:
          return `${number % 200}, ${street}`;
        case 3:
          return `Bât. ${rng.pick(['A', 'B', 'C', 'D'])}, ${number % 200} ${street}`;
        case 4:
          return `Appt ${apartment}, ${number % 200} ${street}`;
        default:
          return `${number % 200} ter ${street}`;
      }
    case 'en': {
      let name = street;
      if (rng.chance(0.15)) for (const [pattern, short] of EN_ABBREVIATIONS) name = name.replace(pattern, short);
      switch (rng.weighted(EN_STREET_STYLES)) {
        case 0:
          return `${number} ${name}`;
        case 1:
          return `${number} ${name}, Apt ${apartment}`;
        case 2:
          return `${number} ${name} Apt. ${apartment}`;
        case 3:
          return `Unit ${apartment}, ${number} ${name}`;
        case 4:
          return `${apartment}-${number} ${name}`;
        default:
          return `${number} ${name} Suite ${apartment * 10}`;
      }
    }
    default: {
      const name = rng.chance(0.1) ? street.replace(/^(ul|al|os|pl)\. /, '') : street;
      const building = number % 250;
      switch (rng.weighted(PL_STREET_STYLES)) {
        case 0:
          return `${name} ${building}`;
        case 1:
          return `${name} ${building}/${apartment}`;
        case 2:
          return `${name} ${building} m. ${apartment}`;
        default:
          return `${name} ${building}${rng.pick(['a', 'b', 'c', 'A', 'B'])}`;
      }
    }
  }
}

const CA_LETTERS = 'ABCEGHJKLMNPRSTVWXYZ';

export function postalCode(rng: Rng, locale: Locale, city: City): string {
  switch (locale) {
    case 'qc':
    case 'ca': {
      const fsa = rng.pick(city.postal);
      const ldu = `${rng.int(0, 9)}${CA_LETTERS[rng.int(0, CA_LETTERS.length - 1)]}${rng.int(0, 9)}`;
      const variant = rng.float();
      if (variant < 0.85) return `${fsa} ${ldu}`;
      if (variant < 0.95) return `${fsa}${ldu}`;
      return `${fsa} ${ldu}`.toLowerCase();
    }
    case 'fr':
      return rng.pick(city.postal);
    case 'pl':
      return `${rng.pick(city.postal)}-${rng.digits(3)}`;
    default: {
      const zip = rng.pick(city.postal);
      return rng.chance(0.1) ? `${zip}-${rng.digits(4)}` : zip;
    }
  }
}

export function pickCity(rng: Rng, locale: Locale): City {
  return rng.pickSkewed(CITIES[locale], 1.5);
}

// ——— e-mail ———

export function emailAddress(rng: Rng, locale: Locale, first: string, last: string, birthYear: number): string {
  const f = emailPart(first, rng.chance(0.5));
  const l = emailPart(last, rng.chance(0.3));
  const yy = pad2(birthYear % 100);
  const n = rng.int(1, 999);
  let local: string;
  switch (rng.weighted(EMAIL_STYLES)) {
    case 0:
      local = `${f}.${l}`;
      break;
    case 1:
      local = `${f}.${l}${rng.chance(0.5) ? yy : n}`;
      break;
    case 2:
      local = `${f}${l}`;
      break;
    case 3:
      local = `${f[0] ?? 'x'}${l}${n}`;
      break;
    case 4:
      local = `${f[0] ?? 'x'}.${l}`;
      break;
    case 5:
      local = `${l}.${f}`;
      break;
    case 6:
      local = `${f}_${l}`;
      break;
    case 7:
      local = `${f}${yy}${rng.int(0, 9)}`;
      break;
    case 8:
      local = `${l}${f[0] ?? 'x'}${n}`;
      break;
    case 9:
      local = `${f}.${l[0] ?? 'x'}${n}`;
      break;
    default:
      local = `${f}${l}${birthYear}`;
  }
  const domain = rng.weighted(EMAIL_DOMAIN_TABLES[locale]);
  const address = `${local}@${domain}`;
  // Some people type their address with capitals; still valid.
  return rng.chance(0.02) ? address.replace(/^./, (char) => char.toUpperCase()).replace(/@./, (at) => at.toUpperCase()) : address;
}

/** Syntactically broken addresses as they arrive from paper forms and tills. */
export function badEmail(rng: Rng, first: string, last: string, locale: Locale): string {
  const f = emailPart(first, false) || 'client';
  const l = emailPart(last, false) || 'x';
  const domain = rng.weighted(EMAIL_DOMAIN_TABLES[locale]);
  switch (rng.int(0, 6)) {
    case 0:
      return `${f}@`;
    case 1:
      return `${f}.${domain}`;
    case 2:
      return `${f}.${l}@${domain.replace(/\.[a-z]+$/, '')}`;
    case 3:
      return `${f}@@${domain}`;
    case 4:
      return `${f} ${l}@${domain}`;
    case 5:
      return `@${domain}`;
    default:
      return `${f}.${l}@${domain},`;
  }
}

// ——— dates ———

export interface Ymd {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function birthDate(rng: Rng): Ymd {
  const year = rng.int(1938, 2006);
  const month = rng.int(1, 12);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = rng.int(1, month === 2 && leap ? 29 : (DAYS[month - 1] as number));
  return { year, month, day };
}

export function formatDate({ year, month, day }: Ymd, format: DateFormat): string {
  switch (format) {
    case 'YYYY-MM-DD':
      return `${year}-${pad2(month)}-${pad2(day)}`;
    case 'DD/MM/YYYY':
      return `${pad2(day)}/${pad2(month)}/${year}`;
    case 'MM/DD/YYYY':
      return `${pad2(month)}/${pad2(day)}/${year}`;
    default:
      return `${pad2(day)}.${pad2(month)}.${year}`;
  }
}

const DATE_WORDS: Readonly<Record<Group, readonly string[]>> = {
  qc: ['inconnu', 'N/D', '?', 'à confirmer'],
  fr: ['inconnue', 'NC', '?', 'non renseigné'],
  en: ['unknown', 'N/A', '?', 'TBD'],
  pl: ['brak', 'b.d.', '?', 'nieznana'],
};

/** A birth date nobody can read with the file's format: impossible days, month 13, two-digit years, words. */
export function badDate(rng: Rng, format: DateFormat, locale: Locale): string {
  const year = rng.int(1940, 2000);
  switch (rng.int(0, 5)) {
    case 0:
      return formatDate({ year, month: 2, day: rng.int(30, 31) }, format);
    case 1: {
      const day = pad2(rng.int(1, 28));
      if (format === 'YYYY-MM-DD') return `${year}-13-${day}`;
      if (format === 'MM/DD/YYYY') return `13/${day}/${year}`;
      return format === 'DD/MM/YYYY' ? `${day}/13/${year}` : `${day}.13.${year}`;
    }
    case 2:
      return formatDate({ year, month: rng.int(1, 12), day: rng.int(1, 28) }, format).replace(String(year), String(year % 100).padStart(2, '0'));
    case 3:
      return String(year);
    case 4:
      return '00/00/0000';
    default:
      return rng.pick(DATE_WORDS[GROUP[locale]]);
  }
}

/** Reads a date written in `format`; null when it is not a real calendar date (used by the tests). */
export function parseDate(value: string, format: DateFormat): Ymd | null {
  const patterns: Record<DateFormat, RegExp> = {
    'YYYY-MM-DD': /^(\d{4})-(\d{2})-(\d{2})$/,
    'DD/MM/YYYY': /^(\d{2})\/(\d{2})\/(\d{4})$/,
    'MM/DD/YYYY': /^(\d{2})\/(\d{2})\/(\d{4})$/,
    'DD.MM.YYYY': /^(\d{2})\.(\d{2})\.(\d{4})$/,
  };
  const match = patterns[format].exec(value);
  if (!match) return null;
  const [a, b, c] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const parts =
    format === 'YYYY-MM-DD' ? { year: a, month: b, day: c } : format === 'MM/DD/YYYY' ? { year: c, month: a, day: b } : { year: c, month: b, day: a };
  if (parts.year < 1900 || parts.month < 1 || parts.month > 12 || parts.day < 1) return null;
  const leap = (parts.year % 4 === 0 && parts.year % 100 !== 0) || parts.year % 400 === 0;
  const max = parts.month === 2 && leap ? 29 : (DAYS[parts.month - 1] as number);
  return parts.day <= max ? parts : null;
}
