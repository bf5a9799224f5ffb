/**
 * The consent review: what the counts, the coverage charts and the lists of the Consent screen and
 * `custodia consent review` say, read from the derived table (review-state.ts) after bringing it up to
 * date, and the bulk action a steward confirms. Counts and series name no one; lists are of people.
 */
import { AppError } from '../core/errors';
import { sql, type SqlFragment, type SqlRunner } from '../store/sql';
import { requireRule } from './catalog';
import { recordConsent } from './record';
import { BULK_LIMIT, REVIEW_STATES, type BulkAction, type ReviewFinding, type ReviewItem, type ReviewSummary } from './review-contract';
import { refreshConsentState } from './review-state';

/** Months in the coverage charts, the current one included. */
export const COVERAGE_MONTHS = 24;
const DAY_MS = 86_400_000;

type StateCounts = ReviewSummary['totals']['states'];
type FindingCounts = ReviewSummary['totals']['findings'];

const noStates = (): StateCounts => ({ granted: 0, withdrawn: 0, expired: 0, objected: 0 });
const noFindings = (): FindingCounts => ({ expiring: 0, disagree: 0, unevidenced: 0, stillUsed: 0 });

/** The `count` months up to the one of `now`, oldest first. */
export function lastMonths(now: Date, count: number): string[] {
  const months: string[] = [];
  for (let back = count - 1; back >= 0; back -= 1) months.push(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString().slice(0, 7));
  return months;
}

function expiringWindow(now: Date, days: number): { from: string; to: string } {
  return { from: now.toISOString(), to: new Date(now.getTime() + days * DAY_MS).toISOString() };
}

export interface SummaryOptions {
  readonly expiringDays: number;
  readonly rebuild?: boolean;
  /** False when the vault stopped writing (a damaged page): the counts are read as last refreshed. */
  readonly mayRefresh?: boolean;
}

export function reviewSummary(db: SqlRunner, now: Date, options: SummaryOptions): ReviewSummary {
  const refreshed =
    options.mayRefresh === false ? { mode: 'stale' as const, profiles: 0, ms: 0 } : refreshConsentState(db, now, { rebuild: options.rebuild === true });
  // Not listPurposes: it counts every purpose's events, which at millions of events is the whole answer's time.
  const purposes = db.all<{ id: number; code: string; nameEn: string; nameFr: string }>(
    sql`SELECT id, code, name_en AS nameEn, name_fr AS nameFr FROM purpose ORDER BY id`,
  );
  const states = new Map(purposes.map((purpose) => [purpose.id, noStates()]));
  const findings = new Map(purposes.map((purpose) => [purpose.id, noFindings()]));
  for (const row of db.all<{ purposeId: number; key: string; n: number }>(sql`SELECT purpose_id AS purposeId, key, n FROM consent_tally WHERE month = ''`)) {
    const own = states.get(row.purposeId);
    const flags = findings.get(row.purposeId);
    if (own === undefined || flags === undefined) continue;
    if (row.key in own) own[row.key as keyof StateCounts] = row.n;
    else if (row.key in flags) flags[row.key as keyof FindingCounts] = row.n;
  }
  const window = expiringWindow(now, options.expiringDays);
  for (const row of db.all<{ purposeId: number; n: number }>(sql`
    SELECT purpose_id AS purposeId, count(*) AS n FROM consent_state
    WHERE lapses_at IS NOT NULL AND lapses_at > ${window.from} AND lapses_at <= ${window.to} GROUP BY purpose_id`)) {
    const flags = findings.get(row.purposeId);
    if (flags !== undefined) flags.expiring = row.n;
  }

  // Coverage: the running sum of the month deltas, up to each of the last months.
  const months = lastMonths(now, COVERAGE_MONTHS);
  const series = new Map(purposes.map((purpose) => [purpose.id, months.map((month) => ({ month, ...noStates() }))]));
  const running = new Map(purposes.map((purpose) => [purpose.id, noStates()]));
  const deltas = db.all<{ purposeId: number; month: string; key: keyof StateCounts; n: number }>(sql`
    SELECT purpose_id AS purposeId, month, key, n FROM consent_tally WHERE month <> '' ORDER BY month`);
  let next = 0;
  for (const [index, month] of months.entries()) {
    while (next < deltas.length && deltas[next]!.month <= month) {
      const delta = deltas[next]!;
      const sum = running.get(delta.purposeId);
      if (sum !== undefined && delta.key in sum) sum[delta.key] += delta.n;
      next += 1;
    }
    for (const [purposeId, sum] of running) series.get(purposeId)![index] = { month, ...sum };
  }

  const totals = { states: noStates(), findings: noFindings() };
  for (const purpose of purposes) {
    for (const state of REVIEW_STATES) totals.states[state] += states.get(purpose.id)![state];
    for (const key of Object.keys(totals.findings) as (keyof FindingCounts)[]) totals.findings[key] += findings.get(purpose.id)![key];
  }
  return {
    generatedAt: now.toISOString(),
    expiringDays: options.expiringDays,
    refreshed: { mode: refreshed.mode, profiles: refreshed.profiles, ms: refreshed.ms },
    purposes: purposes.map((purpose) => ({
      purpose: purpose.code,
      nameEn: purpose.nameEn,
      nameFr: purpose.nameFr,
      states: states.get(purpose.id)!,
      findings: findings.get(purpose.id)!,
    })),
    totals,
    months,
    coverage: purposes.map((purpose) => ({ purpose: purpose.code, series: series.get(purpose.id)! })),
  };
}

