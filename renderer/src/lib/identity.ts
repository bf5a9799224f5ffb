/**
 * Identity resolution for people to read: the evidence between two records as sentences, the same
 * evidence as the steps of a waterfall from the prior odds to the score, and which fields of two records
 * differ. Pure, so that each is tested without drawing a screen.
 */
import type { TFunction } from 'i18next';
import type { Evidence, PairRecord } from '../../../main/api/contract';
import { formatNumber } from './format';
import { formatPhone } from './phone';

/** Evidence in bits, always signed: "+6.1", "−2.3" (a true minus sign), "0". */
export function signedWeight(weight: number, language: string): string {
  const text = formatNumber(weight, language, { maximumFractionDigits: 1, minimumFractionDigits: 1, signDisplay: 'exceptZero' });
  return text.replace('-', '−');
}

export function percent(probability: number, language: string): string {
  // A probability near 0 or 1 rounds to 0 % or 100 %, which claims a certainty the model does not have.
  const digits = probability > 0.99 || probability < 0.01 ? 2 : 0;
  return formatNumber(probability, language, { style: 'percent', maximumFractionDigits: digits });
}

/** The values a comparison looked at, as the records hold them (null when the records hold none). */
function comparedValue(record: PairRecord, comparison: string): string | null {
  switch (comparison) {
    case 'given':
      return record.givenName;
    case 'family':
      return record.familyName;
    case 'birthDate':
      return record.birthDate;
    case 'street':
      return record.street;
    case 'city':
      return record.city;
    case 'postalCode':
      return record.postalCode;
    case 'email':
      return record.emails.length > 0 ? record.emails.join(', ') : null;
    case 'phone':
      return record.phones.length > 0 ? record.phones.map(formatPhone).join(', ') : null;
    default:
      return null;
  }
}

export interface EvidenceLine {
  readonly comparison: string;
  readonly level: string | null;
  readonly weight: number;
  readonly text: string;
}

/** One sentence per comparison, strongest evidence first, missing fields last ("Missing on one side: no evidence"). */
export function evidenceLines(t: TFunction, evidence: Evidence, a: PairRecord | null, b: PairRecord | null, language: string): EvidenceLine[] {
  const lines = evidence.contributions.map((contribution): EvidenceLine => {
    const field = t(`identity.comparisons.${contribution.comparison}`, { defaultValue: contribution.comparison });
    const weight = signedWeight(contribution.weight, language);
    if (contribution.level === null) return { ...contribution, text: t('identity.evidence.missing', { field }) };
    const sentence = t(`identity.levels.${contribution.comparison}.${contribution.level}`, {
      defaultValue: t('identity.evidence.unknown', { field, level: contribution.level }),
    });
    const left = a === null ? null : comparedValue(a, contribution.comparison);
    const right = b === null ? null : comparedValue(b, contribution.comparison);
    if (left === null || right === null) return { ...contribution, text: t('identity.evidence.line', { sentence, weight }) };
    const values = left === right ? left : `${left} / ${right}`;
    return { ...contribution, text: t('identity.evidence.lineValues', { sentence, values, weight }) };
  });
  const present = lines.filter((line) => line.level !== null).sort((x, y) => Math.abs(y.weight) - Math.abs(x.weight));
  return [...present, ...lines.filter((line) => line.level === null)];
}

export type StepKind = 'prior' | 'for' | 'against' | 'score';

export interface WaterfallStep {
  /** The comparison's name, or `prior` / `score`. */
  readonly key: string;
  readonly kind: StepKind;
  /** Where the running total stood before this step and after it (log2-odds). */
  readonly from: number;
  readonly to: number;
  readonly weight: number;
  /** [low, high]: the floating bar recharts draws. */
  readonly range: readonly [number, number];
}

/**
 * From the prior to the score, one step per comparison that said something (missing fields add nothing
 * and are left out), in the model's order so that the same field sits at the same place in every pair.
 */
export function waterfallSteps(evidence: Evidence): WaterfallStep[] {
  const bar = (from: number, to: number): readonly [number, number] => [Math.min(from, to), Math.max(from, to)];
  const steps: WaterfallStep[] = [{ key: 'prior', kind: 'prior', from: 0, to: evidence.prior, weight: evidence.prior, range: bar(0, evidence.prior) }];
  let total = evidence.prior;
  for (const contribution of evidence.contributions) {
    if (contribution.level === null || contribution.weight === 0) continue;
    const next = total + contribution.weight;
    steps.push({ key: contribution.comparison, kind: contribution.weight > 0 ? 'for' : 'against', from: total, to: next, weight: contribution.weight, range: bar(total, next) });
    total = next;
  }
  // The model's score, not the sum: they agree to rounding, and the score is what the thresholds read.
  steps.push({ key: 'score', kind: 'score', from: 0, to: evidence.logOdds, weight: evidence.logOdds, range: bar(0, evidence.logOdds) });
  return steps;
}

export type Agreement = 'same' | 'differs' | 'partly' | 'missing' | 'empty';

/** Case, accents, spaces and punctuation aside: "Côté" and "cote", "H2X 1Y4" and "h2x1y4" agree. */
export function comparable(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}@]+/gu, '');
}

export function agreement(left: readonly string[], right: readonly string[]): Agreement {
  const a = new Set(left.map(comparable).filter((value) => value !== ''));
  const b = new Set(right.map(comparable).filter((value) => value !== ''));
  if (a.size === 0 && b.size === 0) return 'empty';
  if (a.size === 0 || b.size === 0) return 'missing';
  const shared = [...a].filter((value) => b.has(value)).length;
  if (shared === a.size && shared === b.size) return 'same';
  return shared > 0 ? 'partly' : 'differs';
}

export const COMPARED_FIELDS = ['source', 'externalId', 'name', 'birthDate', 'address', 'emails', 'phones'] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

export function recordName(record: PairRecord): string {
  return record.fullName ?? [record.givenName, record.familyName].filter(Boolean).join(' ');
}

/** The values one row of the side-by-side comparison shows (several for emails and phones). */
export function fieldValues(record: PairRecord, field: ComparedField): string[] {
  const one = (value: string | null): string[] => (value === null || value.trim() === '' ? [] : [value]);
  switch (field) {
    case 'source':
      return [record.source];
    case 'externalId':
      return [record.externalId];
    case 'name':
      return one(recordName(record));
    case 'birthDate':
      return one(record.birthDate);
    case 'address':
      return one([record.street, [record.postalCode, record.city].filter(Boolean).join(' ')].filter(Boolean).join(', '));
    case 'emails':
      return record.emails;
    case 'phones':
      return record.phones;
  }
}

export interface ComparedRow {
  readonly field: ComparedField;
  readonly a: readonly string[];
  readonly b: readonly string[];
  readonly agreement: Agreement;
}

/**
 * The two records field by field, and whether each field agrees. The source and the customer number say
 * where each record comes from, not who the person is: they are shown but never flagged as differing.
 */
export function compareRecords(a: PairRecord, b: PairRecord): ComparedRow[] {
  return COMPARED_FIELDS.map((field) => {
    const left = fieldValues(a, field);
    const right = fieldValues(b, field);
    const identifying = field !== 'source' && field !== 'externalId';
    return { field, a: left, b: right, agreement: identifying ? agreement(left, right) : 'same' };
  });
}

/** A record as a steward names it: "CRM · C12 · Jean Tremblay". */
export function recordLabel(t: TFunction, record: PairRecord): string {
  return t('identity.conflicts.record', { source: record.source, externalId: record.externalId, name: recordName(record) || '—' });
}
