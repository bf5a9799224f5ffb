/**
 * What maintain-until dates are found from, read for every active profile (a rebuild) or for the marked ones:
 * a few set-based queries, each ordered by profile id, walked side by side so that a million people never sit
 * in memory at once. Rows are read as arrays (millions of them: no object per row).
 */
import { sql, type SqlFragment, type SqlRunner } from '../store/sql';
import type { ConsentInput, ConsentStateName, ProfileInputs } from './compute';
import type { EventAnchor } from './contract';
import { foldEventType } from './rules';

/** Which profiles to read: all active ones, or those marked in `retention_dirty`. */
export type Scope = 'all' | 'marked';

/** Walks rows ordered by their first column (a profile id), handing over those of one profile at a time. */
class Cursor<Row extends unknown[]> {
  private current: Row | undefined;

  constructor(private readonly rows: IterableIterator<Row>) {
    this.current = this.advance();
  }

  private advance(): Row | undefined {
    const next = this.rows.next();
    return next.done === true ? undefined : next.value;
  }

  /** The rows of `profileId`, skipping any of lower ids (profiles the driver does not read). */
  take(profileId: number): Row[] {
    const taken: Row[] = [];
    while (this.current !== undefined && (this.current[0] as number) <= profileId) {
      if (this.current[0] === profileId) taken.push(this.current);
      this.current = this.advance();
    }
    return taken;
  }
}

function rawRows<Row extends unknown[]>(db: SqlRunner, query: SqlFragment): IterableIterator<Row> {
  const statement = db.statement(query.text);
  statement.raw(true);
  return statement.iterate(...query.params) as IterableIterator<Row>;
}

/** Bits of an event's class: which anchors it counts for. */
const PURCHASE = 1;
const CONTACT = 2;
const CONTRACT_END = 4;
const ACCOUNT_CLOSED = 8;
const ANCHOR_BITS: Record<EventAnchor, number> = { last_purchase: PURCHASE, last_contact: CONTACT, contract_end: CONTRACT_END, account_closed: ACCOUNT_CLOSED };

/**
 * Registers `retention_class(type, amount)` on the connection: the anchors an event counts for, from the
 * anchor types as they stand (a purchase is also any event with an amount: a web shop's order lines name no
 * type). Event types are few, so each is folded and looked up once; millions of events then cost a call each.
 */
function registerClassifier(db: SqlRunner): void {
  const byType = new Map<string, number>();
  for (const row of db.all<{ anchor: EventAnchor; eventType: string }>(sql`SELECT anchor, event_type AS eventType FROM retention_anchor_type`)) {
    byType.set(row.eventType, (byType.get(row.eventType) ?? 0) | ANCHOR_BITS[row.anchor]);
  }
  const seen = new Map<string, number>();
  db.raw.function('retention_class', { deterministic: true }, (type: unknown, amount: unknown) => {
    const text = String(type);
    let bits = seen.get(text);
    if (bits === undefined) {
      bits = byType.get(foldEventType(text)) ?? 0;
      seen.set(text, bits);
    }
    return amount === null ? bits : bits | PURCHASE;
  });
}

function inScope(scope: Scope, column: SqlFragment): SqlFragment {
  return scope === 'all' ? sql`` : sql`AND ${column} IN (SELECT profile_id FROM retention_dirty)`;
}

type RecordRow = [profileId: number, updated: string | null, sources: string | null];
type EventRow = [profileId: number, last: string | null, purchase: string | null, contact: string | null, contractEnd: string | null, closed: string | null];
/** The state as a number (0 granted, 1 withdrawn, 2 expired, 3 objected); `since` only when not granted. */
type ConsentRow = [profileId: number, purposeId: number, state: number, since: string | null, lapsesAt: string | null];
const STATES: readonly ConsentStateName[] = ['granted', 'withdrawn', 'expired', 'objected'];

/** Purpose id → whether some declaration of it rests on a basis other than consent. */
type Declared = Map<number, boolean>;

/**
 * Every active profile in scope with its inputs, in profile order. The object handed over is the same one
 * each time, refilled: it is read before the next step (a million people, one allocation).
 */