export interface ListFilter {
  readonly finding: ReviewFinding;
  readonly purpose?: string | undefined;
  readonly expiringDays: number;
}

/** The rows of one finding, as a WHERE clause over `consent_state s`. */
function findingWhere(db: SqlRunner, filter: ListFilter, now: Date): SqlFragment {
  const purposeId = filter.purpose === undefined ? null : requireRule(db, filter.purpose).id;
  const purpose = purposeId === null ? sql`` : sql` AND s.purpose_id = ${purposeId}`;
  switch (filter.finding) {
    case 'expiring': {
      const window = expiringWindow(now, filter.expiringDays);
      return sql`s.lapses_at IS NOT NULL AND s.lapses_at > ${window.from} AND s.lapses_at <= ${window.to}${purpose}`;
    }
    case 'disagree':
      return sql`s.disagree = 1${purpose}`;
    case 'unevidenced':
      return sql`s.unevidenced = 1${purpose}`;
    case 'stillUsed':
      return sql`s.still_used = 1${purpose}`;
  }
}

function order(finding: ReviewFinding): SqlFragment {
  return finding === 'expiring' ? sql`s.lapses_at, s.profile_id, s.purpose_id` : sql`s.purpose_id, s.profile_id`;
}

export function reviewList(
  db: SqlRunner,
  now: Date,
  filter: ListFilter & { offset: number; limit: number },
  mayRefresh = true,
): { total: number; items: ReviewItem[] } {
  if (mayRefresh) refreshConsentState(db, now);
  const where = findingWhere(db, filter, now);
  const total = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM consent_state s WHERE ${where}`)!.n;
  const items = db.all<ReviewItem>(sql`
    SELECT s.profile_id AS profileId, coalesce(p.display_name, '') AS name, pu.code AS purpose, s.state, s.since, s.lapses_at AS lapsesAt
    FROM consent_state s JOIN purpose pu ON pu.id = s.purpose_id LEFT JOIN profile p ON p.id = s.profile_id
    WHERE ${where} ORDER BY ${order(filter.finding)} LIMIT ${filter.limit} OFFSET ${filter.offset}`);
  return { total, items };
}

export interface BulkResult {
  readonly confirmed: boolean;
  readonly count: number;
  readonly people: number;
  readonly eventIds: number[];
}

/**
 * A steward's event for each chosen pair of a finding, through the same path as one recorded by hand
 * (record.ts: same rules, same ledger). Without `confirm`, only the count is given. Pairs no longer in the
 * finding (the list was read before someone else acted) are left out rather than recorded blindly.
 */
export function reviewAct(db: SqlRunner, input: BulkAction & { expiringDays: number }, userId: number, now: Date, mayRefresh = true): BulkResult {
  if (input.kind === 'grant' && input.evidence === undefined) {
    throw new AppError('INVALID_INPUT', 'A grant recorded in bulk needs its evidence.', { reason: 'bulkGrantNeedsEvidence' });
  }
  if (mayRefresh) refreshConsentState(db, now);
  const where = findingWhere(db, input, now);
  let pairs: { profileId: number; purpose: string }[];
  if (input.pairs !== undefined) {
    // The chosen pairs that are still in the finding, wherever they are in it.
    pairs = db.all<{ profileId: number; purpose: string }>(sql`
      SELECT DISTINCT s.profile_id AS profileId, pu.code AS purpose FROM json_each(${JSON.stringify(input.pairs)}) j
      CROSS JOIN purpose pu ON pu.code = json_extract(j.value, '$.purpose')
      JOIN consent_state s ON s.profile_id = json_extract(j.value, '$.profileId') AND s.purpose_id = pu.id
      WHERE ${where} ORDER BY s.profile_id, pu.code`);
  } else {
    pairs = db.all<{ profileId: number; purpose: string }>(sql`
      SELECT s.profile_id AS profileId, pu.code AS purpose FROM consent_state s JOIN purpose pu ON pu.id = s.purpose_id
      WHERE ${where} ORDER BY ${order(input.finding)} LIMIT ${BULK_LIMIT + 1}`);
    if (pairs.length > BULK_LIMIT) {
      throw new AppError('INVALID_INPUT', `At most ${BULK_LIMIT} consents in one action: choose a purpose or select people.`, {
        reason: 'bulkTooMany',
        limit: BULK_LIMIT,
      });
    }
  }
  const people = new Set(pairs.map((pair) => pair.profileId)).size;
  if (input.confirm !== true) return { confirmed: false, count: pairs.length, people, eventIds: [] };
  const eventIds = pairs.map(
    (pair) =>
      recordConsent(
        db,
        {
          profileId: pair.profileId,
          purpose: pair.purpose,
          kind: input.kind,
          method: input.method,
          evidence: input.evidence,
          expiresAt: input.kind === 'grant' ? input.expiresAt : undefined,
        },
        userId,
        now,
      ).eventId,
  );
  return { confirmed: true, count: eventIds.length, people, eventIds };
}
