/**
 * When a schedule is next due: daily, or weekly on a weekday, at a wall-clock time in the vault's time zone.
 * Stored as an instant, so a change to or from daylight saving time keeps the wall-clock time, not the gap.
 */
import { wallTimeToUtc } from '../../ingest/index';
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

/**
 * The instant a wall-clock time of a day has in a zone, as ingest reads a till's local times: a time that
 * occurs twice (clocks set back) is its first occurrence; one that does not occur (clocks set forward) lands
 * as far past the gap as it was into it (02:30 becomes 03:30).
 */
export function zonedInstant(day: string, time: string, timeZone: string): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return new Date(wallTimeToUtc({ year, month, day: date, hour, minute, second: 0, millisecond: 0 }, timeZone));
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
