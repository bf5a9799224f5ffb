/**
 * The request register in the vault: opening, extending, verifying, matching and closing a request, and
 * reading it back with its deadline counted in the vault's time zone.
 */
import { AppError } from '../core/errors';
import { emptySql, sql, type SqlFragment, type SqlRunner } from '../store/sql';
import type {
  Jurisdiction,
  RequestDetail,
  RequestList,
  RequestOutcome,
  RequestStats,
  RequestSummary,
  RequestType,
  VerificationIdentifier,
  EXTENSION_REFUSALS,
  REQUEST_LIST_STATUSES,
} from './contract';
import { VERIFICATION_IDENTIFIERS } from './contract';
import { daysBetween, deadlineRule, dueOn, extendedDueOn, isCalendarDay, median, addDays } from './deadlines';
import { activeProfileOf, matchableProfileOf, recordsOf } from './person';
import { todayIn, vaultTimeZone } from './zone';

/** Who reads: auditors get the register without the requester's name and the free texts (docs/requests.md). */
export interface Reader {
  readonly personal: boolean;
}

interface RequestRow {
  id: number;
  type: RequestType;
  jurisdiction: Jurisdiction;
  requester_name: string;
  received_on: string;
  due_on: string;
  extended_due_on: string | null;
  status: 'open' | 'verified' | 'closed';
  outcome: RequestOutcome | null;
  closed_at: string | null;
  profiles: number;
}

const SUMMARY_COLUMNS = sql`r.id, r.type, r.jurisdiction, r.requester_name, r.received_on, r.due_on, r.extended_due_on, r.status, r.outcome, r.closed_at,
  (SELECT count(*) FROM request_profile p WHERE p.request_id = r.id) AS profiles`;

function summary(row: RequestRow, today: string, reader: Reader): RequestSummary {
  const deadline = row.extended_due_on ?? row.due_on;
  const closed = row.status === 'closed';
  return {
    id: row.id,
    type: row.type,
    jurisdiction: row.jurisdiction,
    requesterName: reader.personal ? row.requester_name : null,
    receivedOn: row.received_on,
    dueOn: row.due_on,
    extendedDueOn: row.extended_due_on,
    deadline,
    daysLeft: closed ? null : daysBetween(today, deadline),
    overdue: !closed && deadline < today,
    status: row.status,
    outcome: row.outcome,
    closedAt: row.closed_at,
    profiles: row.profiles,
  };
}

function requireRow(db: SqlRunner, id: number): RequestRow {
  const row = db.get<RequestRow>(sql`SELECT ${SUMMARY_COLUMNS} FROM request r WHERE r.id = ${id}`);
  if (row === undefined) throw new AppError('NOT_FOUND', `There is no request ${id}.`, { reason: 'unknownRequest', requestId: id });
  return row;
}

function assertOpen(row: RequestRow): void {
  if (row.status === 'closed') throw new AppError('CONFLICT', `Request ${row.id} is closed.`, { reason: 'requestClosed', requestId: row.id });
}

