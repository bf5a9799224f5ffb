/** A person's grant, withdrawal or objection recorded by hand, with how the steward learned it and the evidence. */
import { AppError } from '../core/errors';
import { sql, type SqlRunner } from '../store/sql';
import { assertBasisAllowed, requireRule } from './catalog';
import type { RECORDED_KINDS, RecordingMethod } from './contract';
import { activeProfileOf, anchorRecord } from './person';

export interface HandRecorded {
  readonly profileId: number;
  readonly purpose: string;
  readonly kind: (typeof RECORDED_KINDS)[number];
  readonly method: RecordingMethod;
  readonly evidence?: string | undefined;
  readonly at?: string | undefined;
  readonly expiresAt?: string | undefined;
}

/** A time as the ledger keeps it (ISO 8601, UTC), or INVALID_INPUT naming the field. */
function isoTime(value: string, field: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new AppError('INVALID_INPUT', `${field}: ${value} is not a date and time.`, { reason: 'badTime', field, value });
  return new Date(time).toISOString();
}

export function recordConsent(db: SqlRunner, input: HandRecorded, userId: number, now: Date): { profileId: number; eventId: number } {
  const purpose = requireRule(db, input.purpose);
  // Granting or withdrawing consent presumes consent can be the purpose's basis; objecting (GDPR Art. 21) does not.
  if (input.kind !== 'objection') assertBasisAllowed(purpose, 'consent');
  const profileId = activeProfileOf(db, input.profileId);
  const recordedAt = now.toISOString();
  const at = input.at === undefined ? recordedAt : isoTime(input.at, 'at');
  if (Date.parse(at) > now.getTime())
    throw new AppError('INVALID_INPUT', `${at} is in the future: a consent event is recorded once it happened.`, { reason: 'futureTime', at });
  let expiresAt: string | null = null;
  if (input.expiresAt !== undefined) {
    if (input.kind !== 'grant') throw new AppError('INVALID_INPUT', 'Only a grant has an end date.', { reason: 'expiryOnlyForGrant' });
    expiresAt = isoTime(input.expiresAt, 'expiresAt');
    if (expiresAt <= at) throw new AppError('INVALID_INPUT', 'A grant ends after it was given.', { reason: 'expiryBeforeGrant' });
  }
  const recordId = anchorRecord(db, profileId);
  const eventId = Number(
    db.run(sql`
      INSERT INTO consent_event (source_record_id, purpose_id, kind, at, recorded_at, recorded_by, method, notice_version, evidence, expires_at)
      VALUES (${recordId}, ${purpose.id}, ${input.kind}, ${at}, ${recordedAt}, ${userId}, ${input.method}, ${purpose.noticeVersion}, ${input.evidence ?? null}, ${expiresAt})`)
      .lastInsertRowid,
  );
  return { profileId, eventId };
}
