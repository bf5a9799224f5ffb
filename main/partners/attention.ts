/**
 * What the partner registers ask a person to look at (counts only, every role reads them): active agreements
 * within their notice period before they end (expiry is announced N days ahead, the agreement's own N),
 * active schedules whose last run did not end `ok` (a refused lease or an error: the partner got nothing),
 * and partners that need a transfer assessment and have none while an agreement with them is still in force
 * (every extract to them is refused until it is on file).
 */
import { todayIn, vaultTimeZone } from '../requests/index';
import { sql, type SqlRunner } from '../store/sql';
import { needsTransferAssessment } from './transfer';

export interface PartnersAttentionItem {
  readonly kind: 'agreementsExpiring' | 'schedulesFailing' | 'transferUnassessed';
  readonly severity: 'error' | 'warning';
  readonly count: number;
  readonly sourceId: null;
  readonly name: string;
  readonly at: null;
  readonly target: { readonly place: 'partners'; readonly view: 'agreements' | 'schedules' | 'partners' };
}

export function partnersAttention(db: SqlRunner, now: Date): PartnersAttentionItem[] {
  const today = todayIn(now, vaultTimeZone(db));
  const expiring =
    db.get<{ n: number }>(sql`
      SELECT count(*) AS n FROM agreement
      WHERE status = 'active' AND valid_to >= ${today} AND valid_to <= date(${today}, '+' || notice_days || ' days')`)?.n ?? 0;
  const failing =
    db.get<{ n: number }>(sql`SELECT count(*) AS n FROM extract_schedule WHERE active = 1 AND last_outcome IS NOT NULL AND last_outcome <> 'ok'`)?.n ?? 0;
  const unassessed = db
    .all<{ country: string; subdivision: string | null }>(
      sql`
      SELECT p.country, p.subdivision FROM partner p
      WHERE p.assessment_date IS NULL
        AND EXISTS (SELECT 1 FROM agreement a WHERE a.partner_id = p.id AND a.status = 'active' AND a.valid_to >= ${today})`,
    )
    .filter((partner) => needsTransferAssessment(partner.country, partner.subdivision)).length;
  const base = { sourceId: null, name: '', at: null } as const;
  const items: PartnersAttentionItem[] = [];
  if (failing > 0) items.push({ ...base, kind: 'schedulesFailing', severity: 'error', count: failing, target: { place: 'partners', view: 'schedules' } });
  if (unassessed > 0)
    items.push({ ...base, kind: 'transferUnassessed', severity: 'error', count: unassessed, target: { place: 'partners', view: 'partners' } });
  if (expiring > 0)
    items.push({ ...base, kind: 'agreementsExpiring', severity: 'warning', count: expiring, target: { place: 'partners', view: 'agreements' } });
  return items;
}
