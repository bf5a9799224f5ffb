/** The administrator's k: the smallest group statistics may describe (default 5). */
import { sql, type SqlRunner } from '../store/sql';
import type { ErasureSettings } from './contract';

const K = 'erasure_k';
export const DEFAULT_K = 5;

export function readErasureSettings(db: SqlRunner): ErasureSettings {
  const stored = Number(db.get<{ value: string }>(sql`SELECT value FROM setting WHERE key = ${K}`)?.value);
  return { k: Number.isInteger(stored) && stored >= 2 ? stored : DEFAULT_K };
}

export function saveErasureSettings(db: SqlRunner, settings: ErasureSettings): ErasureSettings {
  db.run(sql`INSERT INTO setting (key, value) VALUES (${K}, ${String(settings.k)}) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
  return readErasureSettings(db);
}
