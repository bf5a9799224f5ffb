/**
 * A calendar day typed as text in the region's order. Not <input type="date">: the browser draws that
 * in its own locale whatever the interface says (an American `mm/dd/yyyy` in a French window), and its
 * numeric order cannot be labelled. Here the order is spelled out beside the field, and the year-first
 * form is understood in every region, being ambiguous nowhere.
 */
import type { Region } from '../../../main/api/contract';

export type DayOrder = 'ymd' | 'mdy' | 'dmy' | 'dmyDots';

const ORDERS: Readonly<Record<Region, DayOrder>> = { CA: 'ymd', US: 'mdy', FR: 'dmy', PL: 'dmyDots', other: 'ymd' };

export function dayOrder(region: Region): DayOrder {
  return ORDERS[region];
}

const YEAR_FIRST = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const YEAR_LAST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

function isoDay(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** The day as `YYYY-MM-DD`, or null when the text is not a real day in that order. */
export function parseDay(text: string, order: DayOrder): string | null {
  const trimmed = text.trim();
  const yearFirst = YEAR_FIRST.exec(trimmed);
  if (yearFirst) return isoDay(Number(yearFirst[1]), Number(yearFirst[2]), Number(yearFirst[3]));
  const yearLast = order === 'ymd' ? null : YEAR_LAST.exec(trimmed);
  if (!yearLast) return null;
  const [first, second, year] = [Number(yearLast[1]), Number(yearLast[2]), Number(yearLast[3])];
  return order === 'mdy' ? isoDay(year, first, second) : isoDay(year, second, first);
}

/** A `YYYY-MM-DD` day written back in the region's order, for the field to show. */
export function dayText(iso: string, order: DayOrder): string {
  const match = YEAR_FIRST.exec(iso);
  if (!match) return '';
  const [, year, month, day] = match as unknown as [string, string, string, string];
  if (order === 'mdy') return `${month}/${day}/${year}`;
  if (order === 'dmy') return `${day}/${month}/${year}`;
  if (order === 'dmyDots') return `${day}.${month}.${year}`;
  return iso;
}
