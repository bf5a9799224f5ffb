/**
 * Pure helpers of the partners screens: the refusal a preview reports worded as the lease error would be,
 * a lease's state chip and its nearing end, the excluded counts in the contract's order, the agreement
 * form's access window and delivery read from what was typed, and a default file for an extract.
 */
import {
  EXCLUSIONS,
  isLanguageCode,
  type Agreement,
  type AccessWindow,
  type Audience,
  type ContactChannel,
  type Exclusion,
  type ExtractFormat,
  type LeaseState,
  type Refusal,
} from '../../../../main/api/contract';
import type { ClientError } from '../../api/client';
import { joinPath } from '../../lib/file-paths';

/** The reason `partners.leaseRefused` carries for each refusal (main/partners/lease.ts), worded in `errors.CONFLICT_<reason>`. */
const REFUSAL_REASON: Readonly<Record<Refusal, string>> = {
  notYetValid: 'leaseNotYetValid',
  expired: 'leaseExpired',
  suspended: 'leaseSuspended',
  revoked: 'leaseRevoked',
  outsideWindow: 'leaseOutsideWindow',
  monthlyLimitReached: 'leaseMonthlyLimit',
  assessmentMissing: 'leaseAssessmentMissing',
};

/** A preview's refusal as the error an extract would fail with now, so both read the same sentence. */
export function refusalError(refusal: Refusal, agreementId: number): ClientError {
  return {
    code: 'CONFLICT',
    message: `Agreement ${String(agreementId)} refuses this extract: ${refusal}.`,
    params: { reason: REFUSAL_REASON[refusal], refusal, agreementId },
  };
}

export type ChipTone = 'ok' | 'off' | 'warning' | 'danger';

/** Active is good, not yet valid is waiting, expired and suspended stop extracts, revoked is final. */
export function leaseTone(state: LeaseState): ChipTone {
  switch (state) {
    case 'active':
      return 'ok';
    case 'notYetValid':
      return 'off';
    case 'expired':
    case 'suspended':
      return 'warning';
    case 'revoked':
      return 'danger';
  }
}

/** An active lease whose end is within its notice days: the steward should renew it or let the partner know. */
export function endsSoon(agreement: Pick<Agreement, 'state' | 'daysLeft' | 'noticeDays'>): boolean {
  return agreement.state === 'active' && agreement.daysLeft >= 0 && agreement.daysLeft <= agreement.noticeDays;
}

/** Every exclusion in the contract's order, zeros left out, so the chart and its table read alike. */
export function exclusionEntries(excluded: Partial<Record<Exclusion, number>>): { readonly reason: Exclusion; readonly count: number }[] {
  return EXCLUSIONS.map((reason) => ({ reason, count: excluded[reason] ?? 0 })).filter((entry) => entry.count > 0);
}

export function exclusionTotal(excluded: Partial<Record<Exclusion, number>>): number {
  return EXCLUSIONS.reduce((sum, reason) => sum + (excluded[reason] ?? 0), 0);
}

/** The access window typed in the form; null when none is asked for (no day ticked and no hours), or 'invalid'. */
export function readWindow(days: readonly number[], from: string, to: string): AccessWindow | null | 'invalid' {
  if (days.length === 0 && from === '' && to === '') return null;
  const time = /^([01]\d|2[0-3]):[0-5]\d$/;
  const end = /^([01]\d|2[0-4]):[0-5]\d$/;
  if (days.length === 0 || !time.test(from) || !end.test(to) || to <= from) return 'invalid';
  return { days: [...new Set(days)].sort((a, b) => a - b), from, to };
}

/** A window as the CLI writes it (`Mon-Fri 08:00-18:00`), days given by the caller's short names. */
export function windowText(window: AccessWindow, dayName: (day: number) => string): string {
  const days = [...window.days].sort((a, b) => a - b);
  const runs: string[] = [];
  let start = days[0];
  let previous = start;
  for (const day of [...days.slice(1), Number.NaN]) {
    if (start === undefined || previous === undefined) break;
    if (day === previous + 1) {
      previous = day;
      continue;
    }
    runs.push(
      start === previous ? dayName(start) : previous === start + 1 ? `${dayName(start)}, ${dayName(previous)}` : `${dayName(start)}–${dayName(previous)}`,
    );
    start = day;
    previous = day;
  }
  return `${runs.join(', ')} ${window.from}–${window.to}`;
}

