/**
 * Dates of retention: a period (3 years, 18 months, 400 days) added to a day, and the day an instant falls on
 * in the vault's zone. A maintain-until date is a calendar day in the vault's zone, inclusive: the data may be
 * kept through that day and is due the day after.
 *
 * A period in months or years keeps the day of the month and, where that month is shorter, ends on its last
 * day: 29 February 2024 + 1 year is 28 February 2025 (not 1 March, as SQLite's date() would have it), and
 * 31 January + 1 month is the last day of February. Days are added on the calendar, so a change of offset
 * (daylight saving) never moves a date.
 */
export const KEEP_UNITS = ['year', 'month', 'day'] as const;
export type KeepUnit = (typeof KEEP_UNITS)[number];

export interface Keep {
  readonly count: number;
  readonly unit: KeepUnit;
}

const UNIT_LETTERS: Record<string, KeepUnit> = { y: 'year', m: 'month', d: 'day', a: 'year', j: 'day' };

/** `3y`, `18m`, `400d` (also `3a`/`400j`, the French letters): null when it is not one of them. */
export function parseKeep(text: string): Keep | null {
  const match = /^\s*(\d{1,5})\s*([ymdaj])\s*$/i.exec(text);
  if (!match) return null;
  const count = Number(match[1]);
  const unit = UNIT_LETTERS[match[2]!.toLowerCase()]!;
  return count >= 1 && count <= 36_500 ? { count, unit } : null;
}

export function keepText(keep: Keep): string {
  return `${keep.count}${keep.unit[0]}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** `day` (YYYY-MM-DD) plus the period. */
export function addKeep(day: string, keep: Keep): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const date = Number(day.slice(8, 10));
  if (keep.unit === 'day') return new Date(Date.UTC(year, month - 1, date + keep.count)).toISOString().slice(0, 10);
  const months = keep.unit === 'year' ? keep.count * 12 : keep.count;
  const index = year * 12 + (month - 1) + months;
  const toYear = Math.floor(index / 12);
  const toMonth = (index % 12) + 1;
  return `${pad(toYear, 4)}-${pad(toMonth)}-${pad(Math.min(date, daysInMonth(toYear, toMonth)))}`;
}

/** The day after `day`. */
export function nextDay(day: string): string {
  return addKeep(day, { count: 1, unit: 'day' });
}

/** YYYYMMDDHH of a UTC ISO text as a number, read digit by digit: a number keys a Map faster than a new string. */
function hourKey(instant: string): number {
  let key = 0;
  for (const index of HOUR_DIGITS) key = key * 10 + instant.charCodeAt(index) - 48;
  return key;
}
const HOUR_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12] as const;

/**
 * The day instants fall on in a time zone, fast enough for millions of them: the zone's offset is asked of
 * Intl once per UTC hour met (offsets change on the hour, or the half hour in a handful of zones — those
 * hours are asked per instant), then applied by arithmetic.
 */
export class ZoneDays {
  private readonly format: Intl.DateTimeFormat;
  private readonly offsets = new Map<string, number | null>();
  /** The local day of every instant in a UTC hour, for the hours that fall on one local day (all but a few). */
  private readonly hourDays = new Map<number, string | null>();

  constructor(readonly timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
  }

  /** The day (YYYY-MM-DD) in the zone of an instant stored as UTC ISO text, or of a bare day (kept as it is). */
  dayOf(instant: string): string {
    if (instant.length === 10) return instant;
    // Stored times are UTC ISO text (YYYY-MM-DDTHH:mm:ss.sssZ): the hour's day is looked up, not computed.
    if (instant.length === 24 && instant.charCodeAt(23) === 90 && instant.charCodeAt(10) === 84) {
      const hour = hourKey(instant);
      let day = this.hourDays.get(hour);
      if (day === undefined) {
        const prefix = instant.slice(0, 13);
        const first = this.exactDay(`${prefix}:00:00.000Z`);
        day = first === this.exactDay(`${prefix}:59:59.999Z`) ? first : null;
        this.hourDays.set(hour, day);
      }
      if (day !== null) return day;
    }
    return this.exactDay(instant);
  }

  private exactDay(instant: string): string {
    const time = Date.parse(instant);
    if (Number.isNaN(time)) return instant.slice(0, 10);
    const hour = new Date(time).toISOString().slice(0, 13);
    let offset = this.offsets.get(hour);
    if (offset === undefined) {
      const start = Date.parse(`${hour}:00:00Z`);
      const atStart = this.offsetAt(start);
      offset = atStart === this.offsetAt(start + 3_599_999) ? atStart : null;
      this.offsets.set(hour, offset);
    }
    return new Date(time + (offset ?? this.offsetAt(time))).toISOString().slice(0, 10);
  }

  private offsetAt(time: number): number {
    const parts = this.format.formatToParts(new Date(time));
    const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((entry) => entry.type === type)?.value);
    const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'));
    return wall - Math.floor(time / 60_000) * 60_000;
  }
}
