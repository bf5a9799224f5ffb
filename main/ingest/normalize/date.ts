/**
 * Dates with an explicit, per-source format. `03/04/2024` is the 3rd of April in Montréal and Kraków and
 * the 4th of March in Los Angeles: guessing per value would silently swap days and months for some rows
 * and not others. The mapping states the format (detected from samples, confirmed by the steward) and
 * every value is read with that one format; a value that does not fit is rejected, not reinterpreted.
 *
 * Formats with `HH:MM` read a time of day too (tills, web shops). Their local times are read in the
 * source's time zone and stored as UTC instants. No Node here: the renderer checks formats with it.
 */
import { accept, isBlank, isScalar, rawText, reject, type Normalized } from './result';
import { isTimeZone } from './time-zone';
import { wallTimeToUtc } from './zoned-time';

// Saved mappings name these: new formats are appended, none is ever renamed or removed.
export const DATE_FORMATS = [
  'YYYY-MM-DD',
  'DD/MM/YYYY',
  'MM/DD/YYYY',
  'DD.MM.YYYY',
  'DD-MM-YYYY',
  'YYYYMMDD',
  'iso',
  'excel-serial',
  'DD/MM/YYYY HH:MM',
  'MM/DD/YYYY HH:MM',
  'YYYY-MM-DD HH:MM',
  'DD.MM.YYYY HH:MM',
  'DD-MM-YYYY HH:MM',
] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/** Birth dates must lie in 1900..today; event times in 1970..today + 1 year (bookings, renewals). */
export type DateKind = 'birth' | 'event';

export interface DateOptions {
  readonly kind: DateKind;
  /** Injectable clock for the plausibility range (tests, replays). */
  readonly now?: Date;
  /**
   * IANA zone of local date-times (no offset written): the source's, in the mapping. Without it they
   * are read as UTC, except in `iso`, which keeps refusing them as it always did.
   */
  readonly timeZone?: string;
}

interface Parts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

// Day/month may have one digit (`5/3/2024`); years always four: `05/03/24` has no safe century.
// A time of exactly midnight is tolerated: spreadsheets export date cells as `2024-03-05 00:00:00`.
const MIDNIGHT = String.raw`(?:[ T]00:00(?::00(?:\.0+)?)?)?`;
type Order = 'ymd' | 'dmy' | 'mdy';
type DayFormat = Exclude<DateFormat, 'iso' | 'excel-serial' | `${string} HH:MM`>;
type TimeFormat = Extract<DateFormat, `${string} HH:MM`>;
const DAY_PATTERNS: Readonly<Record<DayFormat, { readonly date: string; readonly order: Order }>> = {
  'YYYY-MM-DD': { date: String.raw`(\d{4})-(\d{1,2})-(\d{1,2})`, order: 'ymd' },
  'DD/MM/YYYY': { date: String.raw`(\d{1,2})/(\d{1,2})/(\d{4})`, order: 'dmy' },
  'MM/DD/YYYY': { date: String.raw`(\d{1,2})/(\d{1,2})/(\d{4})`, order: 'mdy' },
  // Polish usage often appends "r." (rok, year): `12.03.1985 r.`.
  'DD.MM.YYYY': { date: String.raw`(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s*r\.?)?`, order: 'dmy' },
  'DD-MM-YYYY': { date: String.raw`(\d{1,2})-(\d{1,2})-(\d{4})`, order: 'dmy' },
  YYYYMMDD: { date: String.raw`(\d{4})(\d{2})(\d{2})`, order: 'ymd' },
};
const PATTERNS: Readonly<Record<DayFormat, { readonly regex: RegExp; readonly order: Order }>> = Object.fromEntries(
  Object.entries(DAY_PATTERNS).map(([format, { date, order }]) => [format, { regex: new RegExp(`^${date}${format === 'YYYYMMDD' ? '' : MIDNIGHT}$`), order }]),
) as Record<DayFormat, { readonly regex: RegExp; readonly order: Order }>;

// `13:25`, `9:05:30`, `1:25 PM`, `13:25:00.250+02:00`; the time itself is optional (see parseWithTime).
const OFFSET = String.raw`(Z|[+-]\d{2}(?::?\d{2})?)`;
const TIME = String.raw`(?:(?:T|\s+|,\s*)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:\s*([ap])\.?m\.?)?(?:\s*${OFFSET})?)?`;
const TIME_PATTERNS: Readonly<Record<TimeFormat, { readonly regex: RegExp; readonly order: Order }>> = Object.fromEntries(
  (['DD/MM/YYYY', 'MM/DD/YYYY', 'YYYY-MM-DD', 'DD.MM.YYYY', 'DD-MM-YYYY'] as const).map((day) => [
    `${day} HH:MM`,
    { regex: new RegExp(`^${DAY_PATTERNS[day].date}${TIME}$`, 'i'), order: DAY_PATTERNS[day].order },
  ]),
) as Record<TimeFormat, { readonly regex: RegExp; readonly order: Order }>;
const isTimeFormat = (format: DateFormat): format is TimeFormat => format.endsWith(' HH:MM');
const HAS_TIME = /\d{1,2}:\d{2}/;

// RFC 3339 / ISO 8601 extended format. A date-time without an offset is a local time: read in the
// source's zone when the caller gives one, refused otherwise, since a guess an hour off moves a purchase
// to another day for every row.
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
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

