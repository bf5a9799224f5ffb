/**
 * Everything in the vault that is about one person, found before anything is touched: the preview counts it,
 * the commit removes exactly it (the token binds the two). A person is a profile and the profiles merged into
 * it; their records; the records the intake gate holds for them; rejected rows and staged files that carry
 * one of their identifiers; the requests that name them.
 *
 * A household shares a mailbox or a phone: a held record is the person's only when its name is theirs too,
 * and another person's record is never in scope however much it shares.
 */
import { AppError } from '../core/errors';
import { currentProfileId } from '../profiles/index';
import { sql, type SqlRunner } from '../store/sql';
import { foldName } from '../suppression/index';

export interface PersonIdentifier {
  readonly kind: 'email' | 'phone';
  readonly value: string;
  readonly raw: string;
}

export interface ErasureScope {
  readonly profileId: number;
  /** Profiles merged into the person's over time: their names go too. */
  readonly absorbedProfileIds: readonly number[];
  /** The person's records that go. */
  readonly recordIds: readonly number[];
  /** The person's records a legal_obligation hold on their source keeps, by hold. */
  readonly kept: readonly { readonly holdId: number; readonly sourceId: number; readonly until: string | null; readonly recordIds: readonly number[] }[];
  /** Records held by the intake gate (no profile) that are the person's: same name and a shared email or phone. */
  readonly heldRecordIds: readonly number[];
  readonly identifiers: readonly PersonIdentifier[];
  /** Folded full names the person's records carry. */
  readonly names: readonly string[];
  /** The full names as the records and the profile wrote them: what the verification scan looks for. */
  readonly nameTexts: readonly string[];
  readonly requestIds: readonly number[];
  /** Other records (other people) sharing one of the person's emails or phones. */
  readonly sharedRecords: number;
  readonly sharedProfiles: number;
}

interface RecordNames {
  readonly id: number;
  readonly given_name: string | null;
  readonly family_name: string | null;
  readonly full_name: string | null;
}

const ids = (values: readonly number[]) => sql`(SELECT value FROM json_each(${JSON.stringify(values)}))`;

/** The active profile an id leads to (a merged id redirects); NOT_FOUND for an unknown or erased one. */
export function activeProfile(db: SqlRunner, id: number): number {
  const current = currentProfileId(db, id);
  const row = db.get<{ status: string }>(sql`SELECT status FROM profile WHERE id = ${current}`);
  if (row === undefined) throw new AppError('NOT_FOUND', `There is no profile ${id}.`, { reason: 'unknownProfile', profileId: id });
  if (row.status === 'erased') {
    const certificate = db.get<{ id: number }>(sql`SELECT id FROM erasure WHERE profile_id = ${current}`)?.id ?? null;
    throw new AppError('CONFLICT', `Profile ${id} was erased already.`, {
      reason: 'alreadyErased',
      profileId: current,
      ...(certificate === null ? {} : { certificateId: certificate }),
    });
  }
  return current;
}

function absorbedInto(db: SqlRunner, profileId: number): number[] {
  return db
    .all<{ id: number }>(
      sql`
      WITH RECURSIVE absorbed (id) AS (
        SELECT id FROM profile WHERE merged_into = ${profileId} AND status = 'merged'
        UNION SELECT p.id FROM profile p JOIN absorbed a ON p.merged_into = a.id WHERE p.status = 'merged'
      ) SELECT id FROM absorbed ORDER BY id`,
    )
    .map((row) => row.id);
}

/** A record's name as suppression folds it: the same name in any order, case or accents is one. */
export function nameOf(row: Omit<RecordNames, 'id'>): string {
  return foldName({ givenName: row.given_name, familyName: row.family_name, fullName: row.full_name });
}

