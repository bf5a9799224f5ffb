/**
 * Records held by the intake gate (gate.ts): the list a steward works through, and the two ways out of it.
 * A release attaches a basis to the record for the purposes it lacked (a basis the purpose allows, with an
 * evidence reference; for consent, a steward's grant in the ledger too) and gives the record its profile.
 * A delete removes the record and its own import events, unless its ledger holds a steward's event (proof).
 *
 * Profiles and records are ingest's: the backend plugs in how a record is admitted and removed
 * (setHeldRecordHooks), since consent cannot import ingest.
 */
import { AppError } from '../core/errors';
import { sql, type SqlRunner } from '../store/sql';
import { assertBasisAllowed, requireRule } from './catalog';
import type { HeldRecord, LawfulBasis, RecordingMethod } from './contract';

export interface HeldRecordHooks {
  /** Gives a record without a profile its own; returns the profile id. */
  readonly admit: (db: SqlRunner, recordId: number, stamp: string) => number;
  /** Removes records without a profile and what hangs from them; returns how many went. */
  readonly remove: (db: SqlRunner, recordIds: readonly number[]) => number;
}

let hooks: HeldRecordHooks | null = null;

export function setHeldRecordHooks(plugged: HeldRecordHooks | null): void {
  hooks = plugged;
}

function requireHooks(): HeldRecordHooks {
  if (hooks === null) throw new Error('The held-record hooks are not plugged in (main/backend/backend.ts).');
  return hooks;
}

export function countHeld(db: SqlRunner): number {
  return db.get<{ n: number }>(sql`SELECT count(*) AS n FROM record_hold`)?.n ?? 0;
}

export interface HeldAttentionItem {
  readonly kind: 'heldRecords';
  readonly severity: 'warning';
  readonly count: number;
  readonly sourceId: null;
  readonly name: string;
  readonly at: null;
  readonly target: { readonly place: 'held' };
}

/** For the home screen: records held for a lawful basis, a count only (auditors see it too, without a way to the records). */
export function heldAttention(db: SqlRunner): HeldAttentionItem[] {
  const held = countHeld(db);
  return held === 0 ? [] : [{ kind: 'heldRecords', severity: 'warning', count: held, sourceId: null, name: '', at: null, target: { place: 'held' } }];
}

interface HeldRow {
  recordId: number;
  externalId: string;
  sourceId: number;
  source: string;
  runId: number;
  heldAt: string;
  reason: 'noConsent';
  purposes: string;
  givenName: string | null;
  familyName: string | null;
  fullName: string | null;
  city: string | null;
  emails: string;
  phones: string;
}

