/** A person's communication entries: read from all their records, and recorded by hand on one of them. */
import { activeProfileOf, anchorRecord, requirePurpose } from '../consent/index';
import { AppError } from '../core/errors';
import { sql, type SqlRunner } from '../store/sql';
import { CONTACT_CHANNELS, type ContactChannel, type ContactEntry, type ContactKind, type ContactTarget } from './contract';

/** Every entry of a profile's records, oldest first. */
export function profileEntries(db: SqlRunner, profileId: number): ContactEntry[] {
  return db.all<ContactEntry>(sql`
    SELECT c.id, c.channel, p.code AS purpose, c.kind, c.at, c.recorded_at AS recordedAt, c.method, c.evidence, s.name AS source,
      u.name AS recordedBy, c.source_record_id AS recordId
    FROM profile_member m
    JOIN contact_preference c ON c.source_record_id = m.source_record_id
    LEFT JOIN purpose p ON p.id = c.purpose_id
    LEFT JOIN source s ON s.id = c.source_id
    LEFT JOIN app_user u ON u.id = c.recorded_by
    WHERE m.profile_id = ${profileId}
    ORDER BY c.at, c.id`);
}

export interface HandRecordedContact {
  readonly profileId: number;
  readonly channel: ContactTarget;
  readonly purpose?: string | undefined;
  readonly kind: ContactKind;
  readonly method: string;
  readonly evidence?: string | undefined;
  readonly at?: string | undefined;
}

/** A time as the ledger keeps it (ISO 8601, UTC), never in the future, or INVALID_INPUT naming the reason. */
function whenSaid(value: string | undefined, now: Date): string {
  if (value === undefined) return now.toISOString();
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new AppError('INVALID_INPUT', `at: ${value} is not a date and time.`, { reason: 'badTime', field: 'at', value });
  if (time > now.getTime())
    throw new AppError('INVALID_INPUT', `${value} is in the future: a choice is recorded once the person made it.`, { reason: 'futureContactTime', at: value });
  return new Date(time).toISOString();
}

/**
 * Appends the person's choice, one entry per channel (`all`: every channel), on the person's oldest record as
 * a steward's consent event is: a split leaves it with the person that record belongs to.
 */
export function recordContact(db: SqlRunner, input: HandRecordedContact, userId: number, now: Date): { profileId: number; entryIds: number[] } {
  const purposeId = input.purpose === undefined ? null : requirePurpose(db, input.purpose).id;
  const profileId = activeProfileOf(db, input.profileId);
  const at = whenSaid(input.at, now);
  const recordId = anchorRecord(db, profileId);
  const channels: readonly ContactChannel[] = input.channel === 'all' ? CONTACT_CHANNELS : [input.channel];
  const entryIds = channels.map((channel) =>
    Number(
      db.run(sql`
        INSERT INTO contact_preference (source_record_id, channel, purpose_id, kind, at, recorded_at, method, evidence, recorded_by)
        VALUES (${recordId}, ${channel}, ${purposeId}, ${input.kind}, ${at}, ${now.toISOString()}, ${input.method}, ${input.evidence ?? null}, ${userId})`)
        .lastInsertRowid,
    ),
  );
  return { profileId, entryIds };
}