export function* readInputs(db: SqlRunner, scope: Scope): Generator<ProfileInputs> {
  const declarations = new Map<number, [number, string][]>();
  for (const row of db.all<{ sourceId: number; purposeId: number; basis: string }>(
    sql`SELECT source_id AS sourceId, purpose_id AS purposeId, basis FROM source_purpose`,
  )) {
    const list = declarations.get(row.sourceId) ?? [];
    list.push([row.purposeId, row.basis]);
    declarations.set(row.sourceId, list);
  }
  const declare = (declared: Declared, purposeId: number, basis: string): void => {
    declared.set(purposeId, declared.get(purposeId) === true || basis !== 'consent');
  };
  // Most people share one of a few combinations of sources: their declarations are worked out once each.
  const bySources = new Map<string, Declared>();
  const declaredBy = (sources: string | null): Declared => {
    const key = sources ?? '';
    let declared = bySources.get(key);
    if (declared === undefined) {
      declared = new Map();
      for (const source of key === '' ? [] : key.split(','))
        for (const [purposeId, basis] of declarations.get(Number(source)) ?? []) declare(declared, purposeId, basis);
      bySources.set(key, declared);
    }
    return declared;
  };
  const releases = new Map<number, [number, string][]>();
  for (const row of db.all<{ profileId: number; purposeId: number; basis: string }>(sql`
    SELECT m.profile_id AS profileId, rr.purpose_id AS purposeId, rr.basis FROM record_release rr
    JOIN profile_member m ON m.source_record_id = rr.source_record_id WHERE 1 ${inScope(scope, sql`m.profile_id`)}`)) {
    const list = releases.get(row.profileId) ?? [];
    list.push([row.purposeId, row.basis]);
    releases.set(row.profileId, list);
  }
  registerClassifier(db);
  // Members in profile order, each profile looked up by its key: no sort for the grouping.
  const records = rawRows<RecordRow>(
    db,
    sql`SELECT m.profile_id, max(r.updated_at), group_concat(r.source_id)
      FROM profile_member m CROSS JOIN profile p ON p.id = m.profile_id CROSS JOIN source_record r ON r.id = m.source_record_id
      WHERE p.status = 'active' ${inScope(scope, sql`m.profile_id`)} GROUP BY m.profile_id ORDER BY m.profile_id`,
  );
  // The class is computed once per event in a subquery SQLite does not flatten (it has a LIMIT), then read four times.
  const events = new Cursor(
    rawRows<EventRow>(
      db,
      sql`SELECT profile_id, max(at), max(CASE WHEN class & ${PURCHASE} THEN at END), max(CASE WHEN class & ${CONTACT} THEN at END),
          max(CASE WHEN class & ${CONTRACT_END} THEN at END), max(CASE WHEN class & ${ACCOUNT_CLOSED} THEN at END)
        FROM (SELECT m.profile_id, e.at, retention_class(e.type, e.amount) AS class
          FROM profile_member m JOIN event e ON e.source_record_id = m.source_record_id
          WHERE 1 ${inScope(scope, sql`m.profile_id`)} ORDER BY m.profile_id LIMIT -1)
        GROUP BY profile_id ORDER BY profile_id`,
    ),
  );
  const consents = new Cursor(
    rawRows<ConsentRow>(
      db,
      sql`SELECT profile_id, purpose_id, CASE state WHEN 'granted' THEN 0 WHEN 'withdrawn' THEN 1 WHEN 'expired' THEN 2 ELSE 3 END,
          CASE WHEN state <> 'granted' THEN since END, lapses_at
        FROM consent_state WHERE 1 ${inScope(scope, sql`profile_id`)} ORDER BY profile_id`,
    ),
  );
  const consent = new Map<number, ConsentInput>();
  const anchors: { -readonly [K in keyof ProfileInputs['anchors']]: string | null } = {};
  const inputs: { profileId: number; anchors: typeof anchors; declared: Declared; consent: typeof consent } = { profileId: 0, anchors, declared: new Map(), consent };
  for (const [profileId, updated, sources] of records) {
    let declared = declaredBy(sources);
    const released = releases.get(profileId);
    if (released !== undefined) {
      declared = new Map(declared);
      for (const [purposeId, basis] of released) declare(declared, purposeId, basis);
    }
    const [eventRow] = events.take(profileId);
    consent.clear();
    for (const [, purposeId, state, since, lapsesAt] of consents.take(profileId)) consent.set(purposeId, { state: STATES[state]!, since, lapsesAt });
    const lastEvent = eventRow?.[1] ?? null;
    anchors.last_activity = updated === null || (lastEvent !== null && lastEvent > updated) ? lastEvent : updated;
    anchors.last_purchase = eventRow?.[2] ?? null;
    anchors.last_contact = eventRow?.[3] ?? null;
    anchors.contract_end = eventRow?.[4] ?? null;
    anchors.account_closed = eventRow?.[5] ?? null;
    inputs.profileId = profileId;
    inputs.declared = declared;
    yield inputs;
  }
}
