/**
 * A person's consent, per purpose of the catalog: the state derived from the ledger of all their records
 * (derive.ts), the basis the data rests on, and the events behind it. And the one answer to "may this
 * person's data be used for this purpose now, and why (not)?" that everything that leaves the vault asks.
 */
import { sql, type SqlRunner } from '../store/sql';
import { listPurposes, requirePurpose } from './catalog';
import { LAWFUL_BASES, type ConsentEvent, type LawfulBasis, type Purpose, type PurposeState, type UseReason } from './contract';
import { deriveStates, NO_STATE, type Derived, type LedgerEvent } from './derive';
import { activeProfileOf } from './person';

type StoredEvent = ConsentEvent & LedgerEvent & { readonly purposeId: number };

/** Every ledger event of a profile's records, oldest first. */
export function profileEvents(db: SqlRunner, profileId: number): StoredEvent[] {
  return db.all<StoredEvent>(sql`
    SELECT e.id, e.purpose_id AS purposeId, e.kind, e.at, e.recorded_at AS recordedAt, s.name AS source, u.name AS recordedBy, e.method,
      e.notice_version AS noticeVersion, e.evidence, e.expires_at AS expiresAt, e.source_record_id AS recordId, e.run_id AS runId
    FROM profile_member m
    JOIN consent_event e ON e.source_record_id = m.source_record_id
    LEFT JOIN source s ON s.id = e.source_id
    LEFT JOIN app_user u ON u.id = e.recorded_by
    WHERE m.profile_id = ${profileId}
    ORDER BY coalesce(e.at, e.recorded_at), e.id`);
}

/**
 * The bases the sources of a profile's records declare, by purpose; and those a steward attached when
 * releasing one of its records from the intake gate (record_release: a basis and its evidence, per record).
 */
function declaredBases(db: SqlRunner, profileId: number): Map<number, Set<LawfulBasis>> {
  const rows = db.all<{ purposeId: number; basis: LawfulBasis }>(sql`
    SELECT DISTINCT sp.purpose_id AS purposeId, sp.basis FROM source_purpose sp
    WHERE sp.source_id IN (SELECT r.source_id FROM profile_member m JOIN source_record r ON r.id = m.source_record_id WHERE m.profile_id = ${profileId})
    UNION
    SELECT rr.purpose_id, rr.basis FROM profile_member m JOIN record_release rr ON rr.source_record_id = m.source_record_id WHERE m.profile_id = ${profileId}`);
  const byPurpose = new Map<number, Set<LawfulBasis>>();
  for (const row of rows) byPurpose.set(row.purposeId, (byPurpose.get(row.purposeId) ?? new Set()).add(row.basis));
  return byPurpose;
}

/** A basis other than consent that a source of the person declares for the purpose (the first in the law's order). */
function otherBasis(declared: ReadonlySet<LawfulBasis> | undefined): LawfulBasis | null {
  return LAWFUL_BASES.find((basis) => basis !== 'consent' && declared?.has(basis) === true) ?? null;
}

/**
 * The basis the person's data rests on for a purpose: consent while a grant is in force; otherwise a basis
 * a source of theirs declares for it; otherwise the catalog's when it allows only one.
 */
function basisOf(purpose: Purpose, derived: Derived, declared: ReadonlySet<LawfulBasis> | undefined): LawfulBasis | null {
  if (derived.state === 'granted') return 'consent';
  const other = otherBasis(declared);
  if (other !== null) return other;
  if (declared?.has('consent') === true) return 'consent';
  return purpose.bases.length === 1 ? purpose.bases[0]! : null;
}

function toPublic(event: StoredEvent): ConsentEvent {
  const { purposeId: _purposeId, ...rest } = event;
  return rest;
}

export interface ProfileConsent {
  readonly profileId: number;
  readonly redirectedFrom: number | null;
  readonly purposes: PurposeState[];
}

/** Every purpose of the catalog, with the person's state for it (`none` without events). */
export function profileConsent(db: SqlRunner, requestedId: number, now: Date): ProfileConsent {
  const profileId = activeProfileOf(db, requestedId);
  const events = profileEvents(db, profileId);
  const derived = deriveStates(events, now);
  const declared = declaredBases(db, profileId);
  const purposes = listPurposes(db).map((purpose): PurposeState => {
    const state = derived.get(purpose.id) ?? NO_STATE;
    return {
      purpose: purpose.code,
      state: state.state,
      basis: basisOf(purpose, state, declared.get(purpose.id)),
      since: state.since,
      events: events.filter((event) => event.purposeId === purpose.id).map(toPublic),
    };
  });
  return { profileId, redirectedFrom: profileId === requestedId ? null : requestedId, purposes };
}

export interface UseAnswer {
  readonly allowed: boolean;
  readonly reason: UseReason;
  readonly basis: LawfulBasis | null;
}

/**
 * May this person's data be used for this purpose now? An objection stops every use for the purpose; a
 * basis other than consent declared by one of the person's sources allows it (the catalog allows that
 * basis, or the source could not have declared it); otherwise only a grant in force does.
 */
export function mayUse(db: SqlRunner, requestedId: number, purposeCode: string, now: Date): UseAnswer {
  const purpose = requirePurpose(db, purposeCode);
  const profileId = activeProfileOf(db, requestedId);
  const events = profileEvents(db, profileId).filter((event) => event.purposeId === purpose.id);
  const derived = deriveStates(events, now).get(purpose.id) ?? NO_STATE;
  if (derived.state === 'objected') return { allowed: false, reason: 'objected', basis: null };
  const other = otherBasis(declaredBases(db, profileId).get(purpose.id));
  if (other !== null) return { allowed: true, reason: 'declaredBasis', basis: other };
  switch (derived.state) {
    case 'granted':
      return { allowed: true, reason: 'consentGranted', basis: 'consent' };
    case 'withdrawn':
      return { allowed: false, reason: 'consentWithdrawn', basis: null };
    case 'expired':
      return { allowed: false, reason: 'consentExpired', basis: null };
    case 'none':
      return { allowed: false, reason: purpose.bases.includes('consent') ? 'noConsent' : 'noBasis', basis: null };
  }
}

/**
 * The yes and no a profile's sources sent, newest first, for the person view's list of what each source
 * said (profiles' detail); the Consent section shows the whole ledger.
 */
export function sourceConsents(db: SqlRunner, profileId: number): { purpose: string; granted: boolean; at: string | null; source: string }[] {
  return db
    .all<{ purpose: string; kind: string; at: string | null; source: string }>(sql`
      SELECT p.code AS purpose, e.kind, e.at, s.name AS source FROM profile_member m
      JOIN consent_event e ON e.source_record_id = m.source_record_id JOIN purpose p ON p.id = e.purpose_id JOIN source s ON s.id = e.source_id
      WHERE m.profile_id = ${profileId} AND e.kind IN ('grant', 'withdrawal')
      ORDER BY coalesce(e.at, e.recorded_at) DESC, e.id DESC`)
    .map((row) => ({ purpose: row.purpose, granted: row.kind === 'grant', at: row.at, source: row.source }));
}
