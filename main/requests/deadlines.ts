/**
 * When a request must be answered, by the law of its jurisdiction (docs/requests.md). Pure: calendar days
 * as `YYYY-MM-DD` strings, counted in the vault's time zone by the caller (`today`).
 *
 * - Quebec: the Act respecting the protection of personal information in the private sector (CQLR c.
 *   P-39.1), s. 32: an answer "not later than 30 days after the date of receipt of the request". The
 *   private-sector Act provides no extension (s. 47's ten more days are the public bodies' Access Act).
 * - EU: GDPR Art. 12(3): "within one month of receipt of the request. That period may be extended by two
 *   further months where necessary, taking into account the complexity and number of the requests", the
 *   person being told within the first month. A month is counted by Regulation (EEC, Euratom) No 1182/71,
 *   Art. 3(2)(c): it ends on the same date of the next month, or on that month's last day when it has no
 *   such date (received 31 January, due 28 February, or 29 in a leap year; EDPB Guidelines 01/2022 on the
 *   right of access, para. 157). The extension gives three months from receipt in all.
 * - California: CCPA, Cal. Civ. Code § 1798.130(a)(2)(A) and 11 CCR § 7021(b): 45 calendar days from
 *   receipt, extendable once by 45 more "when reasonably necessary", with notice within the first 45 days.
 *   A request to opt out of sale or sharing is complied with within 15 business days, with no extension
 *   (11 CCR § 7026(f)); business days here are Monday to Friday (public holidays are not known offline).
 * - Other: 30 days, no extension: the shortest of the above, a prudent default.
 */

export const REQUEST_TYPES = ['access', 'portability', 'rectification', 'erasure', 'objection', 'restriction', 'opt_out_sale'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];
export const JURISDICTIONS = ['quebec', 'eu', 'california', 'other'] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];

export type Period = { readonly unit: 'days' | 'months' | 'businessDays'; readonly count: number };

export interface DeadlineRule {
  /** The first period, from the day the request was received. */
  readonly period: Period;
  /** The longest total period from receipt once extended, or null when the law allows no extension. */
  readonly extended: Period | null;
  /** The legal source, as quoted in docs/requests.md. */
  readonly source: string;
  /** The key of the rule's words in the interface (`requests.legalSources.*`). */
  readonly key: 'quebec' | 'eu' | 'california' | 'california_opt_out' | 'other';
}

export function deadlineRule(jurisdiction: Jurisdiction, type: RequestType): DeadlineRule {
  switch (jurisdiction) {
    case 'quebec':
      return { period: { unit: 'days', count: 30 }, extended: null, source: 'CQLR c. P-39.1, s. 32', key: 'quebec' };
    case 'eu':
      return { period: { unit: 'months', count: 1 }, extended: { unit: 'months', count: 3 }, source: 'GDPR Art. 12(3)', key: 'eu' };
    case 'california':
      return type === 'opt_out_sale'
        ? { period: { unit: 'businessDays', count: 15 }, extended: null, source: '11 CCR § 7026(f)', key: 'california_opt_out' }
        : { period: { unit: 'days', count: 45 }, extended: { unit: 'days', count: 90 }, source: 'Cal. Civ. Code § 1798.130(a)(2)(A)', key: 'california' };
    case 'other':
      return { period: { unit: 'days', count: 30 }, extended: null, source: 'none: 30 days, the shortest of the laws above', key: 'other' };
  }
}

const DAY_MS = 86_400_000;

/** Whether `value` is a real calendar day written `YYYY-MM-DD`. */
export function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

function toUtc(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

function fromUtc(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return fromUtc(toUtc(day) + days * DAY_MS);
}

/** The same date `months` later, or the last day of that month when it has no such date (Reg. 1182/71 Art. 3(2)(c)). */
export function addMonths(day: string, months: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return fromUtc(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(date, lastDay)));
}

/** Monday to Friday after `day`; the day of receipt does not count. */
export function addBusinessDays(day: string, days: number): string {
  let time = toUtc(day);
  let left = days;
  while (left > 0) {
    time += DAY_MS;
    const weekday = new Date(time).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return fromUtc(time);
}

export function addPeriod(day: string, period: Period): string {
  switch (period.unit) {
    case 'days':
      return addDays(day, period.count);
    case 'months':
      return addMonths(day, period.count);
    case 'businessDays':
      return addBusinessDays(day, period.count);
  }
}

/** Calendar days from `from` to `to` (negative when `to` is before). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

export function dueOn(jurisdiction: Jurisdiction, type: RequestType, receivedOn: string): string {
  return addPeriod(receivedOn, deadlineRule(jurisdiction, type).period);
}

/** The latest date an extension may give, or null when the law allows none. */
export function extendedDueOn(jurisdiction: Jurisdiction, type: RequestType, receivedOn: string): string | null {
  const extended = deadlineRule(jurisdiction, type).extended;
  return extended === null ? null : addPeriod(receivedOn, extended);
}

/** The calendar day an instant falls on in a time zone (IANA name). */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

export function dayIn(instant: Date, timeZone: string): string {
  // A formatter is costly to make: one per zone, kept (stats read thousands of closing times).
  let format = dayFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(instant);
  const part = (type: string) => parts.find((entry) => entry.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The middle value (the mean of the two middle ones for an even count), or null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
