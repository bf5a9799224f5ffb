/**
 * What an erasure keeps for statistics: each event reduced to its month, its type, an amount band, the region
 * (the postal code's first three characters) and an age band, counted into erasure_statistic with no link
 * to anyone. Kept only when at least k OTHER people still in the vault share the person's region and age band,
 * so that no statistic row describes a group smaller than k; otherwise the events are dropped.
 */
import { sql, type SqlRunner } from '../store/sql';
import type { Generalized } from './contract';

const AMOUNT_BANDS: readonly [number, string][] = [
  [10, '0–10'],
  [50, '10–50'],
  [100, '50–100'],
  [500, '100–500'],
  [1000, '500–1000'],
];

export function amountBand(amount: number | null): string {
  if (amount === null) return '';
  const magnitude = Math.abs(amount);
  for (const [limit, band] of AMOUNT_BANDS) if (magnitude < limit) return amount < 0 ? `-${band}` : band;
  return amount < 0 ? '-1000+' : '1000+';
}

/** The region statistics may name: the first three characters of a postal code, letters and digits only. */
export function regionOf(postalCode: string | null): string | null {
  const compact = (postalCode ?? '').toUpperCase().replace(/[^A-Z0-9]/g, '');
  return compact.length >= 3 ? compact.slice(0, 3) : null;
}

/** Ten-year bands on the day of the erasure; null when the birth date is unknown or not a date. */
export function ageBand(birthDate: string | null, today: string): string | null {
  if (birthDate === null || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) return null;
  let age = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  if (today.slice(5) < birthDate.slice(5)) age -= 1;
  if (age < 0 || age > 120) return null;
  const low = Math.floor(age / 10) * 10;
  return `${low}–${low + 9}`;
}

/** The birth dates of an age band on a day: born after `from`, on or before `to` (ISO text compares as dates). */
function birthRange(band: string, today: string): { after: string; through: string } {
  const low = Number(band.split('–')[0]);
  const year = Number(today.slice(0, 4));
  const rest = today.slice(4);
  return { after: `${String(year - low - 10).padStart(4, '0')}${rest}`, through: `${String(year - low).padStart(4, '0')}${rest}` };
}

interface Quasi {
  readonly region: string | null;
  readonly ageBand: string | null;
}

/** The person's region and age band: the most frequent among their records (the golden record's would do too). */
function quasiIdentifiers(db: SqlRunner, recordIds: readonly number[], today: string): Quasi {
  const rows = db.all<{ postal_code: string | null; birth_date: string | null }>(
    sql`SELECT postal_code, birth_date FROM source_record WHERE id IN (SELECT value FROM json_each(${JSON.stringify(recordIds)}))`,
  );
  const mostFrequent = (values: (string | null)[]): string | null => {
    const counts = new Map<string, number>();
    for (const value of values) if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
  };
  return {
    region: mostFrequent(rows.map((row) => regionOf(row.postal_code))),
    ageBand: mostFrequent(rows.map((row) => ageBand(row.birth_date, today))),
  };
}

/**
 * Whether at least k other active people share the group. Stops at the k-th: a populous group answers after
 * a few rows; a rare one costs a scan of the records, which is what proving it rare takes.
 */
function groupHasK(db: SqlRunner, quasi: Quasi, excludeProfiles: readonly number[], k: number, today: string): boolean {
  if (quasi.region === null || quasi.ageBand === null) return false;
  const range = birthRange(quasi.ageBand, today);
  const found = db.get<{ n: number }>(sql`
    SELECT count(*) AS n FROM (
      SELECT DISTINCT m.profile_id FROM source_record r JOIN profile_member m ON m.source_record_id = r.id JOIN profile p ON p.id = m.profile_id
      WHERE p.status = 'active' AND m.profile_id NOT IN (SELECT value FROM json_each(${JSON.stringify(excludeProfiles)}))
        AND substr(upper(replace(replace(r.postal_code, ' ', ''), '-', '')), 1, 3) = ${quasi.region}
        AND r.birth_date > ${range.after} AND r.birth_date <= ${range.through}
      LIMIT ${k})`);
  return (found?.n ?? 0) >= k;
}

interface StatisticRow {
  readonly month: string;
  readonly eventType: string;
  readonly amountBand: string;
  readonly events: number;
}

export interface GeneralizationPlan extends Generalized {
  readonly statistics: readonly StatisticRow[];
}

export function planGeneralization(db: SqlRunner, recordIds: readonly number[], profileIds: readonly number[], k: number, today: string): GeneralizationPlan {
  const quasi = quasiIdentifiers(db, recordIds, today);
  const rows = db.all<{ month: string; type: string; amount: number | null }>(
    sql`SELECT substr(at, 1, 7) AS month, type, amount FROM event WHERE source_record_id IN (SELECT value FROM json_each(${JSON.stringify(recordIds)}))`,
  );
  if (rows.length === 0 || !groupHasK(db, quasi, profileIds, k, today)) {
    return { events: 0, rows: 0, dropped: rows.length, region: null, ageBand: null, statistics: [] };
  }
  const counts = new Map<string, StatisticRow>();
  for (const row of rows) {
    const band = amountBand(row.amount);
    const key = `${row.month}\u001f${row.type}\u001f${band}`;
    const existing = counts.get(key);
    counts.set(key, { month: row.month, eventType: row.type, amountBand: band, events: (existing?.events ?? 0) + 1 });
  }
  const statistics = [...counts.values()].sort(
    (a, b) => a.month.localeCompare(b.month) || a.eventType.localeCompare(b.eventType) || a.amountBand.localeCompare(b.amountBand),
  );
  return { events: rows.length, rows: statistics.length, dropped: 0, region: quasi.region, ageBand: quasi.ageBand, statistics };
}

export function writeStatistics(db: SqlRunner, plan: GeneralizationPlan): void {
  if (plan.region === null || plan.ageBand === null) return;
  for (const row of plan.statistics) {
    db.run(sql`
      INSERT INTO erasure_statistic (month, event_type, amount_band, region, age_band, events)
      VALUES (${row.month}, ${row.eventType}, ${row.amountBand}, ${plan.region}, ${plan.ageBand}, ${row.events})
      ON CONFLICT (month, event_type, amount_band, region, age_band) DO UPDATE SET events = events + excluded.events`);
  }
}