function partsOf(match: RegExpExecArray, order: Order): Parts {
  const [a, b, c] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return order === 'ymd' ? { year: a, month: b, day: c } : order === 'dmy' ? { year: c, month: b, day: a } : { year: c, month: a, day: b };
}

function parseWithPattern(text: string, format: DayFormat): Parsed {
  const { regex, order } = PATTERNS[format];
  const match = regex.exec(text);
  if (!match) {
    return { problem: HAS_TIME.test(text) ? `has a time of day, but the date format is ${format}` : `not a date in the format ${format}` };
  }
  const parts = partsOf(match, order);
  return isRealDate(parts) ? { value: formatDate(parts) } : { problem: 'not a real calendar date' };
}

/** `Z`, `+02:00`, `-0500`, `+01` → minutes east of UTC; null when out of range. */
function offsetMinutes(zone: string): number | null {
  if (zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 14 || minutes > 59) return null;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

interface Clock {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly fraction: string | undefined;
  readonly zone: string | undefined;
}

/** The UTC instant of a date and time: by the written offset, else in the source's zone, else UTC. */
function instantOf(parts: Parts, clock: Clock, timeZone: string | undefined): Parsed {
  const { hour, minute, second } = clock;
  if (hour > 23 || minute > 59 || second > 59) return { problem: 'not a real time of day' };
  const wall = { ...parts, hour, minute, second, millisecond: Number((clock.fraction ?? '').padEnd(3, '0').slice(0, 3)) };
  if (clock.zone !== undefined) {
    const offset = offsetMinutes(clock.zone);
    if (offset === null) return { problem: 'not a real time zone offset' };
    return { value: new Date(wallTimeToUtc(wall, 'UTC') - offset * 60_000).toISOString() };
  }
  return { value: new Date(wallTimeToUtc(wall, timeZone ?? 'UTC')).toISOString() };
}

/**
 * A date with a time of day. The time may be missing: a till exports a day-only `28/07/2012` for some
 * rows, and a spreadsheet drops a midnight time. Such a value is kept as the calendar date written, not
 * turned into local midnight, whose UTC instant would fall on the day before east of Greenwich.
 * A birth date is a calendar date too: its time, if any, is dropped rather than shifting the day.
 */
function parseWithTime(text: string, format: TimeFormat, kind: DateKind, timeZone: string | undefined): Parsed {
  const { regex, order } = TIME_PATTERNS[format];
  const match = regex.exec(text);
  if (!match) return { problem: `not a date in the format ${format}` };
  const parts = partsOf(match, order);
  if (!isRealDate(parts)) return { problem: 'not a real calendar date' };
  if (match[4] === undefined || kind === 'birth') return { value: formatDate(parts) };
  let hour = Number(match[4]);
  const meridiem = match[8]?.toLowerCase();
  if (meridiem !== undefined) {
    // 12 AM is midnight and 12 PM noon; a 13 PM is no time at all.
    if (hour < 1 || hour > 12) return { problem: 'not a real time of day' };
    hour = (hour % 12) + (meridiem === 'p' ? 12 : 0);
  }
  return instantOf(parts, { hour, minute: Number(match[5]), second: Number(match[6] ?? 0), fraction: match[7], zone: match[9] }, timeZone);
}

function parseIso(text: string, timeZone: string | undefined): Parsed {
  const dateOnly = ISO_DATE.exec(text);
  if (dateOnly) {
    const parts = partsOf(dateOnly, 'ymd');
    return isRealDate(parts) ? { value: formatDate(parts) } : { problem: 'not a real calendar date' };
  }
  const match = ISO_DATE_TIME.exec(text);
  if (!match) return { problem: 'not an ISO 8601 date or date-time' };
  const zone = match[8];
  if (zone === undefined && timeZone === undefined) return { problem: 'date-time without a time zone offset (Z or ±hh:mm)' };
  const parts = partsOf(match, 'ymd');
  if (!isRealDate(parts)) return { problem: 'not a real calendar date' };
  return instantOf(parts, { hour: Number(match[4]), minute: Number(match[5]), second: Number(match[6] ?? 0), fraction: match[7], zone }, timeZone);
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

function parseAny(raw: unknown, text: string, format: DateFormat, options: DateOptions): Parsed {
  // XLSX date cells arrive as Date objects (UTC): whatever the column's text format, they are exact.
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? { problem: 'not a date' } : { value: fromInstant(raw.getTime()) };
  switch (format) {
    case 'iso':
      return parseIso(text, options.timeZone);
    case 'excel-serial':
      return parseExcelSerial(text);
    default:
      return isTimeFormat(format) ? parseWithTime(text, format, options.kind, options.timeZone) : parseWithPattern(text, format);
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
 * date-times (`iso` and the `HH:MM` formats with a time, fractional Excel serials, XLSX date-time cells).
 */
export function parseDate(raw: unknown, format: DateFormat, options: DateOptions): Normalized<string> {
  const text = rawText(raw);
  if (!isScalar(raw)) return reject('expected a single date, found a list or an object', text);
  if (isBlank(raw)) return accept(null, text);
  if (options.timeZone !== undefined && !isTimeZone(options.timeZone)) return reject(`unknown time zone ${options.timeZone}`, text);
  const parsed = parseAny(raw, text.trim(), format, options);
  if ('problem' in parsed) return reject(parsed.problem, text);
  const problem = rangeProblem(parsed.value, options.kind, options.now ?? new Date());
  return problem === null ? accept(parsed.value, text) : reject(problem, text);
}
