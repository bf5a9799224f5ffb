/**
 * A wall-clock time in a named zone → the UTC instant, with Intl alone (no time zone library: the
 * renderer reads this file too). Intl only converts the other way (instant → wall clock), so the offset
 * is looked up at candidate instants and checked.
 */

export interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    // h23: some engines write midnight as 24 with hour12: false.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

const QUARTER_HOUR_MS = 900_000;
const OFFSET_CACHE_LIMIT = 50_000;
const offsets = new Map<string, number>();

/**
 * The zone's offset from UTC at an instant, in ms (Paris in summer: +2 h). Zones change offset only on
 * a quarter hour of UTC, so one lookup serves a whole quarter hour: a till's thousands of rows of one day
 * cost a few formatToParts calls instead of four each.
 */
function offsetAt(instant: number, timeZone: string): number {
  const key = `${timeZone}\u0000${Math.floor(instant / QUARTER_HOUR_MS)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    if (offsets.size >= OFFSET_CACHE_LIMIT) offsets.clear();
    offset = lookUpOffset(Math.floor(instant / QUARTER_HOUR_MS) * QUARTER_HOUR_MS, timeZone);
    offsets.set(key, offset);
  }
  return offset;
}

function lookUpOffset(instant: number, timeZone: string): number {
  const fields: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) fields[part.type] = part.value;
  const asUtc = Date.UTC(Number(fields.year), Number(fields.month) - 1, Number(fields.day), Number(fields.hour), Number(fields.minute), Number(fields.second));
  const wholeSecond = instant - (((instant % 1000) + 1000) % 1000);
  return asUtc - wholeSecond;
}

const DAY_MS = 86_400_000;

/**
 * The instant a clock in `timeZone` showed `wall`. Around a DST change a wall time can occur twice (the
 * autumn hour) or never (the spring hour); both follow the usual "compatible" rule (Temporal, most
 * databases): the earlier of two, and for a skipped time the offset from before the change, which lands
 * as many minutes after it (02:30 on a spring-forward night reads as 03:30). A till that logged such a
 * time did so around the change, and a row an hour off is better than a row lost.
 */
export function wallTimeToUtc(wall: WallTime, timeZone: string): number {
  const local = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond);
  // Zones change offset at most once in two days: the offsets a day either side are the only candidates.
  const before = offsetAt(local - DAY_MS, timeZone);
  const after = offsetAt(local + DAY_MS, timeZone);
  const candidates = [...new Set([local - before, local - after])].filter((instant) => local - instant === offsetAt(instant, timeZone));
  if (candidates.length > 0) return Math.min(...candidates);
  return local - before;
}
