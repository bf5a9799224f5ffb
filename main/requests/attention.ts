/**
 * What the request register asks a person to look at, first thing after unlocking: requests past their
 * deadline, and requests due within seven days. Counts only, no names: every role reads the overview.
 */
import { sql, type SqlRunner } from '../store/sql';
import { addDays } from './deadlines';
import { todayIn, vaultTimeZone } from './zone';

export interface RequestAttentionItem {
  readonly kind: 'requestsOverdue' | 'requestsDue';
  readonly severity: 'error' | 'warning';
  readonly count: number;
  readonly sourceId: null;
  readonly name: string;
  readonly at: null;
  readonly target: { readonly place: 'requests' };
}

export function requestAttention(db: SqlRunner, now: Date): RequestAttentionItem[] {
  const today = todayIn(now, vaultTimeZone(db));
  const counts = db.get<{ overdue: number; due: number }>(sql`
    SELECT coalesce(sum(deadline < ${today}), 0) AS overdue, coalesce(sum(deadline >= ${today} AND deadline <= ${addDays(today, 7)}), 0) AS due
    FROM (SELECT coalesce(extended_due_on, due_on) AS deadline FROM request WHERE status IN ('open', 'verified'))`) ?? { overdue: 0, due: 0 };
  const items: RequestAttentionItem[] = [];
  if (counts.overdue > 0)
    items.push({ kind: 'requestsOverdue', severity: 'error', count: counts.overdue, sourceId: null, name: '', at: null, target: { place: 'requests' } });
  if (counts.due > 0)
    items.push({ kind: 'requestsDue', severity: 'warning', count: counts.due, sourceId: null, name: '', at: null, target: { place: 'requests' } });
  return items;
}
