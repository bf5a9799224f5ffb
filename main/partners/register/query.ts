/**
 * The register filtered: per partner, per agreement, per period (calendar days of the vault's time zone, both
 * included) and per person. Each filter rides an index of migration 027: `extract_partner_at`,
 * `extract_agreement_at`, `extract_at`, and for a person the disclosure's primary key (profile first), so
 * 100 k extracts filter in a few milliseconds (bench/partners-register.ts).
 */
import { AppError } from '../../core/errors';
import { wallTimeToUtc } from '../../ingest/index';
import { currentProfileId } from '../../profiles/index';
import { vaultTimeZone } from '../../requests/index';
import { emptySql, joinSql, sql, type SqlFragment, type SqlRunner } from '../../store/sql';
import type { RegisterEntry, RegisterFilter } from '../contract';
import { REGISTER_SELECT, toRegisterEntry, type RegisterRow } from './entry';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayStart(day: string, timeZone: string, after: 0 | 1): string {
  const match = DAY.exec(day);
  const [year, month, date] = match === null ? [NaN, NaN, NaN] : [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, date));
  // A day that Date rolls over (2026-02-30) is not a day.
  if (match === null || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date)
    throw new AppError('INVALID_INPUT', `“${day}” is not a date written YYYY-MM-DD.`, { reason: 'badDay', value: day });
  const next = new Date(Date.UTC(year, month - 1, date + after));
  const start = wallTimeToUtc(
    { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate(), hour: 0, minute: 0, second: 0, millisecond: 0 },
    timeZone,
  );
  return new Date(start).toISOString();
}

/**
 * The person's profile and every profile merged into it, at any depth: an extract made before a merge named
 * the profile as it was then. A merged-away id leads on to the profile that holds the person now.
 */
export function profileLineage(db: SqlRunner, profileId: number): number[] {
  const current = currentProfileId(db, profileId);
  return db
    .all<{ id: number }>(
      sql`WITH RECURSIVE lineage (id) AS (SELECT ${current} UNION SELECT p.id FROM profile p JOIN lineage l ON p.merged_into = l.id)
        SELECT id FROM lineage ORDER BY id`,
    )
    .map((row) => row.id);
}

/** The conditions of a filter, the period turned into UTC bounds with the vault's zone. */
function registerConditions(db: SqlRunner, filter: RegisterFilter): SqlFragment[] {
  if (filter.from !== undefined && filter.to !== undefined && filter.from > filter.to)
    throw new AppError('INVALID_INPUT', `The period ends (${filter.to}) before it starts (${filter.from}).`, {
      reason: 'registerPeriodReversed',
      from: filter.from,
      to: filter.to,
    });
  const zone = filter.from === undefined && filter.to === undefined ? 'UTC' : vaultTimeZone(db);
  const parts: SqlFragment[] = [];
  if (filter.from !== undefined) parts.push(sql`e.at >= ${dayStart(filter.from, zone, 0)}`);
  if (filter.to !== undefined) parts.push(sql`e.at < ${dayStart(filter.to, zone, 1)}`);
  if (filter.partnerId !== undefined) parts.push(sql`e.partner_id = ${filter.partnerId}`);
  if (filter.agreementId !== undefined) parts.push(sql`e.agreement_id = ${filter.agreementId}`);
  if (filter.profileId !== undefined) {
    const ids = JSON.stringify(profileLineage(db, filter.profileId));
    parts.push(sql`e.id IN (SELECT d.extract_id FROM disclosure d WHERE d.profile_id IN (SELECT value FROM json_each(${ids})))`);
  }
  return parts;
}

const whereOf = (parts: readonly SqlFragment[]): SqlFragment => (parts.length === 0 ? emptySql : sql`WHERE ${joinSql(parts, ' AND ')}`);

export interface RegisterPage {
  readonly total: number;
  readonly people: number;
  readonly entries: RegisterEntry[];
}

/** Newest first; the id breaks ties between extracts of one millisecond. */
export function listRegister(db: SqlRunner, filter: RegisterFilter, limit: number, offset: number): RegisterPage {
  const where = whereOf(registerConditions(db, filter));
  const sums = db.get<{ total: number; people: number | null }>(sql`SELECT count(*) AS total, sum(e.people) AS people FROM extract e ${where}`);
  const rows = db.all<RegisterRow>(sql`${REGISTER_SELECT} ${where} ORDER BY e.at DESC, e.id DESC LIMIT ${limit} OFFSET ${offset}`);
  return { total: sums?.total ?? 0, people: sums?.people ?? 0, entries: rows.map(toRegisterEntry) };
}

/** Every entry of a filter, newest first, page after page (an export of the whole register stays in bounded memory). */
export function* registerEntries(db: SqlRunner, filter: RegisterFilter, page = 5_000): Generator<RegisterEntry[]> {
  const conditions = registerConditions(db, filter);
  for (let last: RegisterEntry | undefined; ;) {
    const after = last === undefined ? [] : [sql`(e.at < ${last.at} OR (e.at = ${last.at} AND e.id < ${last.id}))`];
    const rows = db.all<RegisterRow>(sql`${REGISTER_SELECT} ${whereOf([...conditions, ...after])} ORDER BY e.at DESC, e.id DESC LIMIT ${page}`);
    const entries = rows.map(toRegisterEntry);
    if (entries.length > 0) yield entries;
    if (entries.length < page) return;
    last = entries.at(-1);
  }
}
