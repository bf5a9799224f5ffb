/**
 * The vault's time zone, in which the calendar days of the law are counted (a request received, due, days
 * left). A vault may name it in its settings (`time_zone`, an IANA name); otherwise it is the zone of the
 * computer the vault is opened on, which for an offline desktop vault is the organisation's own.
 */
import { isTimeZone } from '../ingest/contract';
import { sql, type SqlRunner } from '../store/sql';
import { dayIn } from './deadlines';

export function vaultTimeZone(db: SqlRunner): string {
  const stored = db.get<{ value: string }>(sql`SELECT value FROM setting WHERE key = 'time_zone'`)?.value;
  if (stored !== undefined && isTimeZone(stored)) return stored;
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function todayIn(now: Date, timeZone: string): string {
  return dayIn(now, timeZone);
}
