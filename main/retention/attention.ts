/**
 * What retention asks a person to look at (counts only, every role reads them): people whose maintain-until
 * date has passed or passes before the month ends (not held), and sweeps refused in the last 30 days (holds
 * that end soon are erasure's item). Read from the dates as last refreshed: the home screen never waits for a
 * rebuild.
 */
import { sql, type SqlRunner } from '../store/sql';
import { addKeep } from './period';
import { vaultDay } from './sweep';

export interface RetentionAttentionItem {
  readonly kind: 'retentionDue' | 'retentionReview' | 'sweepsRefused';
  readonly severity: 'error' | 'warning' | 'info';
  readonly count: number;
  readonly sourceId: null;
  readonly name: string;
  readonly at: null;
  readonly target: { readonly place: 'retention' };
}

export function retentionAttention(db: SqlRunner, now: Date): RetentionAttentionItem[] {
  const today = vaultDay(db, now);
  const monthEnd = addKeep(`${today.slice(0, 8)}01`, { count: 1, unit: 'month' });
  const counts = db.get<{ anonymize: number; review: number }>(sql`
    SELECT coalesce(sum(rp.action = 'anonymize'), 0) AS anonymize, coalesce(sum(rp.action = 'review'), 0) AS review
    FROM retention_profile rp WHERE rp.until < ${monthEnd}
      AND NOT EXISTS (SELECT 1 FROM legal_hold h WHERE h.profile_id = rp.profile_id AND h.released_at IS NULL AND (h.until IS NULL OR h.until >= ${today}))`)!;
  // A refused sweep anonymized nobody: it stays on the home screen for 30 days, or until a later sweep ran.
  const since = new Date(now.getTime() - 30 * 86_400_000).toISOString();
  const refused =
    db.get<{ n: number }>(sql`SELECT count(*) AS n FROM retention_sweep s WHERE s.status = 'refused' AND s.finished_at >= ${since}
      AND NOT EXISTS (SELECT 1 FROM retention_sweep later WHERE later.id > s.id AND later.status = 'done')`)?.n ?? 0;
  const base = { sourceId: null, name: '', at: null, target: { place: 'retention' } } as const;
  const items: RetentionAttentionItem[] = [];
  if (refused > 0) items.push({ ...base, kind: 'sweepsRefused', severity: 'error', count: refused });
  if (counts.anonymize > 0) items.push({ ...base, kind: 'retentionDue', severity: 'warning', count: counts.anonymize });
  if (counts.review > 0) items.push({ ...base, kind: 'retentionReview', severity: 'info', count: counts.review });
  return items;
}
