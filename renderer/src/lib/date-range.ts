/**
 * Date filters are whole days (typed in components/date-field.tsx, held as YYYY-MM-DD); the backend
 * compares ISO instants, so a day becomes its first and last millisecond (in UTC, like the stored
 * timestamps).
 */
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function dayStart(day: string): string | undefined {
  return DAY.test(day) ? `${day}T00:00:00.000Z` : undefined;
}

export function dayEnd(day: string): string | undefined {
  return DAY.test(day) ? `${day}T23:59:59.999Z` : undefined;
}

/** Today as YYYY-MM-DD in the local calendar, for default file names. */
export function localDay(date: Date = new Date()): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
