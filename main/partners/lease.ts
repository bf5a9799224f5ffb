/**
 * Whether a lease allows an extract now, and if not, why: its status (suspended, revoked), its dates (days
 * in the vault's time zone, both inclusive), its access window, its monthly limit, and the partner's transfer
 * assessment. Every extract, manual or scheduled, asks this at the moment it runs.
 */
import { AppError } from '../core/errors';
import { todayIn } from '../requests/index';
import { sql, type SqlRunner } from '../store/sql';
import type { AccessWindow, Agreement, AgreementStatus, ExtractField, LeaseState, Refusal, SftpTarget } from './contract';
import { getPartner } from './partners';
import { insideWindow } from './window';

/** What is stored for SFTP: the target and, apart from what the API ever shows, its credential. */
export type StoredSftp = SftpTarget & Partial<{ password: string; privateKey: string }>;

/** An agreement as the extract engine needs it: its terms, and the credential for delivery. */
export interface Lease {
  readonly id: number;
  readonly partnerId: number;
  readonly partnerName: string;
  readonly title: string;
  readonly purposes: readonly string[];
  readonly basis: Agreement['basis'];
  readonly fields: readonly ExtractField[];
  readonly validFrom: string;
  readonly validTo: string;
  readonly window: AccessWindow | null;
  readonly maxPerMonth: number | null;
  readonly status: AgreementStatus;
  readonly noticeDays: number;
  readonly legalRef: string | null;
  readonly document: string | null;
  readonly delivery: { kind: 'folder'; folder: string } | { kind: 'sftp'; sftp: StoredSftp };
}

/** The calendar day of an instant in the vault's zone, as requests count the law's days. */
export function dayInZone(instant: Date, timeZone: string): string {
  return todayIn(instant, timeZone);
}

export function leaseState(lease: Pick<Lease, 'status' | 'validFrom' | 'validTo'>, now: Date, timeZone: string): LeaseState {
  if (lease.status !== 'active') return lease.status;
  const today = dayInZone(now, timeZone);
  if (today < lease.validFrom) return 'notYetValid';
  if (today > lease.validTo) return 'expired';
  return 'active';
}

/** Days from today (vault zone) to a day: 0 on the day itself, negative once past. */
export function daysUntil(day: string, now: Date, timeZone: string): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${dayInZone(now, timeZone)}T00:00:00Z`)) / 86_400_000);
}

/** Extracts of the agreement made in the current calendar month of the vault's zone. */
export function extractsInMonth(db: SqlRunner, agreementId: number, now: Date, timeZone: string): number {
  const month = dayInZone(now, timeZone).slice(0, 7);
  // A month in any zone lies within UTC's month widened by a day on each side; the zone decides the rest.
  const from = new Date(Date.parse(`${month}-01T00:00:00Z`) - 86_400_000).toISOString();
  const rows = db.all<{ at: string }>(sql`SELECT at FROM extract WHERE agreement_id = ${agreementId} AND at >= ${from}`);
  return rows.filter((row) => dayInZone(new Date(row.at), timeZone).slice(0, 7) === month).length;
}

/** Null when the lease allows an extract now; otherwise the first reason it refuses. */
export function leaseRefusal(db: SqlRunner, lease: Lease, now: Date, timeZone: string): Refusal | null {
  const state = leaseState(lease, now, timeZone);
  if (state !== 'active') return state;
  if (lease.window !== null && !insideWindow(lease.window, now, timeZone)) return 'outsideWindow';
  if (lease.maxPerMonth !== null && extractsInMonth(db, lease.id, now, timeZone) >= lease.maxPerMonth) return 'monthlyLimitReached';
  const partner = getPartner(db, lease.partnerId);
  if (!partner.transferAssessed) return 'assessmentMissing';
  return null;
}

const REASON_OF: Record<Refusal, string> = {
  notYetValid: 'leaseNotYetValid',
  expired: 'leaseExpired',
  suspended: 'leaseSuspended',
  revoked: 'leaseRevoked',
  outsideWindow: 'leaseOutsideWindow',
  monthlyLimitReached: 'leaseMonthlyLimit',
  assessmentMissing: 'leaseAssessmentMissing',
};

export function leaseRefusedError(lease: Lease, refusal: Refusal): AppError {
  return new AppError('CONFLICT', `Agreement ${lease.id} refuses this extract: ${refusal}.`, { reason: REASON_OF[refusal], refusal, agreementId: lease.id });
}

/** Throws `CONFLICT` with the refusal when the lease does not allow an extract now. */
export function assertLeaseAllows(db: SqlRunner, lease: Lease, now: Date, timeZone: string): void {
  const refusal = leaseRefusal(db, lease, now, timeZone);
  if (refusal !== null) throw leaseRefusedError(lease, refusal);
}
