/**
 * Who an extract is about before the lease's purposes are applied: the active profiles the audience's filters
 * keep, in profile order. Countries and languages are the golden record's (as the extract writes them): a
 * person whose records state none is not in an audience that asks for some. Activity is the latest event or
 * record change read in the vault's time zone, consent is the ledger's state for a purpose.
 */
import type { ConsentOfMany } from '../../consent/index';
import { goldenValuesOfMany } from '../../identity/index';
import { wallTimeToUtc } from '../../ingest/index';
import { currentProfileId } from '../../profiles/index';
import { joinSql, sql, type SqlFragment, type SqlRunner } from '../../store/sql';
import type { Audience } from '../contract';

/** The instant a day (YYYY-MM-DD) begins in the zone, as stored times are written (UTC ISO). */
export function dayStart(day: string, timeZone: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(wallTimeToUtc({ year, month, day: date, hour: 0, minute: 0, second: 0, millisecond: 0 }, timeZone)).toISOString();
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

const LAST_ACTIVITY = sql`(SELECT max(x) FROM (
    SELECT max(r.updated_at) AS x FROM profile_member m JOIN source_record r ON r.id = m.source_record_id WHERE m.profile_id = p.id
    UNION ALL SELECT max(e.at) FROM profile_member m JOIN event e ON e.source_record_id = m.source_record_id WHERE m.profile_id = p.id))`;

/** The profile ids of the audience, ascending. `consent` must read the audience's consent purpose, if any. */
export function drawAudience(db: SqlRunner, audience: Audience, timeZone: string, consent: ConsentOfMany): number[] {
  const conditions: SqlFragment[] = [sql`p.status = 'active'`];
  if (audience.profileIds !== undefined) {
    // An id noted before a merge leads on to the person it became part of.
    const current = [...new Set(audience.profileIds.map((id) => currentProfileId(db, id)))];
    conditions.push(sql`p.id IN (SELECT value FROM json_each(${JSON.stringify(current)}))`);
  }
  if (audience.sourceIds !== undefined) {
    conditions.push(sql`EXISTS (SELECT 1 FROM profile_member m JOIN source_record r ON r.id = m.source_record_id
      WHERE m.profile_id = p.id AND r.source_id IN (SELECT value FROM json_each(${JSON.stringify(audience.sourceIds)})))`);
  }
  if (audience.activeFrom !== undefined) conditions.push(sql`${LAST_ACTIVITY} >= ${dayStart(audience.activeFrom, timeZone)}`);
  if (audience.activeTo !== undefined) conditions.push(sql`${LAST_ACTIVITY} < ${dayStart(nextDay(audience.activeTo), timeZone)}`);
  const query = sql`SELECT p.id FROM profile p WHERE ${joinSql(conditions, ' AND ')} ORDER BY p.id`;
  // One column of up to a million ids: plucked, not a million objects.
  let ids = db
    .statement(query.text)
    .pluck()
    .all(...query.params) as number[];
  if (audience.consent !== undefined) {
    const { purpose, states } = audience.consent;
    const wanted = new Set<string>(states);
    ids = ids.filter((id) => wanted.has(consent.state(id, purpose)));
  }
  return keepGolden(db, ids, audience);
}

/** The people whose golden country and language are among those asked for; both read in one pass. */
function keepGolden(db: SqlRunner, ids: number[], audience: Audience): number[] {
  const tests: { field: 'country' | 'language'; accepts: (value: string) => boolean }[] = [];
  if (audience.countries !== undefined) {
    const countries = new Set(audience.countries);
    tests.push({ field: 'country', accepts: (value) => countries.has(value.toUpperCase()) });
  }
  if (audience.languages !== undefined) {
    const languages = new Set(audience.languages);
    tests.push({ field: 'language', accepts: (value) => languages.has(value.toLowerCase()) });
  }
  if (tests.length === 0) return ids;
  const kept: number[] = [];
  const fields = tests.map((test) => test.field);
  for (const [id, values] of goldenValuesOfMany(db, ids, fields)) {
    if (tests.every((test, index) => values[index] != null && test.accepts(values[index]))) kept.push(id);
  }
  return kept;
}

/** `YYYYMMDD-HHmmss` of an instant in the zone, for file names. */
export function zoneStamp(now: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((item) => item.type === type)?.value ?? '00';
  return `${part('year')}${part('month')}${part('day')}-${part('hour')}${part('minute')}${part('second')}`;
}
