/**
 * The period an access package covers: whole history, or from/to as calendar days, both inclusive, in the
 * vault's time zone (what the requester and the steward read), turned into UTC bounds (what the vault stores).
 */
import { AppError } from '../../core/errors';
import { wallTimeToUtc } from '../../ingest/index';

export interface PackageRange {
  /** First day included, `YYYY-MM-DD`; null: from the beginning. */
  readonly from: string | null;
  /** Last day included, `YYYY-MM-DD`; null: up to now. */
  readonly to: string | null;
}

export interface RangeBounds {
  /** The instant the first day begins, ISO UTC; null when unbounded. */
  readonly fromUtc: string | null;
  /** The instant the day after the last day begins (exclusive), ISO UTC; null when unbounded. */
  readonly toUtcExclusive: string | null;
  readonly timeZone: string;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayParts(text: string, which: 'from' | 'to'): { year: number; month: number; day: number } {
  const match = DAY.exec(text);
  const parts = match === null ? null : { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  // A day that Date rolls over (2026-02-30) is not a day.
  const check = parts === null ? null : new Date(Date.UTC(parts.year, parts.month - 1, parts.day));
  if (parts === null || check === null || check.getUTCMonth() !== parts.month - 1 || check.getUTCDate() !== parts.day)
    throw new AppError('INVALID_INPUT', `The ${which} date ${text} is not a day (YYYY-MM-DD).`, { reason: 'rangeNotADay', which, value: text });
  return parts;
}

function startOfDay(parts: { year: number; month: number; day: number }, timeZone: string): number {
  return wallTimeToUtc({ ...parts, hour: 0, minute: 0, second: 0, millisecond: 0 }, timeZone);
}

function nextDay(parts: { year: number; month: number; day: number }): { year: number; month: number; day: number } {
  const next = new Date(Date.UTC(parts.year, parts.month - 1, parts.day + 1));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

/** Refuses a range that ends before it starts, or that starts after today in the vault's zone. */
export function rangeBounds(range: PackageRange, timeZone: string, now: Date): RangeBounds {
  const from = range.from === null ? null : dayParts(range.from, 'from');
  const to = range.to === null ? null : dayParts(range.to, 'to');
  if (range.from !== null && range.to !== null && range.from > range.to)
    throw new AppError('INVALID_INPUT', `The range starts (${range.from}) after it ends (${range.to}).`, {
      reason: 'rangeReversed',
      from: range.from,
      to: range.to,
    });
  const fromUtc = from === null ? null : startOfDay(from, timeZone);
  if (fromUtc !== null && fromUtc > now.getTime())
    throw new AppError('INVALID_INPUT', `The range starts in the future (${range.from}).`, { reason: 'rangeInFuture', from: range.from ?? '' });
  return {
    fromUtc: fromUtc === null ? null : new Date(fromUtc).toISOString(),
    toUtcExclusive: to === null ? null : new Date(startOfDay(nextDay(to), timeZone)).toISOString(),
    timeZone,
  };
}

/** Whether a stored UTC time falls in the bounds; an undated item belongs to the whole history only. */
export function inBounds(at: string | null, bounds: RangeBounds): boolean {
  if (bounds.fromUtc === null && bounds.toUtcExclusive === null) return true;
  if (at === null) return false;
  const instant = Date.parse(at);
  if (bounds.fromUtc !== null && instant < Date.parse(bounds.fromUtc)) return false;
  return bounds.toUtcExclusive === null || instant < Date.parse(bounds.toUtcExclusive);
}
