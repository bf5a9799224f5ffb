/**
 * Locale-aware formatting in the interface language and the chosen region (./region.ts): fr in Canada
 * writes `2026-12-07 14 h 30` and `1 234,56 $`, en in the United States `Dec 7, 2026, 2:30 PM`.
 *
 * Dates are never written in an ambiguous numeric order (is `12/07/2026` July or December?). Numbers only
 * in year-month-day order (`2026-12-07`, Canada's short date, the national standard); everywhere else the
 * month in letters (`7 déc. 2026`, `7 gru 2026`, `Dec 7, 2026`): the medium date style, which is that in
 * the regions offered and in nearly every locale the system may give for `other`. Times are the region's
 * own (`14 h 30` in Quebec French, `14:30` in France and Poland, `2:30 PM` in the United States).
 */
import { currentRegion, regionLocale } from './region';

export function formatLocale(language: string): string {
  return regionLocale(language);
}

function dateStyle(): 'short' | 'medium' {
  return currentRegion() === 'CA' ? 'short' : 'medium';
}

function moment(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Dense for tables: the date and the time with seconds, which audit work needs. */
export function formatDateTime(iso: string, language: string): string {
  const date = moment(iso);
  if (!date) return iso;
  return new Intl.DateTimeFormat(formatLocale(language), { dateStyle: dateStyle(), timeStyle: 'medium' }).format(date);
}

export function formatDate(iso: string, language: string): string {
  const date = moment(iso);
  if (!date) return iso;
  return new Intl.DateTimeFormat(formatLocale(language), { dateStyle: dateStyle() }).format(date);
}

/** The time of day alone, without seconds unless asked (a table that splits a moment in two lines). */
export function formatTime(iso: string, language: string, withSeconds = false): string {
  const date = moment(iso);
  if (!date) return iso;
  return new Intl.DateTimeFormat(formatLocale(language), { timeStyle: withSeconds ? 'medium' : 'short' }).format(date);
}

export function formatNumber(value: number, language: string, options: Intl.NumberFormatOptions = {}): string {
  return new Intl.NumberFormat(formatLocale(language), options).format(value);
}

export function formatBytes(bytes: number, language: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(formatLocale(language), {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}

/** Hashes and fingerprints are long; the start is enough to compare by eye, the full value is in a tooltip. */
export function shortHash(hash: string, length = 12): string {
  return hash.length > length ? `${hash.slice(0, length)}…` : hash;
}

/** Details are small objects of ids and counts: one line of JSON reads well in a dense table. */
export function compactJson(value: unknown): string {
  if (value && typeof value === 'object' && Object.keys(value).length === 0) return '';
  return JSON.stringify(value);
}

const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date or a date and time as the vault stores them: `2024-03-05` is a calendar day (shown as is, not
 * shifted by the time zone), anything longer a moment in time.
 */
export function formatWhen(value: string, language: string): string {
  if (DAY_ONLY.test(value)) {
    const [year, month, day] = value.split('-').map(Number) as [number, number, number];
    const date = new Date(Date.UTC(year, month - 1, day));
    if (Number.isNaN(date.getTime())) return value;
    return new Intl.DateTimeFormat(formatLocale(language), { dateStyle: dateStyle(), timeZone: 'UTC' }).format(date);
  }
  const date = moment(value);
  if (!date) return value;
  return new Intl.DateTimeFormat(formatLocale(language), { dateStyle: dateStyle(), timeStyle: 'short' }).format(date);
}

/** An amount in its currency when it has one (`1 234,50 $` in Quebec French, `CA$1,234.50` in American English). */
export function formatAmount(amount: number, currency: string | null, language: string): string {
  const locale = formatLocale(language);
  if (currency && /^[A-Z]{3}$/.test(currency)) {
    try {
      return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
    } catch {
      // an unknown code: the number with the code beside it
    }
  }
  const number = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount);
  return currency ? `${number} ${currency}` : number;
}

/** A value read from a file or a database, as one line of text for a preview table. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

/**
 * A rejected row as stored: the JSON of the row's values when it was read (shown as `column: value`
 * pairs), or the raw text of a line that could not be read at all (shown as is).
 */
export function rawRowText(raw: string): string {
  try {
    const value: unknown = JSON.parse(raw);
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      return Object.entries(value as Record<string, unknown>)
        .map(([key, item]) => `${key}: ${cellText(item)}`)
        .join(' · ');
    }
  } catch {
    // not JSON: a line as it was in the file
  }
  return raw;
}
