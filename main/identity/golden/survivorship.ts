/**
 * The survivorship rules, pure functions: given every value a person's records hold for one field, which
 * one the golden record keeps. A blank value is no candidate at all, so a rule never prefers "nothing" to
 * a value. Each rule only orders the candidates; what it leaves equal goes to the most recent record, then
 * to the newest record id, so the same data always gives the same choice.
 */
import type { FieldRule, GoldenFieldName, Survivorship } from './contract';

export interface Candidate {
  readonly value: string;
  readonly recordId: number;
  readonly sourceId: number;
  readonly source: string;
  /** When the record last changed (ISO 8601, so text order is time order). */
  readonly at: string;
  readonly verified: boolean;
}

export interface Choice {
  /** Null when no candidate holds a value. */
  readonly chosen: Candidate | null;
  /** Distinct values other than the chosen one. */
  readonly alternatives: number;
}

/** What counts as "the same value" for counting and for alternatives: case, accents and spacing aside. */
export function sameValueKey(value: string): string {
  return value.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

const newerFirst = (a: Candidate, b: Candidate): number => (a.at === b.at ? b.recordId - a.recordId : a.at < b.at ? 1 : -1);

type Order = (a: Candidate, b: Candidate) => number;

function ruleOrder(rule: FieldRule, candidates: readonly Candidate[]): Order {
  switch (rule.rule) {
    case 'mostRecent':
      return () => 0;
    case 'longest': {
      const length = (candidate: Candidate): number => [...candidate.value.trim()].length;
      return (a, b) => length(b) - length(a);
    }
    case 'verifiedFirst':
      return (a, b) => Number(b.verified) - Number(a.verified);
    case 'sourcePriority': {
      const rank = (candidate: Candidate): number => {
        const index = rule.sources.indexOf(candidate.sourceId);
        return index === -1 ? rule.sources.length : index;
      };
      return (a, b) => rank(a) - rank(b);
    }
    case 'mostFrequent': {
      const counts = new Map<string, number>();
      for (const candidate of candidates) counts.set(sameValueKey(candidate.value), (counts.get(sameValueKey(candidate.value)) ?? 0) + 1);
      const count = (candidate: Candidate): number => counts.get(sameValueKey(candidate.value)) ?? 0;
      return (a, b) => count(b) - count(a);
    }
  }
}

export function choose(candidates: readonly Candidate[], rule: FieldRule): Choice {
  const present = candidates.filter((candidate) => candidate.value.trim() !== '');
  if (present.length === 0) return { chosen: null, alternatives: 0 };
  const order = ruleOrder(rule, present);
  const chosen = [...present].sort((a, b) => order(a, b) || newerFirst(a, b))[0] as Candidate;
  const distinct = new Set(present.map((candidate) => sameValueKey(candidate.value)));
  return { chosen, alternatives: distinct.size - 1 };
}

/**
 * The defaults: a name is what most sources agree on (one typo does not win); a birth date, email or phone
 * is one the import could read cleanly, newest first; an address is where the person was seen last; a
 * language is the one they stated last (a preference changes, and the latest source says it).
 */
export const DEFAULT_SURVIVORSHIP: Readonly<Record<GoldenFieldName, FieldRule>> = {
  givenName: { rule: 'mostFrequent', sources: [] },
  familyName: { rule: 'mostFrequent', sources: [] },
  fullName: { rule: 'mostFrequent', sources: [] },
  birthDate: { rule: 'verifiedFirst', sources: [] },
  email: { rule: 'verifiedFirst', sources: [] },
  phone: { rule: 'verifiedFirst', sources: [] },
  street: { rule: 'mostRecent', sources: [] },
  postalCode: { rule: 'mostRecent', sources: [] },
  city: { rule: 'mostRecent', sources: [] },
  region: { rule: 'mostRecent', sources: [] },
  country: { rule: 'mostRecent', sources: [] },
  language: { rule: 'mostRecent', sources: [] },
};

export function defaultSurvivorship(): Survivorship {
  return Object.fromEntries(
    Object.entries(DEFAULT_SURVIVORSHIP).map(([field, rule]) => [field, { rule: rule.rule, sources: [...rule.sources] }]),
  ) as Survivorship;
}

export function sameRule(a: FieldRule, b: FieldRule): boolean {
  return (
    a.rule === b.rule && (a.rule !== 'sourcePriority' || (a.sources.length === b.sources.length && a.sources.every((id, index) => id === b.sources[index])))
  );
}

/**
 * The golden name, in the order an import names a record (ingest's displayName and sortKey): the full name,
 * else given and family name, else the email; so a person of one record keeps the name the import gave.
 */
export function goldenName(values: Readonly<Partial<Record<GoldenFieldName, string | null>>>): { display: string; sortText: string } | null {
  const given = values.givenName || null;
  const family = values.familyName || null;
  const full = values.fullName || null;
  const display = full ?? ([given, family].filter(Boolean).join(' ') || values.email || null);
  if (display === null) return null;
  return { display, sortText: [family, given, full].filter(Boolean).join(' ') || display };
}
