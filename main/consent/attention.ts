/**
 * What the consent review asks a steward to look at, for the home screen: consents ending within 30 days
 * and people whose sources disagree. Counts only, no names. The home screen never waits for a full
 * derivation: when one is due (never built, a declaration changed, a bulk import), it shows nothing until
 * the Consent screen has built it.
 */
import { sql, type SqlRunner } from '../store/sql';
import { refreshConsentState } from './review-state';

export interface ConsentAttentionItem {
  readonly kind: 'consentExpiring' | 'consentDisagree';
  readonly severity: 'warning' | 'info';
  readonly count: number;
  readonly sourceId: null;
  readonly name: string;
  readonly at: null;
  readonly target: { readonly place: 'consent'; readonly finding: 'expiring' | 'disagree' };
}

const DAY_MS = 86_400_000;
export const ATTENTION_EXPIRING_DAYS = 30;

export function consentAttention(db: SqlRunner, now: Date): ConsentAttentionItem[] {
  if (refreshConsentState(db, now, { mayRebuild: false }).mode === 'stale') return [];
  const items: ConsentAttentionItem[] = [];
  const disagree = db.get<{ n: number | null }>(sql`SELECT sum(n) AS n FROM consent_tally WHERE month = '' AND key = 'disagree'`)?.n ?? 0;
  const until = new Date(now.getTime() + ATTENTION_EXPIRING_DAYS * DAY_MS).toISOString();
  const expiring =
    db.get<{ n: number }>(
      sql`SELECT count(*) AS n FROM consent_state WHERE lapses_at IS NOT NULL AND lapses_at > ${now.toISOString()} AND lapses_at <= ${until}`,
    )?.n ?? 0;
  if (disagree > 0)
    items.push({
      kind: 'consentDisagree',
      severity: 'warning',
      count: disagree,
      sourceId: null,
      name: '',
      at: null,
      target: { place: 'consent', finding: 'disagree' },
    });
  if (expiring > 0)
    items.push({
      kind: 'consentExpiring',
      severity: 'info',
      count: expiring,
      sourceId: null,
      name: '',
      at: null,
      target: { place: 'consent', finding: 'expiring' },
    });
  return items;
}