/** The held records, oldest hold first; a page of them and how many there are. */
export function listHeld(db: SqlRunner, options: { sourceId?: number | undefined; limit: number; offset: number }): { total: number; items: HeldRecord[] } {
  const where = options.sourceId === undefined ? sql`` : sql`WHERE r.source_id = ${options.sourceId}`;
  const total = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM record_hold h JOIN source_record r ON r.id = h.source_record_id ${where}`)?.n ?? 0;
  const rows = db.all<HeldRow>(sql`
    SELECT h.source_record_id AS recordId, r.external_id AS externalId, r.source_id AS sourceId, s.name AS source, h.run_id AS runId, h.held_at AS heldAt,
      h.reason, h.purposes, r.given_name AS givenName, r.family_name AS familyName, r.full_name AS fullName, r.city,
      (SELECT coalesce(json_group_array(i.value), '[]') FROM identifier i WHERE i.source_record_id = r.id AND i.kind = 'email') AS emails,
      (SELECT coalesce(json_group_array(i.value), '[]') FROM identifier i WHERE i.source_record_id = r.id AND i.kind = 'phone') AS phones
    FROM record_hold h JOIN source_record r ON r.id = h.source_record_id JOIN source s ON s.id = r.source_id ${where}
    ORDER BY h.held_at, h.source_record_id LIMIT ${options.limit} OFFSET ${options.offset}`);
  return {
    total,
    items: rows.map((row) => ({
      recordId: row.recordId,
      externalId: row.externalId,
      sourceId: row.sourceId,
      source: row.source,
      runId: row.runId,
      heldAt: row.heldAt,
      reason: row.reason,
      purposes: JSON.parse(row.purposes) as string[],
      name: row.fullName ?? ([row.givenName, row.familyName].filter((part) => part !== null).join(' ') || null),
      city: row.city,
      emails: JSON.parse(row.emails) as string[],
      phones: JSON.parse(row.phones) as string[],
    })),
  };
}

export interface ReleaseInput {
  readonly recordIds: readonly number[];
  readonly basis: LawfulBasis;
  readonly evidence: string;
  /** How the steward learned of the consent, when the basis is consent. */
  readonly method?: RecordingMethod | undefined;
  /** One of the purposes the record lacks; all of them when left out. */
  readonly purpose?: string | undefined;
}

function holdsOf(db: SqlRunner, recordIds: readonly number[]): Map<number, string[]> {
  const rows = db.all<{ id: number; purposes: string }>(sql`
    SELECT source_record_id AS id, purposes FROM record_hold WHERE source_record_id IN (SELECT value FROM json_each(${JSON.stringify(recordIds)}))`);
  const found = new Map(rows.map((row) => [row.id, JSON.parse(row.purposes) as string[]]));
  const missing = recordIds.find((id) => !found.has(id));
  if (missing !== undefined) throw new AppError('NOT_FOUND', `The record ${missing} is not held.`, { reason: 'notHeld', recordId: missing });
  return found;
}

/** Releases held records: a basis attached (and audited by the caller), then each record gets its profile. */
export function releaseHeld(db: SqlRunner, input: ReleaseInput, userId: number, now: Date): { released: number; profileIds: number[] } {
  const admit = requireHooks().admit;
  const stamp = now.toISOString();
  const recordIds = [...new Set(input.recordIds)];
  const holds = holdsOf(db, recordIds);
  if (input.basis === 'consent' && input.method === undefined)
    throw new AppError('INVALID_INPUT', 'A consent attached by hand says how it was given (--method).', { reason: 'methodRequired' });
  const purposes = new Map<string, ReturnType<typeof requireRule>>();
  const purposeOf = (code: string) => {
    let purpose = purposes.get(code);
    if (purpose === undefined) {
      purpose = requireRule(db, code);
      assertBasisAllowed(purpose, input.basis);
      purposes.set(code, purpose);
    }
    return purpose;
  };
  if (input.purpose !== undefined) purposeOf(input.purpose);
  const profileIds: number[] = [];
  for (const recordId of recordIds) {
    const lacking = holds.get(recordId)!;
    const codes = input.purpose === undefined ? lacking : [input.purpose];
    if (input.purpose !== undefined && !lacking.includes(input.purpose))
      throw new AppError('INVALID_INPUT', `The record ${recordId} is not held for ${input.purpose}.`, {
        reason: 'notHeldForPurpose',
        recordId,
        purpose: input.purpose,
      });
    for (const code of codes) {
      const purpose = purposeOf(code);
      if (input.basis === 'consent')
        db.run(sql`
          INSERT INTO consent_event (source_record_id, purpose_id, kind, at, recorded_at, recorded_by, method, notice_version, evidence)
          VALUES (${recordId}, ${purpose.id}, 'grant', ${stamp}, ${stamp}, ${userId}, ${input.method!}, ${purpose.noticeVersion}, ${input.evidence})`);
      db.run(sql`
        INSERT INTO record_release (source_record_id, purpose_id, basis, evidence, released_by, released_at)
        VALUES (${recordId}, ${purpose.id}, ${input.basis}, ${input.evidence}, ${userId}, ${stamp})`);
    }
    db.run(sql`DELETE FROM record_hold WHERE source_record_id = ${recordId}`);
    profileIds.push(admit(db, recordId, stamp));
  }
  return { released: recordIds.length, profileIds };
}

/**
 * Deletes held records with their own import events. A record whose ledger holds an event a steward
 * recorded is kept (proof, as an undone import keeps it): counted in `kept`.
 */
export function deleteHeld(db: SqlRunner, recordIds: readonly number[]): { deleted: number; kept: number } {
  const remove = requireHooks().remove;
  const ids = [...new Set(recordIds)];
  holdsOf(db, ids);
  const removable = db
    .all<{ id: number }>(
      sql`
      SELECT value AS id FROM json_each(${JSON.stringify(ids)})
      WHERE NOT EXISTS (SELECT 1 FROM consent_event e WHERE e.source_record_id = value AND e.recorded_by IS NOT NULL)`,
    )
    .map((row) => row.id);
  const deleted = remove(db, removable);
  return { deleted, kept: ids.length - deleted };
}
