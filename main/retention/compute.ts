/**
 * A person's maintain-until dates, from their inputs alone (docs/retention.md, "How a date is found"):
 *
 * - The purposes that apply are those the person's sources declare (or a release of their record named),
 *   and those the consent ledger holds a state for.
 * - A purpose is **live** while it may still be used: on a basis other than consent, unless the person
 *   objected; on consent alone, while the consent is granted. A consent-only purpose the person never
 *   consented to does not apply.
 * - A live purpose is kept until the latest date its rules give (anchor day in the vault's zone + period),
 *   or, without rules, its catalog default counted from the last activity; a rule whose anchor has not
 *   happened (no contract end yet) keeps it open. A grant with an end date ends the use on that day.
 * - A purpose no longer live ended the day its consent was withdrawn, expired or objected to, or later if a
 *   rule counted from the withdrawal keeps proof of it.
 * - A legal obligation's rule is a floor either way.
 * - Overall: the latest date of any purpose; open (null) while one is open. The rule of the purpose that
 *   gives that date says what happens then (`anonymize` or `review`); a date no rule gave is for review.
 */
import type { Anchor, RetentionAction } from './contract';
import { addKeep, type Keep, type ZoneDays } from './period';

export interface ComputeRule {
  readonly id: number;
  readonly purposeId: number;
  readonly keep: Keep;
  readonly anchor: Anchor;
  readonly action: RetentionAction;
  readonly obligation: boolean;
}

export interface ComputePurpose {
  readonly id: number;
  readonly retentionDays: number | null;
  readonly rules: readonly ComputeRule[];
}

export type ConsentStateName = 'granted' | 'withdrawn' | 'expired' | 'objected';

export interface ConsentInput {
  readonly state: ConsentStateName;
  readonly since: string | null;
  readonly lapsesAt: string | null;
}

/** What the dates are found from, for one profile. Instants are UTC ISO text as stored. */
export interface ProfileInputs {
  readonly profileId: number;
  readonly anchors: Readonly<Partial<Record<Exclude<Anchor, 'consent_withdrawn'>, string | null>>>;
  /** Purpose id → whether the person's sources (or releases) declare it on a basis other than consent. */
  readonly declared: ReadonlyMap<number, boolean>;
  readonly consent: ReadonlyMap<number, ConsentInput>;
}

export interface PurposeDate {
  readonly purposeId: number;
  /** The last day the purpose allows keeping the person; null: no end yet. */
  readonly until: string | null;
  readonly ruleId: number | null;
  readonly live: boolean;
}

export interface ProfileDates {
  readonly until: string | null;
  readonly purposeId: number | null;
  readonly ruleId: number | null;
  readonly action: RetentionAction | null;
  readonly purposes: readonly PurposeDate[];
}

/** A day, or null for "open", with the rule that gave it. */
interface Candidate {
  readonly day: string | null;
  readonly ruleId: number | null;
}

/** The later of two candidates; open wins over any day. */
function later(a: Candidate | null, b: Candidate | null): Candidate | null {
  if (a === null) return b;
  if (b === null) return a;
  if (a.day === null) return a;
  if (b.day === null) return b;
  return b.day > a.day ? b : a;
}

function previousDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** A rule's end day from each anchor day met: a few thousand days recur across a million people. */
const ends = new WeakMap<ComputeRule, Map<string, string>>();

function endFrom(rule: ComputeRule, day: string): string {
  let memo = ends.get(rule);
  if (memo === undefined) ends.set(rule, (memo = new Map()));
  let end = memo.get(day);
  if (end === undefined) memo.set(day, (end = addKeep(day, rule.keep)));
  return end;
}

function ruleDate(rule: ComputeRule, inputs: ProfileInputs, consent: ConsentInput | undefined, zone: ZoneDays): Candidate {
  const instant =
    rule.anchor === 'consent_withdrawn'
      ? consent !== undefined && (consent.state === 'withdrawn' || consent.state === 'objected')
        ? consent.since
        : null
      : (inputs.anchors[rule.anchor] ?? null);
  return { day: instant === null ? null : endFrom(rule, zone.dayOf(instant)), ruleId: rule.id };
}

