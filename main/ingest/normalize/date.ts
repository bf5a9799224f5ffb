/**
 * Dates with an explicit, per-source format. `03/04/2024` is the 3rd of April in Montréal and Kraków and
 * the 4th of March in Los Angeles: guessing per value would silently swap days and months for some rows
 * and not others. The mapping states the format (suggested from samples, confirmed by the steward) and
 * every value is read with that one format; a value that does not fit is rejected, not reinterpreted.
 */
import { accept, isBlank, isScalar, rawText, reject, type Normalized } from './result';

export const DATE_FORMATS = ['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY', 'DD-MM-YYYY', 'YYYYMMDD', 'iso', 'excel-serial'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/** Birth dates must lie in 1900..today; event times in 1970..today + 1 year (bookings, renewals). */
export type DateKind = 'birth' | 'event';

export interface DateOptions {
  readonly kind: DateKind;
  /** Injectable clock for the plausibility range (tests, replays). */
  readonly now?: Date;
}

interface Parts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

// Day/month may have one digit (`5/3/2024`); years always four: `05/03/24` has no safe century.
// A time of exactly midnight is tolerated: spreadsheets export date cells as `2024-03-05 00:00:00`.
const MIDNIGHT = String.raw`(?:[ T]00:00(?::00(?:\.0+)?)?)?`;
const PATTERNS: Readonly<Record<Exclude<DateFormat, 'iso' | 'excel-serial'>, { readonly regex: RegExp; readonly order: 'ymd' | 'dmy' | 'mdy' }>> = {
  'YYYY-MM-DD': { regex: new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})${MIDNIGHT}$`), order: 'ymd' },
  'DD/MM/YYYY': { regex: new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})${MIDNIGHT}$`), order: 'dmy' },
  'MM/DD/YYYY': { regex: new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})${MIDNIGHT}$`), order: 'mdy' },
  // Polish usage often appends "r." (rok, year): `12.03.1985 r.`.
  'DD.MM.YYYY': { regex: new RegExp(String.raw`^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s*r\.?)?${MIDNIGHT}$`), order: 'dmy' },
  'DD-MM-YYYY': { regex: new RegExp(String.raw`^(\d{1,2})-(\d{1,2})-(\d{4})${MIDNIGHT}$`), order: 'dmy' },
  YYYYMMDD: { regex: /^(\d{4})(\d{2})(\d{2})$/, order: 'ymd' },
};
const HAS_TIME = /\d{1,2}:\d{2}/;

// RFC 3339 / ISO 8601 extended format. A date-time must carry its offset: without one we would have to
// guess the zone, and a guess an hour off moves a purchase to another day for every row.
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)$/i;
const ISO_LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?$/;
const EXCEL_SERIAL = /^\d+(?:\.\d+)?$/;

const DAY_MS = 86_400_000;

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysInMonth = (year: number, month: number) => (month === 2 && isLeap(year) ? 29 : (DAYS_IN_MONTH[month - 1] as number));

const isRealDate = ({ year, month, day }: Parts) => month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
const pad = (value: number, width = 2) => String(value).padStart(width, '0');
const formatDate = ({ year, month, day }: Parts) => `${pad(year, 4)}-${pad(month)}-${pad(day)}`;

/** A UTC instant as a date when it is midnight (a date cell), else as a full ISO date-time. */
function fromInstant(ms: number): string {
  const iso = new Date(ms).toISOString();
  return ms % DAY_MS === 0 ? iso.slice(0, 10) : iso;
}

type Parsed = { readonly value: string } | { readonly problem: string };

function parseWithPattern(text: string, format: keyof typeof PATTERNS): Parsed {
  const { regex, order } = PATTERNS[format];
  const match = regex.exec(text);
  if (!match) {
    return { problem: HAS_TIME.test(text) ? `has a time of day, but the date format is ${format}` : `not a date in the format ${format}` };
  }
  const [a, b, c] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const parts: Parts = order === 'ymd' ? { year: a, month: b, day: c } : order === 'dmy' ? { year: c, month: b, day: a } : { year: c, month: a, day: b };
  return isRealDate(parts) ? { value: formatDate(parts) } : { problem: 'not a real calendar date' };
}

function parseIso(text: string): Parsed {
  const dateOnly = ISO_DATE.exec(text);
  if (dateOnly) {
    const parts: Parts = { year: Number(dateOnly[1]), month: Number(dateOnly[2]), day: Number(dateOnly[3]) };
    return isRealDate(parts) ? { value: formatDate(parts) } : { problem: 'not a real calendar date' };
  }
  const match = ISO_DATE_TIME.exec(text);
  if (!match) {
    return { problem: ISO_LOCAL_DATE_TIME.test(text) ? 'date-time without a time zone offset (Z or ±hh:mm)' : 'not an ISO 8601 date or date-time' };
  }
  const parts: Parts = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  const [hour, minute, second] = [Number(match[4]), Number(match[5]), Number(match[6] ?? 0)];
  const millis = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
  if (!isRealDate(parts)) return { problem: 'not a real calendar date' };
  if (hour > 23 || minute > 59 || second > 59) return { problem: 'not a real time of day' };
  let offsetMinutes = 0;
  const zone = (match[8] as string).toUpperCase();
  if (zone !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const offsetHours = Number(digits.slice(0, 2));
    const offsetRest = digits.length > 2 ? Number(digits.slice(2)) : 0;
    if (offsetHours > 14 || offsetRest > 59) return { problem: 'not a real time zone offset' };
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (offsetHours * 60 + offsetRest);
  }
  const utc = Date.UTC(parts.year, parts.month - 1, parts.day, hour, minute, second, millis) - offsetMinutes * 60_000;
  return { value: new Date(utc).toISOString() };
}

/**
 * Excel's 1900 date system: serial 1 is 1900-01-01, and Excel counts a 29 February 1900 that never
 * existed (serial 60, kept for Lotus 1-2-3 compatibility), so from serial 61 on day 0 is 1899-12-30.
 * A fractional part is a time of day with no zone: it is read as UTC, the only reading that does not
 * depend on the machine doing the import.
 */
function parseExcelSerial(text: string): Parsed {
  if (!EXCEL_SERIAL.test(text)) return { problem: 'not an Excel date serial number' };
  const serial = Number(text);
  if (serial < 1) return { problem: 'not an Excel date serial number' };
  if (Math.floor(serial) === 60) return { problem: 'Excel serial 60 is 29 February 1900, a date that does not exist' };
  const epoch = serial < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return { value: fromInstant(epoch + Math.round(serial * DAY_MS)) };
}

function parseAny(raw: unknown, text: string, format: DateFormat): Parsed {
  // XLSX date cells arrive as Date objects (UTC): whatever the column's text format, they are exact.
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? { problem: 'not a date' } : { value: fromInstant(raw.getTime()) };
  switch (format) {
    case 'iso':
      return parseIso(text);
    case 'excel-serial':
      return parseExcelSerial(text);
    default:
      return parseWithPattern(text, format);
  }
}

function rangeProblem(value: string, kind: DateKind, now: Date): string | null {
  const day = value.slice(0, 10);
  if (kind === 'birth') {
    if (day < '1900-01-01') return 'birth date before 1900';
    if (day > now.toISOString().slice(0, 10)) return 'birth date in the future';
    return null;
  }
  if (day < '1970-01-01') return 'date before 1970';
  const limit = new Date(now.getTime());
  limit.setUTCFullYear(limit.getUTCFullYear() + 1);
  const latest = limit.toISOString();
  if (value.length === 10 ? day > latest.slice(0, 10) : value > latest) return 'date more than a year in the future';
  return null;
}

/**
 * Returns `YYYY-MM-DD` for dates and a full ISO UTC date-time (`2024-03-05T13:30:00.000Z`) for
 * date-times (`iso` with a time, fractional Excel serials, XLSX date-time cells).
 */
export function parseDate(raw: unknown, format: DateFormat, options: DateOptions): Normalized<string> {
  const text = rawText(raw);
  if (!isScalar(raw)) return reject('expected a single date, found a list or an object', text);
  if (isBlank(raw)) return accept(null, text);
  const parsed = parseAny(raw, text.trim(), format);
  if ('problem' in parsed) return reject(parsed.problem, text);
  const problem = rangeProblem(parsed.value, options.kind, options.now ?? new Date());
  return problem === null ? accept(parsed.value, text) : reject(problem, text);
}
