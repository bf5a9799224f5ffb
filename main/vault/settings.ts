import { sql, type SqlRunner } from '../store/sql';

export const DEFAULT_IDLE_LOCK_MINUTES = 15;

export function getSetting(db: SqlRunner, key: string): string | null {
  return db.get<{ value: string }>(sql`SELECT value FROM setting WHERE key = ${key}`)?.value ?? null;
}

export function putSetting(db: SqlRunner, key: string, value: string): void {
  db.run(sql`INSERT INTO setting (key, value) VALUES (${key}, ${value}) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
}

export function idleLockMinutes(db: SqlRunner): number {
  const stored = Number(getSetting(db, 'idle_lock_minutes'));
  return Number.isInteger(stored) && stored > 0 ? stored : DEFAULT_IDLE_LOCK_MINUTES;
}
