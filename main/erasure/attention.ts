/**
 * What erasure asks a person to look at: verified erasure requests still waiting for the erasure, erasures
 * whose verification scan is missing or found traces, and legal holds ending within 30 days (an obligation
 * that lapses frees records to erase; a litigation hold that lapses lets an erasure through). Counts only.
 */
import { todayIn, vaultTimeZone } from '../requests/index';
import { sql, type SqlRunner } from '../store/sql';

export interface ErasureAttentionItem {
  readonly kind: 'erasuresWaiting' | 'erasureUnverified' | 'holdsEnding';
  readonly severity: 'error' | 'warning';
  readonly count: number;
  readonly sourceId: null;
  readonly name: string;
  readonly at: null;
  readonly target: { readonly place: 'requests' } | { readonly place: 'erasure' };
}

function inDays(today: string, days: number): string {
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function erasureAttention(db: SqlRunner, now: Date): ErasureAttentionItem[] {
  const today = todayIn(now, vaultTimeZone(db));
  const waiting = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM request WHERE type = 'erasure' AND status = 'verified'`)?.n ?? 0;
  const unverified = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM erasure WHERE scan IS NULL OR json_extract(scan, '$.clean') = 0`)?.n ?? 0;
  const ending =
    db.get<{ n: number }>(sql`SELECT count(*) AS n FROM legal_hold WHERE released_at IS NULL AND until >= ${today} AND until <= ${inDays(today, 30)}`)?.n ?? 0;
  const base = { sourceId: null, name: '', at: null } as const;
  const items: ErasureAttentionItem[] = [];
  if (waiting > 0) items.push({ ...base, kind: 'erasuresWaiting', severity: 'warning', count: waiting, target: { place: 'requests' } });
  if (unverified > 0) items.push({ ...base, kind: 'erasureUnverified', severity: 'error', count: unverified, target: { place: 'erasure' } });
  if (ending > 0) items.push({ ...base, kind: 'holdsEnding', severity: 'warning', count: ending, target: { place: 'erasure' } });
  return items;
}
