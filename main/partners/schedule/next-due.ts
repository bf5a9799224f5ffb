/**
 * When a schedule is next due: daily, or weekly on a weekday, at a wall-clock time in the vault's time zone.
 * Stored as an instant, so a change to or from daylight saving time keeps the wall-clock time, not the gap.
 */
import { dayInZone } from '../lease';

export interface Recurrence {
  readonly every: 'daily' | 'weekly';
  /** 1 = Monday … 7 = Sunday; weekly only. */
  readonly weekday: number | null;
  /** `HH:MM`, vault time zone. */
  readonly atTime: string;
}

const DAY_MS = 86_400_000;

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function weekdayOf(day: string): number {
  return ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

/** The zone's offset from UTC at an instant, in milliseconds (east positive). */
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string): number => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a wall-clock time of a day has in a zone. A time that occurs twice (clocks set back) is its
 * first occurrence; a time that does not occur (clocks set forward) is read with the offset before the
 * change, which lands as far past the gap as it was into it (02:30 becomes 03:30).
 */
export function zonedInstant(day: string, time: string, timeZone: string): Date {
  const wall = Date.parse(`${day}T${time}:00Z`);
  // A day has at most one change of offset: the offsets a day before and a day after frame it.
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const matches = [wall - before, wall - after].filter((instant) => offsetAt(instant, timeZone) === wall - instant);
  return new Date(matches.length > 0 ? Math.min(...matches) : wall - before);
}

/** The first time the schedule comes round strictly after `after`. */
export function nextDue(recurrence: Recurrence, after: Date, timeZone: string): Date {
  const today = dayInZone(after, timeZone);
  // Starting from yesterday covers a zone whose day began before `after`'s UTC day; eight more reach any weekday.
  for (let offset = -1; offset <= 8; offset += 1) {
    const day = addDays(today, offset);
    if (recurrence.every === 'weekly' && weekdayOf(day) !== recurrence.weekday) continue;
    const instant = zonedInstant(day, recurrence.atTime, timeZone);
    if (instant.getTime() > after.getTime()) return instant;
  }
  throw new Error(`No occurrence of ${recurrence.every} ${recurrence.weekday ?? ''} ${recurrence.atTime} within a week.`);
}