export function erasureScope(db: SqlRunner, requestedId: number, requestId: number | null, today: string): ErasureScope {
  const profileId = activeProfile(db, requestedId);
  const absorbedProfileIds = absorbedInto(db, profileId);
  const members = db.all<{ id: number; source_id: number }>(
    sql`SELECT m.source_record_id AS id, r.source_id FROM profile_member m JOIN source_record r ON r.id = m.source_record_id WHERE m.profile_id = ${profileId} ORDER BY m.source_record_id`,
  );
  const obligations = db.all<{ id: number; source_id: number; until: string | null }>(sql`
    SELECT id, source_id, until FROM legal_hold
    WHERE kind = 'legal_obligation' AND released_at IS NULL AND (until IS NULL OR until >= ${today}) ORDER BY id`);
  const keptBy = new Map<number, { holdId: number; until: string | null }>();
  for (const hold of obligations) if (!keptBy.has(hold.source_id)) keptBy.set(hold.source_id, { holdId: hold.id, until: hold.until });
  const kept = new Map<number, { holdId: number; sourceId: number; until: string | null; recordIds: number[] }>();
  const recordIds: number[] = [];
  for (const member of members) {
    const hold = keptBy.get(member.source_id);
    if (hold === undefined) {
      recordIds.push(member.id);
      continue;
    }
    const entry = kept.get(hold.holdId) ?? { holdId: hold.holdId, sourceId: member.source_id, until: hold.until, recordIds: [] };
    entry.recordIds.push(member.id);
    kept.set(hold.holdId, entry);
  }
  const allMembers = members.map((member) => member.id);
  const identifiers = db.all<PersonIdentifier>(
    sql`SELECT DISTINCT kind, value, raw FROM identifier WHERE source_record_id IN ${ids(allMembers)} ORDER BY kind, value, raw`,
  );
  const nameRows = db.all<RecordNames>(sql`SELECT id, given_name, family_name, full_name FROM source_record WHERE id IN ${ids(allMembers)}`);
  const names = [...new Set(nameRows.map(nameOf).filter((name) => name !== ''))];
  const displayName = db.get<{ display_name: string }>(sql`SELECT display_name FROM profile WHERE id = ${profileId}`)?.display_name ?? '';
  const nameTexts = [
    ...new Set(
      [displayName, ...nameRows.flatMap((row) => [row.full_name ?? '', [row.given_name, row.family_name].filter(Boolean).join(' ')])]
        .map((text) => text.trim())
        .filter((text) => text.includes(' ')),
    ),
  ].sort();
  const sharing = db.all<RecordNames & { profile_id: number | null; held: number }>(sql`
    SELECT DISTINCT r.id, r.given_name, r.family_name, r.full_name, m.profile_id, h.source_record_id IS NOT NULL AS held
    FROM identifier mine
    JOIN identifier other ON other.kind = mine.kind AND other.value = mine.value AND other.source_record_id NOT IN ${ids(allMembers)}
    JOIN source_record r ON r.id = other.source_record_id
    LEFT JOIN profile_member m ON m.source_record_id = r.id
    LEFT JOIN record_hold h ON h.source_record_id = r.id
    WHERE mine.source_record_id IN ${ids(allMembers)}`);
  const nameSet = new Set(names);
  const heldRecordIds = sharing
    .filter((row) => row.held === 1 && row.profile_id === null && nameSet.has(nameOf(row)))
    .map((row) => row.id)
    .sort((a, b) => a - b);
  const others = sharing.filter((row) => !heldRecordIds.includes(row.id));
  const requestIds = db
    .all<{ id: number }>(sql`SELECT DISTINCT request_id AS id FROM request_profile WHERE profile_id IN ${ids([profileId, ...absorbedProfileIds])}`)
    .map((row) => row.id);
  if (requestId !== null && !requestIds.includes(requestId)) requestIds.push(requestId);
  return {
    profileId,
    absorbedProfileIds,
    recordIds,
    kept: [...kept.values()],
    heldRecordIds,
    identifiers,
    names,
    nameTexts,
    requestIds: requestIds.sort((a, b) => a - b),
    sharedRecords: others.length,
    sharedProfiles: new Set(others.flatMap((row) => (row.profile_id === null ? [] : [row.profile_id]))).size,
  };
}
