/**
 * Reading a column's formats from its values rather than assuming them: the date format and the decimal
 * separator a mapping proposes. Pure and free of Node: the mapping step runs it on the preview rows to
 * say how many of them a chosen format would reject.
 */
import { parseDate, type DateFormat, type DateKind } from './date';
import { isBlank } from './result';

export interface DateDetection {
  readonly format: DateFormat;
  /** Every sample reads both day-first and month-first, differently: the country chose. */
  readonly ambiguous: boolean;
  /** Samples the chosen format rejects. */
  readonly failing: number;
}

export interface DateDetectionOptions {
  readonly kind: DateKind;
  /** ISO alpha-2: decides day/month when the samples cannot. */
  readonly country: string;
  readonly now?: Date;
  /** When there are no samples. */
  readonly fallback?: DateFormat;
}

/**
 * Where people write the month first. Elsewhere (Canada included: its tills and CRMs mostly follow the
 * day-first French and British habits, and its official format is year-first) the day comes first.
 */
const MONTH_FIRST = new Set(['US', 'PH', 'PR', 'GU', 'AS', 'VI', 'MP', 'UM', 'FM', 'MH', 'PW']);

export const monthFirstCountry = (country: string): boolean => MONTH_FIRST.has(country.toUpperCase());

/**
 * Tried in this order; on equal counts the earlier wins, so a plain date format beats its `HH:MM`
 * sibling (which also reads dates without a time) and `iso` keeps ISO exports it always read.
 */
const ORDER: readonly DateFormat[] = [
  'YYYY-MM-DD',
  'iso',
  'YYYY-MM-DD HH:MM',
  'DD/MM/YYYY',
  'MM/DD/YYYY',
  'DD/MM/YYYY HH:MM',
  'MM/DD/YYYY HH:MM',
  'DD.MM.YYYY',
  'DD.MM.YYYY HH:MM',
  'DD-MM-YYYY',
  'DD-MM-YYYY HH:MM',
  'YYYYMMDD',
  'excel-serial',
];

/** The day-first and month-first readings of the same text. */
const PARTNER: Partial<Record<DateFormat, DateFormat>> = {
  'DD/MM/YYYY': 'MM/DD/YYYY',
  'MM/DD/YYYY': 'DD/MM/YYYY',
  'DD/MM/YYYY HH:MM': 'MM/DD/YYYY HH:MM',
  'MM/DD/YYYY HH:MM': 'DD/MM/YYYY HH:MM',
};

export const dayMonthPartner = (format: DateFormat): DateFormat | undefined => PARTNER[format];

const DAY_FIRST: ReadonlySet<DateFormat> = new Set(['DD/MM/YYYY', 'DD/MM/YYYY HH:MM']);

/**
 * The format that reads the most samples. A day above 12 settles day/month, since only one order reads
 * it; when both orders read every sample, the country decides, and `ambiguous` says so unless both
 * orders give the same dates (`01/01/2024`).
 */
export function detectDateFormat(values: readonly unknown[], options: DateDetectionOptions): DateDetection {
  const samples = values.filter((value) => !isBlank(value));
  const fallback = options.fallback ?? 'iso';
  if (samples.length === 0) return { format: fallback, ambiguous: false, failing: 0 };
  // Any zone will do to test a fit: only the `iso` format needs one to accept local times at all.
  const read = (format: DateFormat) => samples.map((value) => parseDate(value, format, { kind: options.kind, now: options.now, timeZone: 'UTC' }));
  const results = new Map(ORDER.map((format) => [format, read(format)] as const));
  const fits = (format: DateFormat) => results.get(format)?.filter((result) => result.ok).length ?? 0;

  let best = ORDER[0] as DateFormat;
  for (const format of ORDER) if (fits(format) > fits(best)) best = format;
  if (fits(best) === 0) return { format: fallback, ambiguous: false, failing: samples.length };

  const partner = PARTNER[best];
  if (partner === undefined || fits(partner) !== fits(best)) return { format: best, ambiguous: false, failing: samples.length - fits(best) };
  const dayFirst = DAY_FIRST.has(best) ? best : partner;
  const monthFirst = dayFirst === best ? partner : best;
  const format = monthFirstCountry(options.country) ? monthFirst : dayFirst;
  const a = results.get(best) ?? [];
  const b = results.get(partner) ?? [];
  const differ = a.some((result, index) => {
    const other = b[index];
    return result.ok && other?.ok === true && result.value !== other.value;
  });
  return { format, ambiguous: differ, failing: samples.length - fits(format) };
}

export type ThousandsSeparator = ' ' | '.' | ',' | "'";

export interface DecimalDetection {
  /** What the mapping's `decimal` should say; undefined when no sample shows it. */
  readonly decimal: ',' | '.' | undefined;
  /** The grouping the samples show (any kind of space reported as ' '): parseAmount reads it from each value's shape. */
  readonly thousands?: ThousandsSeparator;
}

const NUMBER = /\d[\d.,'\u2019\s\u00A0\u202F\u2009]*\d|\d/;
const SPACES = /[\s\u00A0\u202F\u2009]/;

/** What one amount shows: its decimal separator and its grouping, each when its shape says so. */
function separatorsOf(text: string): { decimal?: ',' | '.'; thousands?: ThousandsSeparator } {
  const body = NUMBER.exec(text)?.[0] ?? '';
  const grouping: ThousandsSeparator | undefined = SPACES.test(body) ? ' ' : /['\u2019]/.test(body) ? "'" : undefined;
  const marks = body.replace(/[^.,]/g, '');
  if (marks === '') return grouping === undefined ? {} : { thousands: grouping };
  const last = marks.at(-1) as ',' | '.';
  const other = last === ',' ? '.' : ',';
  if (marks.includes(other)) return { decimal: last, thousands: grouping ?? other };
  // One mark several times groups thousands: `1.234.567`.
  if (marks.length > 1) return { thousands: last };
  const [integer = '', fraction = ''] = body.split(last);
  const integerDigits = integer.replace(/\D/g, '');
  // `1,234` / `1.234` could be either; the same rules as parseAmount tell the other shapes apart.
  if (fraction.length !== 3 || grouping !== undefined || integerDigits === '0' || integerDigits.length > 3)
    return grouping === undefined ? { decimal: last } : { decimal: last, thousands: grouping };
  return {};
}

const majority = <T extends string>(values: readonly T[]): T | undefined => {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
};

/**
 * The decimal separator and grouping of a column of amounts (`12,50`, `1 234,50`, `1.234,50`,
 * `1,234.50`). Values that could be read either way (`1,234`) do not vote; when no value shows a
 * decimal, a grouping does (`1.234.567` groups with points, so decimals are commas).
 */
export function detectDecimal(values: readonly unknown[]): DecimalDetection {
  const seen = values.filter((value): value is string => typeof value === 'string').map(separatorsOf);
  const decimals = seen.flatMap((found) => (found.decimal === undefined ? [] : [found.decimal]));
  const groupings = seen.flatMap((found) => (found.thousands === undefined ? [] : [found.thousands]));
  const thousands = majority(groupings);
  // On a tie, the point: parseAmount's default reading.
  const comma = decimals.filter((mark) => mark === ',').length;
  const point = decimals.length - comma;
  const decimal = decimals.length > 0 ? (comma > point ? ',' : '.') : thousands === '.' ? ',' : thousands === ',' ? '.' : undefined;
  return thousands === undefined ? { decimal } : { decimal, thousands };
}
