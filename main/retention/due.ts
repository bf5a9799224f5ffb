/**
 * Reading the dates: who is due on a day (past their maintain-until, by purpose and month, held apart), a
 * person's dates with the holds on them, and who may still be used for a purpose on a day. Everything reads
 * `retention_profile`; the callers refresh it first.
 */
import { sql, type SqlFragment, type SqlRunner } from '../store/sql';
import type { DueList, ProfileRetention, PurposeUntil, RetentionAction } from './contract';
import { decodePurposes } from './compute';

/** A hold of any kind standing on the profile on `day`: its retention is suspended. */
function heldOn(day: string): SqlFragment {
  return sql`EXISTS (SELECT 1 FROM legal_hold h WHERE h.profile_id = rp.profile_id AND h.released_at IS NULL AND (h.until IS NULL OR h.until >= ${day}))`;
}

export interface DueFilter {
  readonly on: string;
  readonly purposeId?: number | undefined;
  readonly action?: RetentionAction | undefined;
  readonly limit: number;
  readonly offset: number;
}

function purposeCodes(db: SqlRunner): Map<number, string> {
  return new Map(db.all<{ id: number; code: string }>(sql`SELECT id, code FROM purpose`).map((row) => [row.id, row.code]));
}

export function dueList(db: SqlRunner, filter: DueFilter, refreshedAt: string | null): Omit<DueList, 'on'> & { on: string } {
  const codes = purposeCodes(db);
  const narrowed = sql`${filter.purposeId === undefined ? sql`` : sql`AND rp.purpose_id = ${filter.purposeId}`} ${
    filter.action === undefined ? sql`` : sql`AND rp.action = ${filter.action}`
  }`;
  // One pass over the due range gives every count and the chart.
  const groups = db.all<{ purposeId: number | null; month: string; action: RetentionAction; held: number; n: number }>(sql`
    SELECT rp.purpose_id AS purposeId, substr(rp.until, 1, 7) AS month, rp.action, ${heldOn(filter.on)} AS held, count(*) AS n
    FROM retention_profile rp WHERE rp.until < ${filter.on} ${narrowed}
    GROUP BY 1, 2, 3, 4`);
  let total = 0;
  let toAnonymize = 0;
  let toReview = 0;
  let held = 0;
  const chart = new Map<string, { purposeId: number | null; purpose: string | null; month: string; count: number }>();
  for (const group of groups) {
    if (group.held === 1) {
      held += group.n;
      continue;
    }
    total += group.n;
    if (group.action === 'anonymize') toAnonymize += group.n;
    else toReview += group.n;
    const key = `${group.purposeId}|${group.month}`;
    const entry = chart.get(key);
    if (entry) entry.count += group.n;
    else
      chart.set(key, {
        purposeId: group.purposeId,
        purpose: group.purposeId === null ? null : (codes.get(group.purposeId) ?? null),
        month: group.month,
        count: group.n,
      });
  }
  const items = db
    .all<{ profileId: number; name: string; until: string; purposeId: number | null; ruleId: number | null; action: RetentionAction }>(
      sql`
      SELECT rp.profile_id AS profileId, p.display_name AS name, rp.until, rp.purpose_id AS purposeId, rp.rule_id AS ruleId, rp.action
      FROM retention_profile rp JOIN profile p ON p.id = rp.profile_id
      WHERE rp.until < ${filter.on} ${narrowed} AND NOT ${heldOn(filter.on)}
      ORDER BY rp.until, rp.profile_id LIMIT ${filter.limit} OFFSET ${filter.offset}`,
    )
    .map((row) => ({ ...row, purpose: row.purposeId === null ? null : (codes.get(row.purposeId) ?? null) }));
  return {
    on: filter.on,
    total,
    toAnonymize,
    toReview,
    held,
    byPurposeMonth: [...chart.values()].sort((a, b) => a.month.localeCompare(b.month) || String(a.purpose).localeCompare(String(b.purpose))),
    items,
    refreshedAt,
  };
}

/** The due profiles a sweep on `day` anonymizes (rule says anonymize, no hold), and how many it leaves. */
export function sweepable(db: SqlRunner, day: string): { profileIds: number[]; held: number; review: number } {
  const profileIds = db
    .statement(
      `SELECT rp.profile_id FROM retention_profile rp WHERE rp.until < ? AND rp.action = 'anonymize' AND NOT ${heldOn(day).text} ORDER BY rp.profile_id`,
    )
    .pluck()
    .all(day, ...heldOn(day).params) as number[];
  const left = db.get<{ held: number; review: number }>(sql`
    SELECT coalesce(sum(${heldOn(day)}), 0) AS held, coalesce(sum(NOT ${heldOn(day)} AND rp.action = 'review'), 0) AS review
    FROM retention_profile rp WHERE rp.until < ${day}`)!;
  return { profileIds, held: left.held, review: left.review };
}

export function profileRetention(db: SqlRunner, profileId: number, today: string): ProfileRetention {
  const codes = purposeCodes(db);
  const row = db.get<{ until: string | null; purposeId: number | null; ruleId: number | null; action: RetentionAction | null; purposes: string }>(sql`
    SELECT until, purpose_id AS purposeId, rule_id AS ruleId, action, purposes FROM retention_profile WHERE profile_id = ${profileId}`);
  const holds = db.all<{ id: number; kind: string; until: string | null }>(sql`
    SELECT id, kind, until FROM legal_hold WHERE profile_id = ${profileId} AND released_at IS NULL AND (until IS NULL OR until >= ${today}) ORDER BY id`);
  const purposes: PurposeUntil[] = decodePurposes(row?.purposes ?? '').map((date) => ({
    ...date,
    purpose: codes.get(date.purposeId) ?? String(date.purposeId),
  }));
  const until = row?.until ?? null;
  return {
    profileId,
    until,
    purposeId: row?.purposeId ?? null,
    ruleId: row?.ruleId ?? null,
    action: row?.action ?? null,
    purposes,
    holds,
    due: until !== null && until < today && holds.length === 0,
    today,
  };
}

/** The active profiles that may still be used for the purpose on `day`: live, with no end or an end on or after it. */
export function mayKeep(
  db: SqlRunner,
  purposeId: number,
  day: string,
  limit: number,
  offset: number,
): { total: number; items: { profileId: number; name: string; until: string | null }[] } {
  const marker = `;${purposeId}:`;
  const statement = db.statement(
    `SELECT rp.profile_id, p.display_name, rp.purposes FROM retention_profile rp JOIN profile p ON p.id = rp.profile_id
     WHERE instr(';' || rp.purposes, ?) > 0 ORDER BY rp.profile_id`,
  );
  statement.raw(true);
  let total = 0;
  const items: { profileId: number; name: string; until: string | null }[] = [];
  for (const [profileId, name, purposes] of statement.iterate(marker) as IterableIterator<[number, string, string]>) {
    const date = decodePurposes(purposes).find((entry) => entry.purposeId === purposeId);
    if (date === undefined || !date.live || (date.until !== null && date.until < day)) continue;
    if (total >= offset && items.length < limit) items.push({ profileId, name, until: date.until });
    total += 1;
  }
  return { total, items };
}
