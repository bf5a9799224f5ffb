/**
 * Pure helpers of the erasure screens: the counts in their fixed order, the sentence an erasure error
 * deserves, erasures per month for the chart, and the typed confirmation.
 */
import { REMOVED_KINDS, type CertificateSummary, type Removed, type RequestSummary } from '../../../../main/api/contract';
import type { ClientError } from '../../api/client';

export type RemovedKind = (typeof REMOVED_KINDS)[number];

/** Every kind in the contract's order, so that a preview and its certificate read alike, zeros included. */
export function removedEntries(removed: Removed): { readonly kind: RemovedKind; readonly count: number }[] {
  return REMOVED_KINDS.map((kind) => ({ kind, count: removed[kind] }));
}

export function removedTotal(removed: Removed): number {
  return REMOVED_KINDS.reduce((sum, kind) => sum + removed[kind], 0);
}

/** The reasons the erasure methods refine their errors with, each worded in `erasure.errors.*`. */
export const ERASURE_ERROR_REASONS = [
  'planChanged',
  'legalHold',
  'alreadyErased',
  'holdReleased',
  'profileNotMatched',
  'requestNotVerified',
  'requestClosed',
  'notErasureRequest',
  'unknownCertificate',
  'unknownHold',
  'unknownSource',
  'unknownProfile',
  'unknownRequest',
] as const;
export type ErasureErrorReason = (typeof ERASURE_ERROR_REASONS)[number];

/** The erasure-specific reason of an error, or null: the general sentence of its code then stands. */
export function erasureErrorReason(error: ClientError | null): ErasureErrorReason | null {
  const reason = error?.params?.reason;
  return typeof reason === 'string' && (ERASURE_ERROR_REASONS as readonly string[]).includes(reason) ? (reason as ErasureErrorReason) : null;
}

/** The preview's token no longer matches what the erasure would cover: only a new preview helps. */
export function isPlanChanged(error: ClientError | null): boolean {
  return error?.code === 'CONFLICT' && erasureErrorReason(error) === 'planChanged';
}

/** Certificates per calendar month (UTC, as stored), oldest first, months without any filled in with zero. */
export function erasuresPerMonth(certificates: readonly Pick<CertificateSummary, 'erasedAt'>[]): { readonly month: string; readonly count: number }[] {
  const counts = new Map<string, number>();
  for (const certificate of certificates) {
    const month = certificate.erasedAt.slice(0, 7);
    counts.set(month, (counts.get(month) ?? 0) + 1);
  }
  const months = [...counts.keys()].sort();
  const first = months[0];
  const last = months.at(-1);
  if (first === undefined || last === undefined) return [];
  const out: { month: string; count: number }[] = [];
  let [year, month] = first.split('-').map(Number) as [number, number];
  for (;;) {
    const key = `${String(year)}-${String(month).padStart(2, '0')}`;
    out.push({ month: key, count: counts.get(key) ?? 0 });
    if (key >= last) break;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return out;
}

/**
 * The steward types the person's number before an irreversible erasure: a deliberate act, not a click
 * made out of habit. Spaces around it and a leading "#" are forgiven.
 */
export function confirmationMatches(typed: string, profileId: number): boolean {
  return typed.trim().replace(/^#/, '') === String(profileId);
}

/** Why a bulk erasure left a request out, each worded in `erasure.bulk.skipReasons.*`; any other code is shown as it is. */
export const BULK_SKIP_REASONS = [
  'noActiveProfile',
  'legalHold',
  'requestNotVerified',
  'requestClosed',
  'notErasureRequest',
  'profileNotMatched',
  'alreadyErased',
  'planChanged',
] as const;
export type BulkSkipReason = (typeof BULK_SKIP_REASONS)[number];

export function bulkSkipReason(reason: string): BulkSkipReason | null {
  return (BULK_SKIP_REASONS as readonly string[]).includes(reason) ? (reason as BulkSkipReason) : null;
}

/** The requests a bulk erasure may take: erasure requests verified and not closed, the nearest deadline first. */
export function waitingErasureRequests<R extends Pick<RequestSummary, 'id' | 'type' | 'status' | 'deadline'>>(requests: readonly R[]): R[] {
  return requests
    .filter((request) => request.type === 'erasure' && request.status === 'verified')
    .sort((a, b) => a.deadline.localeCompare(b.deadline) || a.id - b.id);
}

/** The select-all box: checked when every waiting request is selected, mixed when only some are. */
export function selectAllState(ids: readonly number[], selected: ReadonlySet<number>): 'all' | 'some' | 'none' {
  const count = ids.filter((id) => selected.has(id)).length;
  if (count === 0) return 'none';
  return count === ids.length ? 'all' : 'some';
}
