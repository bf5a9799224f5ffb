/**
 * Pure helpers of the Retention screens: a rule's period in words, the keep text the contract takes,
 * the due chart's rows (one per month, one column per purpose), and why a sweep left someone out.
 */
import type { TFunction } from 'i18next';
import type { DueList, RetentionRule } from '../../../../main/api/contract';
import { bulkSkipReason } from '../erasure/erasure-text';

export type KeepUnit = RetentionRule['keepUnit'];
export const KEEP_UNITS: readonly KeepUnit[] = ['year', 'month', 'day'];

/** "3 years from last purchase": the period and the moment it counts from. */
export function keepWords(t: TFunction, rule: Pick<RetentionRule, 'keepCount' | 'keepUnit' | 'anchor'>): string {
  return t('retention.screen.keepWords', {
    period: t(`retention.units.${rule.keepUnit}`, { count: rule.keepCount }),
    from: t(`retention.fromAnchor.${rule.anchor}`),
  });
}

/** The period as the contract takes it (`3y`), or null while the count is not a whole number it accepts. */
export function keepText(count: string, unit: KeepUnit): string | null {
  const trimmed = count.trim();
  if (!/^\d{1,5}$/.test(trimmed) || Number(trimmed) < 1) return null;
  return `${String(Number(trimmed))}${unit.charAt(0)}`;
}

/** The key a purpose has in the chart's rows: people whose date no purpose gives share one. */
export function purposeKey(purpose: string | null): string {
  return purpose ?? '';
}

export interface DueChart {
  /** Purposes in first-seen order of their codes, sorted; '' for no purpose. */
  readonly purposes: readonly string[];
  readonly rows: readonly ({ readonly month: string; readonly total: number } & Readonly<Record<string, number | string>>)[];
}

/** One row per month (oldest first) with a count per purpose and the month's total; months without anyone are not invented. */
export function dueChart(groups: DueList['byPurposeMonth']): DueChart {
  const purposes = [...new Set(groups.map((group) => purposeKey(group.purpose)))].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
  const months = [...new Set(groups.map((group) => group.month))].sort();
  const rows = months.map((month) => {
    const row: Record<string, number | string> = { month, total: 0 };
    for (const purpose of purposes) row[`p:${purpose}`] = 0;
    for (const group of groups.filter((entry) => entry.month === month)) {
      const key = `p:${purposeKey(group.purpose)}`;
      row[key] = Number(row[key]) + group.count;
      row.total = Number(row.total) + group.count;
    }
    return row as { month: string; total: number } & Record<string, number | string>;
  });
  return { purposes, rows };
}

const SWEEP_REFUSALS = ['planChanged', 'sweepNotApproved', 'sweepNotYet', 'failed'] as const;

/** Why a person was left out of a sweep, or why a sweep was refused: in words when the reason is known, as sent otherwise. */
export function reasonWords(t: TFunction, reason: string): string {
  const bulk = bulkSkipReason(reason);
  if (bulk !== null) return t(`erasure.bulk.skipReasons.${bulk}`);
  if ((SWEEP_REFUSALS as readonly string[]).includes(reason)) return t(`retention.sweeps.refusals.${reason}`);
  return reason;
}

/** Event types typed as a list: commas or new lines between them, blanks and repeats dropped. */
export function parseEventTypes(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,\n]/)
        .map((entry) => entry.trim())
        .filter((entry) => entry !== ''),
    ),
  ];
}

/** A `datetime-local` value as the instant the contract takes, or null while it is not a time to come. */
export function runAtInstant(local: string, now: Date): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(local)) return null;
  const at = new Date(local);
  if (Number.isNaN(at.getTime()) || at.getTime() <= now.getTime()) return null;
  return at.toISOString();
}

/** Today in the computer's own zone, as `YYYY-MM-DD`: the due list's first day. */
export function localDay(now: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${String(now.getFullYear())}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