export function listRequests(
  db: SqlRunner,
  input: {
    status: (typeof REQUEST_LIST_STATUSES)[number];
    type?: RequestType | undefined;
    jurisdiction?: Jurisdiction | undefined;
    offset: number;
    limit: number;
  },
  now: Date,
  reader: Reader,
): RequestList {
  const timeZone = vaultTimeZone(db);
  const today = todayIn(now, timeZone);
  const filters: SqlFragment[] = [];
  if (input.status === 'open') filters.push(sql`r.status IN ('open', 'verified')`);
  if (input.status === 'closed') filters.push(sql`r.status = 'closed'`);
  if (input.type !== undefined) filters.push(sql`r.type = ${input.type}`);
  if (input.jurisdiction !== undefined) filters.push(sql`r.jurisdiction = ${input.jurisdiction}`);
  const where = filters.length === 0 ? emptySql : sql` WHERE ${filters.reduce((all, next) => sql`${all} AND ${next}`)}`;
  // Open requests by the date that binds (so the overdue ones come first), then closed ones, latest first.
  const order =
    input.status === 'closed'
      ? sql`r.closed_at DESC, r.id DESC`
      : sql`r.status = 'closed', CASE WHEN r.status = 'closed' THEN '' ELSE coalesce(r.extended_due_on, r.due_on) END, r.closed_at DESC, r.id`;
  const total = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM request r${where}`)?.n ?? 0;
  const rows = db.all<RequestRow>(sql`SELECT ${SUMMARY_COLUMNS} FROM request r${where} ORDER BY ${order} LIMIT ${input.limit} OFFSET ${input.offset}`);
  return { timeZone, today, total, requests: rows.map((row) => summary(row, today, reader)) };
}

function extensionRefused(row: RequestRow & { extension_reason: string | null }, today: string): (typeof EXTENSION_REFUSALS)[number] | null {
  if (row.status === 'closed') return 'closed';
  if (deadlineRule(row.jurisdiction, row.type).extended === null) return 'notAllowed';
  if (row.extended_due_on !== null) return 'alreadyExtended';
  // The person is told of the extension within the first period (GDPR Art. 12(3), Cal. Civ. Code § 1798.130(a)(2)(A)).
  if (today > row.due_on) return 'tooLate';
  return null;
}

export function getRequest(db: SqlRunner, id: number, now: Date, reader: Reader): RequestDetail {
  const row = requireRow(db, id);
  const timeZone = vaultTimeZone(db);
  const today = todayIn(now, timeZone);
  const more = db.get<{
    contact: string | null;
    channel: string | null;
    extension_reason: string | null;
    extended_at: string | null;
    extended_by: string | null;
    outcome_note: string | null;
    closed_by: string | null;
    created_by: string;
    created_at: string;
  }>(sql`
    SELECT r.contact, r.channel, r.extension_reason, r.extended_at, e.name AS extended_by, r.outcome_note, c.name AS closed_by, o.name AS created_by, r.created_at
    FROM request r JOIN app_user o ON o.id = r.created_by LEFT JOIN app_user e ON e.id = r.extended_by LEFT JOIN app_user c ON c.id = r.closed_by
    WHERE r.id = ${id}`)!;
  const verifications = db
    .all<{ id: number; method: string; identifiers: string; document: string | null; verified_by: string; verified_at: string }>(
      sql`
      SELECT v.id, v.method, v.identifiers, v.document, u.name AS verified_by, v.verified_at
      FROM request_verification v JOIN app_user u ON u.id = v.verified_by WHERE v.request_id = ${id} ORDER BY v.id`,
    )
    .map((entry) => ({
      id: entry.id,
      method: reader.personal ? entry.method : null,
      identifiers: JSON.parse(entry.identifiers) as VerificationIdentifier[],
      document: reader.personal ? entry.document : null,
      verifiedBy: entry.verified_by,
      verifiedAt: entry.verified_at,
    }));
  const matched = db
    .all<{ profile_id: number; matched_by: string; matched_at: string }>(
      sql`
      SELECT p.profile_id, u.name AS matched_by, p.matched_at FROM request_profile p JOIN app_user u ON u.id = p.matched_by
      WHERE p.request_id = ${id} ORDER BY p.matched_at, p.profile_id`,
    )
    .map((entry) => ({
      profileId: entry.profile_id,
      currentProfileId: currentProfile(db, entry.profile_id),
      matchedBy: entry.matched_by,
      matchedAt: entry.matched_at,
      records: db
        .all<{ id: number }>(
          sql`SELECT source_record_id AS id FROM request_record WHERE request_id = ${id} AND profile_id = ${entry.profile_id} ORDER BY source_record_id`,
        )
        .map((record) => record.id),
    }));
  const refused = extensionRefused({ ...row, extension_reason: more.extension_reason }, today);
  return {
    ...summary(row, today, reader),
    contact: reader.personal ? more.contact : null,
    channel: reader.personal ? more.channel : null,
    extensionReason: reader.personal ? more.extension_reason : null,
    extendedAt: more.extended_at,
    extendedBy: more.extended_by,
    extensionRefused: refused,
    extensionUntil: row.extended_due_on ?? extendedDueOn(row.jurisdiction, row.type, row.received_on),
    legalSource: deadlineRule(row.jurisdiction, row.type).source,
    legalRule: deadlineRule(row.jurisdiction, row.type).key,
    outcomeNote: reader.personal ? more.outcome_note : null,
    closedBy: more.closed_by,
    createdBy: more.created_by,
    createdAt: more.created_at,
    verifications,
    matched,
    timeZone,
  };
}

function currentProfile(db: SqlRunner, id: number): number | null {
  try {
    return activeProfileOf(db, id);
  } catch {
    return null;
  }
}

export interface OpenInput {
  readonly type: RequestType;
  readonly jurisdiction: Jurisdiction;
  readonly requesterName: string;
  readonly contact?: string | undefined;
  readonly channel?: string | undefined;
  readonly receivedOn?: string | undefined;
}

export function openRequest(db: SqlRunner, input: OpenInput, userId: number, now: Date): number {
  const today = todayIn(now, vaultTimeZone(db));
  const receivedOn = input.receivedOn ?? today;
  if (!isCalendarDay(receivedOn)) throw new AppError('INVALID_INPUT', `${receivedOn} is not a date.`, { reason: 'badDay', value: receivedOn });
  if (receivedOn > today)
    throw new AppError('INVALID_INPUT', `${receivedOn} is in the future: a request is recorded once received.`, {
      reason: 'receivedInFuture',
      receivedOn,
      today,
    });
  const stamp = now.toISOString();
  return Number(
    db.run(sql`
      INSERT INTO request (type, requester_name, contact, channel, received_on, jurisdiction, due_on, created_by, created_at, updated_at)
      VALUES (${input.type}, ${input.requesterName}, ${input.contact ?? null}, ${input.channel ?? null}, ${receivedOn}, ${input.jurisdiction},
        ${dueOn(input.jurisdiction, input.type, receivedOn)}, ${userId}, ${stamp}, ${stamp})`).lastInsertRowid,
  );
}

/** Extends once, where the law allows it, within the first period; returns the days added. */
export function extendRequest(db: SqlRunner, id: number, reason: string, userId: number, now: Date): { extendedDays: number } {
  const row = requireRow(db, id);
  const refused = extensionRefused({ ...row, extension_reason: null }, todayIn(now, vaultTimeZone(db)));
  if (refused !== null) {
    const messages = {
      closed: `Request ${id} is closed.`,
      notAllowed: `The law of this request (${row.jurisdiction}) allows no extension.`,
      alreadyExtended: `Request ${id} was already extended: the law allows one extension.`,
      tooLate: `Request ${id} was due on ${row.due_on}: an extension is made, and the person told, before the first deadline.`,
    } as const;
    throw new AppError('CONFLICT', messages[refused], {
      reason: refused === 'closed' ? 'requestClosed' : `extension_${refused}`,
      requestId: id,
      dueOn: row.due_on,
    });
  }
  const until = extendedDueOn(row.jurisdiction, row.type, row.received_on)!;
  const stamp = now.toISOString();
  db.run(
    sql`UPDATE request SET extended_due_on = ${until}, extension_reason = ${reason}, extended_by = ${userId}, extended_at = ${stamp}, updated_at = ${stamp} WHERE id = ${id}`,
  );
  return { extendedDays: daysBetween(row.due_on, until) };
}

export interface VerifyInput {
  readonly method: string;
  readonly identifiers: readonly VerificationIdentifier[];
  readonly document?: string | undefined;
}

export function verifyRequest(db: SqlRunner, id: number, input: VerifyInput, userId: number, now: Date): { verificationId: number } {
  assertOpen(requireRow(db, id));
  const stamp = now.toISOString();
  // Once each, in one order whatever the order they were ticked in.
  const identifiers = JSON.stringify(VERIFICATION_IDENTIFIERS.filter((identifier) => input.identifiers.includes(identifier)));
  const verificationId = Number(
    db.run(sql`INSERT INTO request_verification (request_id, method, identifiers, document, verified_by, verified_at)
      VALUES (${id}, ${input.method}, ${identifiers}, ${input.document ?? null}, ${userId}, ${stamp})`).lastInsertRowid,
  );
  db.run(sql`UPDATE request SET status = 'verified', updated_at = ${stamp} WHERE id = ${id}`);
  return { verificationId };
}

/**
 * Attaches profiles to a verified request, each followed to where merges led it, with the records each
 * holds now: what the request was verified for, kept when identity later splits the profile.
 */
export function matchProfiles(
  db: SqlRunner,
  id: number,
  profileIds: readonly number[],
  userId: number,
  now: Date,
): { profileIds: number[]; profiles: number; records: number } {
  const row = requireRow(db, id);
  assertOpen(row);
  if (row.status !== 'verified')
    throw new AppError('CONFLICT', `Request ${id} is not verified: verify the requester’s identity first.`, { reason: 'requestNotVerified', requestId: id });
  const matchable = profileIds.map((profileId) => matchableProfileOf(db, profileId));
  const active = [...new Set(matchable.map((profile) => profile.id))];
  const erased = new Set(matchable.filter((profile) => profile.erased).map((profile) => profile.id));
  const stamp = now.toISOString();
  let profiles = 0;
  let records = 0;
  for (const profileId of active) {
    profiles += db.run(
      sql`INSERT OR IGNORE INTO request_profile (request_id, profile_id, matched_by, matched_at) VALUES (${id}, ${profileId}, ${userId}, ${stamp})`,
    ).changes;
    // What an erasure kept under a legal obligation is not the person's any more to be sent: the package says they were erased.
    if (erased.has(profileId)) continue;
    for (const recordId of recordsOf(db, profileId)) {
      records += db.run(sql`INSERT OR IGNORE INTO request_record (request_id, source_record_id, profile_id) VALUES (${id}, ${recordId}, ${profileId})`).changes;
    }
  }
  db.run(sql`UPDATE request SET updated_at = ${stamp} WHERE id = ${id}`);
  return { profileIds: active, profiles, records };
}

/** A fulfilled answer presumes a verified requester: closing as fulfilled before verification is refused. */
export function closeRequest(db: SqlRunner, id: number, outcome: RequestOutcome, note: string | undefined, userId: number, now: Date): { daysToClose: number } {
  const row = requireRow(db, id);
  if (row.status === 'closed') throw new AppError('CONFLICT', `Request ${id} is already closed.`, { reason: 'requestAlreadyClosed', requestId: id });
  if ((outcome === 'fulfilled' || outcome === 'partially_fulfilled') && row.status !== 'verified') {
    throw new AppError('CONFLICT', `Request ${id} is not verified: it cannot have been fulfilled.`, { reason: 'requestNotVerified', requestId: id });
  }
  const stamp = now.toISOString();
  db.run(
    sql`UPDATE request SET status = 'closed', outcome = ${outcome}, outcome_note = ${note ?? null}, closed_at = ${stamp}, closed_by = ${userId}, updated_at = ${stamp} WHERE id = ${id}`,
  );
  return { daysToClose: daysBetween(row.received_on, todayIn(now, vaultTimeZone(db))) };
}

/**
 * The guard the access package relies on: a request is ready for one only once the requester's identity
 * was verified and at least one profile matched.
 */
export function assertReadyForPackage(db: SqlRunner, id: number): { profileIds: number[]; recordIds: number[] } {
  const row = requireRow(db, id);
  assertOpen(row);
  if (row.status !== 'verified')
    throw new AppError('CONFLICT', `Request ${id} is not verified: no package before the requester’s identity is.`, {
      reason: 'requestNotVerified',
      requestId: id,
    });
  const profileIds = db
    .all<{ id: number }>(sql`SELECT profile_id AS id FROM request_profile WHERE request_id = ${id} ORDER BY profile_id`)
    .map((entry) => entry.id);
  if (profileIds.length === 0) throw new AppError('CONFLICT', `Request ${id} is matched to no profile yet.`, { reason: 'requestNotMatched', requestId: id });
  const recordIds = db
    .all<{ id: number }>(sql`SELECT source_record_id AS id FROM request_record WHERE request_id = ${id} ORDER BY source_record_id`)
    .map((entry) => entry.id);
  return { profileIds, recordIds };
}

function lastMonths(today: string, count: number): string[] {
  const [year, month] = today.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, index) => {
    const date = new Date(Date.UTC(year, month - 1 - (count - 1 - index), 1));
    return date.toISOString().slice(0, 7);
  });
}

export function requestStats(db: SqlRunner, now: Date): RequestStats {
  const timeZone = vaultTimeZone(db);
  const today = todayIn(now, timeZone);
  const months = lastMonths(today, 12);
  const rows = db.all<{ received_on: string; closed_at: string | null; deadline: string; status: string }>(sql`
    SELECT received_on, closed_at, coalesce(extended_due_on, due_on) AS deadline, status FROM request WHERE received_on >= ${`${months[0]!}-01`} OR status != 'closed'`);
  const closedDays = db
    .all<{ received_on: string; closed_at: string }>(sql`SELECT received_on, closed_at FROM request WHERE status = 'closed'`)
    .map((row) => ({ month: row.received_on.slice(0, 7), days: daysBetween(row.received_on, todayIn(new Date(row.closed_at), timeZone)) }));
  const weekEnd = addDays(today, 7);
  return {
    timeZone,
    months: months.map((month) => {
      const inMonth = rows.filter((row) => row.received_on.startsWith(month));
      return {
        month,
        opened: inMonth.length,
        closed: inMonth.filter((row) => row.status === 'closed').length,
        medianDaysToClose: median(closedDays.filter((entry) => entry.month === month).map((entry) => entry.days)),
      };
    }),
    medianDaysToClose: median(closedDays.map((entry) => entry.days)),
    open: rows.filter((row) => row.status !== 'closed').length,
    overdue: rows.filter((row) => row.status !== 'closed' && row.deadline < today).length,
    dueThisWeek: rows.filter((row) => row.status !== 'closed' && row.deadline >= today && row.deadline <= weekEnd).length,
  };
}