function purposeDate(purpose: ComputePurpose, inputs: ProfileInputs, zone: ZoneDays): PurposeDate | null {
  const consent = inputs.consent.get(purpose.id);
  const otherBasis = inputs.declared.get(purpose.id) === true;
  if (!otherBasis && consent === undefined) return null;
  const live = consent?.state === 'objected' ? false : otherBasis || consent?.state === 'granted';
  let result: Candidate | null;
  if (live) {
    result = null;
    for (const rule of purpose.rules) if (rule.anchor !== 'consent_withdrawn') result = later(result, ruleDate(rule, inputs, consent, zone));
    if (result === null) {
      const activity = inputs.anchors.last_activity ?? null;
      result = {
        day: purpose.retentionDays !== null && activity !== null ? addKeep(zone.dayOf(activity), { count: purpose.retentionDays, unit: 'day' }) : null,
        ruleId: null,
      };
    }
    // A grant with an end date: used through the day before it lapses, unless another basis carries the purpose.
    if (!otherBasis && consent?.lapsesAt != null) {
      const lastDay = previousDay(zone.dayOf(consent.lapsesAt));
      if (result.day === null || lastDay < result.day) result = { day: lastDay, ruleId: null };
    }
  } else {
    const ended = consent?.since != null ? zone.dayOf(consent.since) : null;
    result = { day: ended, ruleId: null };
    for (const rule of purpose.rules) if (rule.anchor === 'consent_withdrawn') result = later(result, ruleDate(rule, inputs, consent, zone));
    // An end no event dates (a withdrawal without a time) leaves only the rules to decide; the last activity otherwise.
    if (result?.day === null && result.ruleId === null)
      result = { day: inputs.anchors.last_activity ? zone.dayOf(inputs.anchors.last_activity) : null, ruleId: null };
  }
  for (const rule of purpose.rules) if (rule.obligation) result = later(result, ruleDate(rule, inputs, consent, zone));
  return { purposeId: purpose.id, until: result?.day ?? null, ruleId: result?.ruleId ?? null, live };
}

export function computeDates(inputs: ProfileInputs, purposes: readonly ComputePurpose[], zone: ZoneDays): ProfileDates {
  const dates: PurposeDate[] = [];
  for (const purpose of purposes) {
    const date = purposeDate(purpose, inputs, zone);
    if (date !== null) dates.push(date);
  }
  let binding: PurposeDate | null = null;
  // The latest date wins; an open purpose (null) is later than any date.
  for (const date of dates) if (binding === null || (binding.until !== null && (date.until === null || date.until > binding.until))) binding = date;
  if (binding === null) return { until: null, purposeId: null, ruleId: null, action: null, purposes: dates };
  const rule =
    binding.ruleId === null ? null : purposes.find((purpose) => purpose.id === binding.purposeId)?.rules.find((entry) => entry.id === binding.ruleId);
  return {
    until: binding.until,
    purposeId: binding.purposeId,
    ruleId: binding.ruleId,
    action: binding.until === null ? null : (rule?.action ?? 'review'),
    purposes: dates,
  };
}

/** `purposeId:until|open:ruleId:l|e` joined by `;`, as `retention_profile.purposes` keeps them. */
export function encodePurposes(dates: readonly PurposeDate[]): string {
  return dates.map((date) => `${date.purposeId}:${date.until ?? 'open'}:${date.ruleId ?? ''}:${date.live ? 'l' : 'e'}`).join(';');
}

export function decodePurposes(text: string): PurposeDate[] {
  if (text === '') return [];
  return text.split(';').map((entry) => {
    const [purposeId, until, ruleId, live] = entry.split(':') as [string, string, string, string];
    return { purposeId: Number(purposeId), until: until === 'open' ? null : until, ruleId: ruleId === '' ? null : Number(ruleId), live: live === 'l' };
  });
}
