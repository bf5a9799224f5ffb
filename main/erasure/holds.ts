/**
 * Legal holds: a hold on a profile (litigation, audit, a legal obligation that names the person) stops its
 * erasure and suspends its retention until released or past its date; a legal-obligation hold on a source
 * (invoices kept for tax law) keeps that source's records of an erased person until its date. A hold is
 * released, never deleted: the register shows what stood when.
 */
import { AppError } from '../core/errors';
import { sql, type SqlRunner } from '../store/sql';
import type { HoldKind, LegalHold } from './contract';
import { activeProfile } from './scope';

interface HoldRow {
  id: number;
  kind: HoldKind;
  profile_id: number | null;
  source_id: number | null;
  source_name: string | null;
  reason: string;
  reference: string | null;
  until: string | null;
  created_by: string;
  created_at: string;
  released_by: string | null;
  released_at: string | null;
}

const SELECT = sql`
  SELECT h.id, h.kind, h.profile_id, h.source_id, s.name AS source_name, h.reason, h.reference, h.until,
    cu.name AS created_by, h.created_at, ru.name AS released_by, h.released_at
  FROM legal_hold h LEFT JOIN source s ON s.id = h.source_id
  JOIN app_user cu ON cu.id = h.created_by LEFT JOIN app_user ru ON ru.id = h.released_by`;

function toHold(row: HoldRow, personal: boolean): LegalHold {
  return {
    id: row.id,
    kind: row.kind,
    profileId: row.profile_id,
    sourceId: row.source_id,
    sourceName: row.source_name,
    // A hold on a profile may name the person in its reason; a source's obligation is the organisation's.
    reason: personal || row.source_id !== null ? row.reason : null,
    reference: personal || row.source_id !== null ? row.reference : null,
    until: row.until,
    createdBy: row.created_by,
    createdAt: row.created_at,
    releasedBy: row.released_by,
    releasedAt: row.released_at,
  };
}

export function listHolds(db: SqlRunner, activeOnly: boolean, personal: boolean): LegalHold[] {
  const rows = db.all<HoldRow>(sql`${SELECT} ${activeOnly ? sql`WHERE h.released_at IS NULL` : sql``} ORDER BY h.released_at IS NOT NULL, h.id DESC`);
  return rows.map((row) => toHold(row, personal));
}

export function getHold(db: SqlRunner, id: number, personal: boolean): LegalHold {
  const row = db.get<HoldRow>(sql`${SELECT} WHERE h.id = ${id}`);
  if (!row) throw new AppError('NOT_FOUND', `There is no legal hold ${id}.`, { reason: 'unknownHold', holdId: id });
  return toHold(row, personal);
}

/** The holds standing on these profiles today, of any kind (an `until` past is over). */
export function profileHolds(db: SqlRunner, profileIds: readonly number[], today: string): LegalHold[] {
  return db
    .all<HoldRow>(
      sql`${SELECT} WHERE h.profile_id IS NOT NULL AND h.released_at IS NULL AND (h.until IS NULL OR h.until >= ${today})
        AND h.profile_id IN (SELECT value FROM json_each(${JSON.stringify(profileIds)})) ORDER BY h.id`,
    )
    .map((row) => toHold(row, true));
}

export type PlaceHold =
  | { kind: HoldKind; profileId: number; reason: string; reference?: string | undefined; until?: string | undefined }
  | { kind: 'legal_obligation'; sourceId: number; reason: string; reference?: string | undefined; until?: string | undefined };

export function placeHold(db: SqlRunner, input: PlaceHold, userId: number, now: Date): number {
  const profileId = 'profileId' in input ? activeProfile(db, input.profileId) : null;
  const sourceId = 'sourceId' in input ? input.sourceId : null;
  if (sourceId !== null && !db.get(sql`SELECT 1 AS found FROM source WHERE id = ${sourceId}`)) {
    throw new AppError('NOT_FOUND', `There is no source ${sourceId}.`, { reason: 'unknownSource', sourceId });
  }
  return Number(
    db.run(sql`
      INSERT INTO legal_hold (kind, profile_id, source_id, reason, reference, until, created_by, created_at)
      VALUES (${input.kind}, ${profileId}, ${sourceId}, ${input.reason}, ${input.reference ?? null}, ${input.until ?? null}, ${userId}, ${now.toISOString()})`)
      .lastInsertRowid,
  );
}

export function releaseHold(db: SqlRunner, id: number, userId: number, now: Date): void {
  const hold = getHold(db, id, true);
  if (hold.releasedAt !== null) throw new AppError('CONFLICT', `Legal hold ${id} was released already.`, { reason: 'holdReleased', holdId: id });
  db.run(sql`UPDATE legal_hold SET released_by = ${userId}, released_at = ${now.toISOString()} WHERE id = ${id}`);
}

/**
 * The profiles under a litigation hold in force on `today` (vault zone): not released, and without an end
 * date or not yet past it. What a case may need is not sent to anyone meanwhile (partner extracts leave them out).
 */
export function litigationHeldProfiles(db: SqlRunner, today: string): Set<number> {
  const rows = db.all<{ id: number }>(sql`
    SELECT DISTINCT profile_id AS id FROM legal_hold
    WHERE kind = 'litigation' AND released_at IS NULL AND (until IS NULL OR until >= ${today})`);
  return new Set(rows.map((row) => row.id));
}

/** The profiles under a hold of any kind in force on `today`: their retention is suspended, and no sweep takes them. */
export function heldProfiles(db: SqlRunner, today: string): Set<number> {
  const rows = db.all<{ id: number }>(sql`
    SELECT DISTINCT profile_id AS id FROM legal_hold
    WHERE profile_id IS NOT NULL AND released_at IS NULL AND (until IS NULL OR until >= ${today})`);
  return new Set(rows.map((row) => row.id));
}
