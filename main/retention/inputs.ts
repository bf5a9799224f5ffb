/**
 * What maintain-until dates are found from, read for every active profile (a rebuild) or for the marked ones:
 * a few set-based queries, each ordered by profile id, walked side by side so that a million people never sit
 * in memory at once. Rows are read as arrays (millions of them: no object per row).
 */
import { sql, type SqlFragment, type SqlRunner } from '../store/sql';
import type { ConsentInput, ConsentStateName, ProfileInputs } from './compute';
import type { EventAnchor } from './contract';
import { EVENT_ANCHORS } from './contract';

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

const FOLDED_TYPE = sql`lower(replace(replace(trim(e.type), ' ', '_'), '-', '_'))`;

function anchorColumn(db: SqlRunner, anchor: EventAnchor): SqlFragment {
  const types = db.statement(`SELECT event_type FROM retention_anchor_type WHERE anchor = ?`).pluck().all(anchor) as string[];
  // A purchase is also any event with an amount: a web shop's order lines name no type.
  const amount = anchor === 'last_purchase' ? sql`e.amount IS NOT NULL OR ` : sql``;
  return sql`max(CASE WHEN ${amount}${FOLDED_TYPE} IN (SELECT value FROM json_each(${JSON.stringify(types)})) THEN e.at END)`;
}

function inScope(scope: Scope, column: SqlFragment): SqlFragment {
  return scope === 'all' ? sql`` : sql`AND ${column} IN (SELECT profile_id FROM retention_dirty)`;
}

type RecordRow = [profileId: number, updated: string | null, sources: string | null];
type EventRow = [profileId: number, last: string | null, purchase: string | null, contact: string | null, contractEnd: string | null, closed: string | null];
type ConsentRow = [profileId: number, purposeId: number, state: ConsentStateName, since: string | null, lapsesAt: string | null];

/** Every active profile in scope with its inputs, in profile order. */
export function* readInputs(db: SqlRunner, scope: Scope): Generator<ProfileInputs> {
  const declarations = new Map<number, [number, string][]>();
  for (const row of db.all<{ sourceId: number; purposeId: number; basis: string }>(
    sql`SELECT source_id AS sourceId, purpose_id AS purposeId, basis FROM source_purpose`,
  )) {
    const list = declarations.get(row.sourceId) ?? [];
    list.push([row.purposeId, row.basis]);
    declarations.set(row.sourceId, list);
  }
  const releases = new Map<number, [number, string][]>();
  for (const row of db.all<{ profileId: number; purposeId: number; basis: string }>(sql`
    SELECT m.profile_id AS profileId, rr.purpose_id AS purposeId, rr.basis FROM record_release rr
    JOIN profile_member m ON m.source_record_id = rr.source_record_id WHERE 1 ${inScope(scope, sql`m.profile_id`)}`)) {
    const list = releases.get(row.profileId) ?? [];
    list.push([row.purposeId, row.basis]);
    releases.set(row.profileId, list);
  }
  const records = rawRows<RecordRow>(
    db,
    sql`SELECT p.id, max(r.updated_at), group_concat(DISTINCT r.source_id)
      FROM profile p JOIN profile_member m ON m.profile_id = p.id JOIN source_record r ON r.id = m.source_record_id
      WHERE p.status = 'active' ${inScope(scope, sql`p.id`)} GROUP BY p.id ORDER BY p.id`,
  );
  const events = new Cursor(
    rawRows<EventRow>(
      db,
      sql`SELECT m.profile_id, max(e.at), ${EVENT_ANCHORS.map((anchor) => anchorColumn(db, anchor)).reduce((all, column) => sql`${all}, ${column}`)}
        FROM profile_member m JOIN event e ON e.source_record_id = m.source_record_id
        WHERE 1 ${inScope(scope, sql`m.profile_id`)} GROUP BY m.profile_id ORDER BY m.profile_id`,
    ),
  );
  const consents = new Cursor(
    rawRows<ConsentRow>(
      db,
      sql`SELECT profile_id, purpose_id, state, since, lapses_at FROM consent_state WHERE 1 ${inScope(scope, sql`profile_id`)} ORDER BY profile_id`,
    ),
  );
  for (const [profileId, updated, sources] of records) {
    const declared = new Map<number, Set<string>>();
    const declare = (purposeId: number, basis: string): void => {
      const bases = declared.get(purposeId);
      if (bases === undefined) declared.set(purposeId, new Set([basis]));
      else bases.add(basis);
    };
    if (sources !== null)
      for (const source of sources.split(',')) for (const [purposeId, basis] of declarations.get(Number(source)) ?? []) declare(purposeId, basis);
    for (const [purposeId, basis] of releases.get(profileId) ?? []) declare(purposeId, basis);
    const [eventRow] = events.take(profileId);
    const consent = new Map<number, ConsentInput>();
    for (const [, purposeId, state, since, lapsesAt] of consents.take(profileId)) consent.set(purposeId, { state, since, lapsesAt });
    const lastEvent = eventRow?.[1] ?? null;
    yield {
      profileId,
      anchors: {
        last_activity: updated === null || (lastEvent !== null && lastEvent > updated) ? lastEvent : updated,
        last_purchase: eventRow?.[2] ?? null,
        last_contact: eventRow?.[3] ?? null,
        contract_end: eventRow?.[4] ?? null,
        account_closed: eventRow?.[5] ?? null,
      },
      declared,
      consent,
    };
  }
}
