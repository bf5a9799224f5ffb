/**
 * A person's consent, per purpose of the catalog: the state derived from the ledger of all their records
 * (derive.ts), the basis the data rests on, and the events behind it. And the one answer to "may this
 * person's data be used for this purpose now, and why (not)?" that everything that leaves the vault asks.
 */
import { sql, type SqlRunner } from '../store/sql';
import { purposeRules, requireRule, type PurposeRule } from './catalog';
import { LAWFUL_BASES, type ConsentEvent, type LawfulBasis, type PurposeState, type UseReason } from './contract';
import { chronological, deriveState, deriveStates, effectiveTime, NO_STATE, type Derived, type LedgerEvent } from './derive';
import { activeProfileOf } from './person';

export type StoredEvent = ConsentEvent & LedgerEvent & { readonly purposeId: number };

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
function basisOf(purpose: PurposeRule, derived: Derived, declared: ReadonlySet<LawfulBasis> | undefined): LawfulBasis | null {
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
  const catalog = purposeRules(db);
  const purposes = catalog.map((purpose): PurposeState => {
    const state = derived.get(purpose.id) ?? NO_STATE;
    const own = events.filter((event) => event.purposeId === purpose.id);
    return {
      purpose: purpose.code,
      state: state.state,
      basis: basisOf(purpose, state, declared.get(purpose.id)),
      since: state.since,
      events: own.map(toPublic),
      use: answer({ purpose, catalog, events, own, derived: state, declared: declared.get(purpose.id), now }),
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
 * The bases that may stand in for express consent (sensitive data): a duty the law imposes, or someone's life
 * at stake. A contract or a legitimate interest cannot make sensitive data usable without the person's say.
 */
const EXPRESS_EXEMPT_BASES: readonly LawfulBasis[] = ['legal_obligation', 'vital_interests'];

/**
 * A grant given expressly: recorded by a person (a steward, from a web form, paper, a call, an email, in
 * person: every method but `import`), or imported with an evidence reference. A yes/no cell of an export
 * does not say how the question was asked (a pre-ticked box is not express consent), so it is not.
 */
export function isExpressGrant(event: Pick<ConsentEvent, 'method' | 'evidence'>): boolean {
  return event.method !== 'import' || (event.evidence !== null && event.evidence.trim() !== '');
}

/**
 * Whether an express grant is in force now: one given after the latest withdrawal, expiry or objection, and
 * not lapsed. An implied grant after it does not undo it, nor does it make one.
 */
function expressGrantInForce(events: readonly StoredEvent[], now: Date): boolean {
  let until: number | null = null;
  for (const event of [...events].filter((item) => Date.parse(effectiveTime(item)) <= now.getTime()).sort(chronological)) {
    if (event.kind === 'grant') {
      if (isExpressGrant(event)) until = Math.max(until ?? -Infinity, event.expiresAt === null ? Infinity : Date.parse(event.expiresAt));
    } else until = null;
  }
  return until !== null && until > now.getTime();
}

/**
 * Whether the person opted out of selling or sharing (CCPA): the latest thing they said about any sale/sharing
 * purpose of the catalog is a withdrawal or an objection. One opt-out covers them all; a later grant for one
 * of them is a new opt-in.
 */
function optedOutOfSale(events: readonly StoredEvent[], catalog: readonly PurposeRule[], now: Date): boolean {
  const sale = new Set(catalog.filter((purpose) => purpose.saleOrSharing).map((purpose) => purpose.id));
  const said = events.filter((event) => sale.has(event.purposeId) && event.kind !== 'expiry');
  const state = deriveState(said, now).state;
  return state === 'withdrawn' || state === 'objected';
}

/**
 * May this person's data be used for this purpose now? An objection stops every use for the purpose; so does,
 * for a sale/sharing purpose, an opt-out of selling or sharing. A basis other than consent declared by one of
 * the person's sources allows it (the catalog allows that basis, or the source could not have declared it),
 * except for a purpose needing express consent, where only a legal obligation or vital interests may stand in
 * for it; otherwise only a grant in force does, an express one for such a purpose (docs/consent.md).
 */
export function mayUse(db: SqlRunner, requestedId: number, purposeCode: string, now: Date): UseAnswer {
  const purpose = requireRule(db, purposeCode);
  const profileId = activeProfileOf(db, requestedId);
  const events = profileEvents(db, profileId);
  const own = events.filter((event) => event.purposeId === purpose.id);
  const derived = deriveStates(own, now).get(purpose.id) ?? NO_STATE;
  const catalog = purpose.saleOrSharing ? purposeRules(db) : [];
  return answer({ purpose, catalog, events, own, derived, declared: declaredBases(db, profileId).get(purpose.id), now });
}

export interface Question {
  readonly purpose: PurposeRule;
  /** The catalog (its sale/sharing purposes are read), every event of the person, and those of the purpose. */
  readonly catalog: readonly PurposeRule[];
  readonly events: readonly StoredEvent[];
  readonly own: readonly StoredEvent[];
  readonly derived: Derived;
  readonly declared: ReadonlySet<LawfulBasis> | undefined;
  readonly now: Date;
}

export function answer({ purpose, catalog, events, own, derived, declared, now }: Question): UseAnswer {
  if (derived.state === 'objected') return { allowed: false, reason: 'objected', basis: null };
  if (purpose.saleOrSharing && optedOutOfSale(events, catalog, now)) return { allowed: false, reason: 'optedOutOfSale', basis: null };
  const other = purpose.expressConsent ? (EXPRESS_EXEMPT_BASES.find((basis) => declared?.has(basis) === true) ?? null) : otherBasis(declared);
  if (other !== null) return { allowed: true, reason: 'declaredBasis', basis: other };
  switch (derived.state) {
    case 'granted':
      if (purpose.expressConsent && !expressGrantInForce(own, now)) return { allowed: false, reason: 'expressConsentRequired', basis: null };
      return { allowed: true, reason: 'consentGranted', basis: 'consent' };
    case 'withdrawn':
      return { allowed: false, reason: 'consentWithdrawn', basis: null };
    case 'expired':
      return { allowed: false, reason: 'consentExpired', basis: null };
    case 'none':
      // A source relies on a basis that cannot stand in for express consent: the reason says what is missing.
      if (purpose.expressConsent && otherBasis(declared) !== null) return { allowed: false, reason: 'expressConsentRequired', basis: null };
      return { allowed: false, reason: purpose.bases.includes('consent') ? 'noConsent' : 'noBasis', basis: null };
  }
}

/**
 * The yes and no a profile's sources sent, newest first, for the person view's list of what each source
 * said (profiles' detail); the Consent section shows the whole ledger.
 */
export function sourceConsents(db: SqlRunner, profileId: number): { purpose: string; granted: boolean; at: string | null; source: string }[] {
  return db
    .all<{ purpose: string; kind: string; at: string | null; source: string }>(
      sql`
      SELECT p.code AS purpose, e.kind, e.at, s.name AS source FROM profile_member m
      JOIN consent_event e ON e.source_record_id = m.source_record_id JOIN purpose p ON p.id = e.purpose_id JOIN source s ON s.id = e.source_id
      WHERE m.profile_id = ${profileId} AND e.kind IN ('grant', 'withdrawal')
      ORDER BY coalesce(e.at, e.recorded_at) DESC, e.id DESC`,
    )
    .map((row) => ({ purpose: row.purpose, granted: row.kind === 'grant', at: row.at, source: row.source }));
}