/** A whole number typed in a field, or null when it is empty or not one. */
export function wholeNumber(text: string): number | null {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : null;
}

/** A list of two-letter country codes typed with commas or spaces (`CA, FR`), upper case, no repeats; null if one is not a code. */
export function countryCodes(text: string): string[] | null {
  const codes = text
    .split(/[\s,;]+/)
    .map((code) => code.trim().toUpperCase())
    .filter((code) => code !== '');
  if (codes.some((code) => !/^[A-Z]{2}$/.test(code))) return null;
  return [...new Set(codes)];
}

/** Two-letter language codes typed with commas or spaces (`uk, VI`), lower case, no repeats; null if one is not an ISO 639-1 code. */
export function languageCodes(text: string): string[] | null {
  const codes = text
    .split(/[\s,;]+/)
    .map((code) => code.trim().toLowerCase())
    .filter((code) => code !== '');
  if (codes.some((code) => !isLanguageCode(code))) return null;
  return [...new Set(codes)];
}

/** Where a produced extract goes when the steward saves it to a file: the export folder, named after the agreement and the day. */
export function defaultExtractFile(exportDir: string, agreementId: number, format: ExtractFormat, today: Date = new Date()): string {
  const day = `${String(today.getFullYear())}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  return joinPath(exportDir, `extract-agreement-${String(agreementId)}-${day}.${format}`);
}

/** The error a run failed with names a file that already exists: the steward may replace it. */
export function existingFile(error: ClientError | null): string | null {
  return error?.code === 'CONFLICT' && error.params?.reason === 'fileExists' ? String(error.params.path ?? '') : null;
}

export const CONSENT_STATES = ['granted', 'withdrawn', 'expired', 'objected', 'none'] as const;
export type ConsentStateFilter = (typeof CONSENT_STATES)[number];

/** The audience filters as the form holds them: text as typed, lists as ticked. */
export interface AudienceDraft {
  readonly countries: string;
  /** Languages ticked among those offered. */
  readonly languages: readonly string[];
  /** Other languages, as typed (codes). */
  readonly otherLanguages: string;
  readonly sourceIds: readonly number[];
  readonly activeFrom: string;
  readonly activeTo: string;
  readonly purpose: string;
  readonly states: readonly ConsentStateFilter[];
  /** The channel the partner will use, or '' for none named. */
  readonly channel: ContactChannel | '';
  /** Only people still kept for the lease's purposes on this day, or '' for no such filter. */
  readonly keptOn: string;
}

export const EMPTY_AUDIENCE: AudienceDraft = {
  countries: '',
  languages: [],
  otherLanguages: '',
  sourceIds: [],
  activeFrom: '',
  activeTo: '',
  purpose: '',
  states: [],
  channel: '',
  keptOn: '',
};

/** The audience the filters ask for (only the filters set), or why it cannot be sent yet. */
export function audienceOf(draft: AudienceDraft): { readonly audience: Audience } | { readonly invalid: 'countries' | 'languages' | 'dates' | 'consent' } {
  const countries = countryCodes(draft.countries);
  if (countries === null) return { invalid: 'countries' };
  const others = languageCodes(draft.otherLanguages);
  if (others === null) return { invalid: 'languages' };
  const languages = [...new Set([...draft.languages, ...others])];
  if (draft.activeFrom !== '' && draft.activeTo !== '' && draft.activeTo < draft.activeFrom) return { invalid: 'dates' };
  if ((draft.purpose === '') !== (draft.states.length === 0)) return { invalid: 'consent' };
  return {
    audience: {
      ...(countries.length > 0 ? { countries } : {}),
      ...(languages.length > 0 ? { languages } : {}),
      ...(draft.sourceIds.length > 0 ? { sourceIds: [...draft.sourceIds] } : {}),
      ...(draft.activeFrom !== '' ? { activeFrom: draft.activeFrom } : {}),
      ...(draft.activeTo !== '' ? { activeTo: draft.activeTo } : {}),
      ...(draft.purpose !== '' ? { consent: { purpose: draft.purpose, states: CONSENT_STATES.filter((state) => draft.states.includes(state)) } } : {}),
      ...(draft.channel !== '' ? { channel: draft.channel } : {}),
      ...(draft.keptOn !== '' ? { keptOn: draft.keptOn } : {}),
    },
  };
}
