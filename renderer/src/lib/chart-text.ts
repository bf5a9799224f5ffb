/** Small text helpers for the charts' axes: a month said in the user's language, a long name shortened. */
import { formatLocale } from './format';

/** `2026-03` as "Mar 2026" / "mars 2026". */
export function formatMonth(month: string, language: string, style: 'short' | 'long' = 'short'): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return month;
  return new Intl.DateTimeFormat(formatLocale(language), { month: style, year: 'numeric', timeZone: 'UTC' }).format(date);
}

/**
 * An axis label cut to fit, with an ellipsis: SVG text does not wrap. The full value is in the tooltip and
 * in the chart's table.
 */
export function clipLabel(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}
