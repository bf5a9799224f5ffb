/**
 * Inside a list of orders, visits or consents, keys are named by whoever wrote the shop or the booking
 * system (`placed_at`, `created`, `grand_total`, `cur`), often in no vocabulary; their values say what they
 * are. Only the keys the names left unmapped are judged here, on the element's first level and one level
 * deeper (`payment.value`): further down is rarely the event's own data.
 */
import { parseAmount } from '../normalize/amount';
import { parseDate, type DateFormat } from '../normalize/date';
import type { TargetField } from './fields';
import { splitListPath } from './fields';
import { EVENT_VALUE_HINTS } from './vocabulary';

// Numbers alone (`20240305`, `45357`) are as often ids or amounts as dates: only written dates count.
const TEXT_FORMATS: readonly DateFormat[] = ['iso', 'YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY', 'DD-MM-YYYY'];
const DATE_SHAPE = /^(?:\d{4}-\d{2}-\d{2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{4})/;
// A local date-time has no zone, so the import rejects it with a reason; it is still the date column.
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?$/;
const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));
const ID_TEXT = /^#?[\p{L}\p{N}][\p{L}\p{N}_\-/.:#]{0,63}$/u;

export function looksLikeDate(value: unknown, now: Date): boolean {
  if (typeof value !== 'string' || !DATE_SHAPE.test(value.trim())) return false;
  return LOCAL_DATE_TIME.test(value.trim()) || TEXT_FORMATS.some((format) => parseDate(value, format, { kind: 'event', now }).ok);
}

/** `42.50`, `18,00 €`, 42.5: an amount with cents. Whole numbers are as likely quantities or ids. */
function hasCents(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value) && !Number.isInteger(value);
  return typeof value === 'string' && /\d[.,]\d{1,2}(?!\d)/.test(value) && parseAmount(value).ok;
}

const isAmount = (value: unknown) =>
  (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && /\d/.test(value) && parseAmount(value).ok);

/** `CAD`, `EUR`: an ISO 4217 code as written by shops, upper case (`can` or `Fra` are more likely other things). */
const isCurrency = (value: unknown) => typeof value === 'string' && /^[A-Z]{3}$/.test(value) && CURRENCIES.has(value);

/** Distinct values shaped like references: `o-1`, `WS-10023`, 1001 (a digit, no spaces, not a small count). */
function looksLikeIds(samples: readonly unknown[]): boolean {
  if (samples.length < 2 || new Set(samples.map((value) => JSON.stringify(value))).size !== samples.length) return false;
  return samples.every((value) => {
    if (typeof value === 'number') return Number.isInteger(value) && value >= 100;
    if (typeof value !== 'string' || !ID_TEXT.test(value) || !/\d/.test(value)) return false;
    return !/^\d+$/.test(value) || value.length >= 3;
  });
}

const all = (samples: readonly unknown[], test: (value: unknown) => boolean) => samples.length > 0 && samples.every(test);

/** The field a list element's values say, or null. */
export function fieldFromValues(samples: readonly unknown[], context: 'events' | 'consents', now: Date): TargetField | null {
  if (all(samples, (value) => looksLikeDate(value, now))) return context === 'events' ? 'event.at' : 'consent.at';
  if (context === 'consents') return null;
  if (all(samples, isCurrency)) return 'event.currency';
  if (all(samples, isAmount) && samples.filter(hasCents).length * 2 >= samples.length) return 'event.amount';
  if (looksLikeIds(samples)) return 'event.id';
  return null;
}

export interface ValueCandidate {
  readonly column: string;
  /** The key's own words (`placed_at` → placed, at). */
  readonly tokens: readonly string[];
  readonly context: 'events' | 'consents';
  readonly samples: readonly unknown[];
}

/** `orders[].payment.value` → 2: how deep inside the element. */
const depthOf = (column: string) => (splitListPath(column)?.inner ?? column).split('.').length;

/**
 * Fields for list columns the names left unmapped, from their values: at most one column per field, and
 * none for a field a name already took (`taken`). On the same level, a key that says it (`placed_at`,
 * `grand_total`) wins over the first one; a key saying something else (`updated_at`, `subtotal`) is never taken.
 */
export function guessFromValues(candidates: readonly ValueCandidate[], taken: ReadonlySet<TargetField>, now: Date): Map<string, TargetField> {
  const byField = new Map<TargetField, { readonly column: string; readonly rank: number }>();
  candidates.forEach((candidate, order) => {
    const depth = depthOf(candidate.column);
    if (depth > 2) return;
    const field = fieldFromValues(candidate.samples, candidate.context, now);
    if (field === null || taken.has(field)) return;
    const hints = candidate.context === 'events' && (field === 'event.at' || field === 'event.amount') ? EVENT_VALUE_HINTS[field] : null;
    if (hints?.avoid.some((word) => candidate.tokens.includes(word))) return;
    const preferred = hints?.prefer.some((word) => candidate.tokens.includes(word)) ?? false;
    const rank = depth * 100_000 + (preferred ? 0 : 50_000) + order;
    const best = byField.get(field);
    if (best === undefined || rank < best.rank) byField.set(field, { column: candidate.column, rank });
  });
  return new Map([...byField].map(([field, { column }]) => [column, field]));
}

/**
 * A list whose name says nothing (`activity`, `history_items`) is taken for events when its elements hold
 * a written date and an amount or a currency: an address list has dates too, never amounts.
 */
export function looksLikeEventList(elements: readonly Readonly<Record<string, unknown>>[], now: Date): boolean {
  const keys = [...new Set(elements.flatMap((element) => Object.keys(element)))];
  const valuesOf = (key: string) => elements.map((element) => element[key]).filter((value) => value !== undefined && value !== null && value !== '');
  const hasDate = keys.some((key) => all(valuesOf(key), (value) => looksLikeDate(value, now)));
  const hasMoney = keys.some((key) => {
    const values = valuesOf(key);
    return all(values, isCurrency) || (all(values, isAmount) && values.some(hasCents));
  });
  return hasDate && hasMoney;
}
