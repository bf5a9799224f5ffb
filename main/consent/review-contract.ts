/**
 * The consent review (docs/consent.md, "The review"): counts and coverage series that hold no personal data
 * (auditors see them), the people behind each finding (stewards and administrators only), and a bulk action
 * previewed and confirmed. Part of the consent slice (contract.ts spreads it); self-contained so that the
 * slice file imports it without a loop.
 */
import { z } from 'zod';
import { IsoTime, method, roles } from '../core/contract-kit';

export const REVIEW_FINDINGS = ['expiring', 'disagree', 'unevidenced', 'stillUsed'] as const;
export const ReviewFinding = z.enum(REVIEW_FINDINGS);
export type ReviewFinding = z.infer<typeof ReviewFinding>;

export const REVIEW_STATES = ['granted', 'withdrawn', 'expired', 'objected'] as const;
const ReviewStateName = z.enum(REVIEW_STATES);

/** How many days ahead "expiring soon" looks; 30 by default. */
export const ExpiringDays = z.number().int().min(1).max(3650).default(30);

const StateCounts = z.object({ granted: z.number().int(), withdrawn: z.number().int(), expired: z.number().int(), objected: z.number().int() });
const FindingCounts = z.object({ expiring: z.number().int(), disagree: z.number().int(), unevidenced: z.number().int(), stillUsed: z.number().int() });

export const ReviewSummary = z.object({
  generatedAt: IsoTime,
  expiringDays: z.number().int(),
  /** How the derived table was brought up to date for this answer. */
  refreshed: z.object({ mode: z.enum(['unchanged', 'incremental', 'rebuilt', 'stale']), profiles: z.number().int(), ms: z.number() }),
  /** Person × purpose pairs per state and per finding, for each purpose of the catalog. */
  purposes: z.array(z.object({ purpose: z.string(), nameEn: z.string(), nameFr: z.string(), states: StateCounts, findings: FindingCounts })),
  totals: z.object({ states: StateCounts, findings: FindingCounts }),
  /** The last months, oldest first (`YYYY-MM`), and per purpose the people in each state at each month's end. */
  months: z.array(z.string()),
  coverage: z.array(z.object({ purpose: z.string(), series: z.array(StateCounts.extend({ month: z.string() })) })),
});
export type ReviewSummary = z.infer<typeof ReviewSummary>;

export const ReviewItem = z.object({
  profileId: z.number().int(),
  name: z.string(),
  purpose: z.string(),
  state: ReviewStateName,
  since: IsoTime.nullable(),
  lapsesAt: IsoTime.nullable(),
});
export type ReviewItem = z.infer<typeof ReviewItem>;

const ListFilter = z.object({
  finding: ReviewFinding,
  /** One purpose's code; every purpose when left out. */
  purpose: z.string().trim().min(1).max(64).optional(),
  expiringDays: ExpiringDays,
});

/** At most this many pairs in one bulk action (one transaction). */
export const BULK_LIMIT = 5_000;

export const BulkAction = ListFilter.extend({
  /** The pairs chosen in the list; every pair of the finding (up to BULK_LIMIT) when left out. */
  pairs: z
    .array(z.object({ profileId: z.number().int().positive(), purpose: z.string().trim().min(1).max(64) }))
    .min(1)
    .max(BULK_LIMIT)
    .optional(),
  kind: z.enum(['grant', 'withdrawal', 'objection']),
  method: z.enum(['web_form', 'paper', 'phone', 'email', 'in_person', 'steward']),
  /** Required for a grant given in bulk: a grant without evidence would only add to the findings. */
  evidence: z.string().trim().min(1).max(500).optional(),
  /** A grant given for a time ends then. */
  expiresAt: IsoTime.optional(),
  /** false: only say how many events would be recorded; true: record them. */
  confirm: z.boolean().default(false),
});
export type BulkAction = z.input<typeof BulkAction>;

const readers = roles('administrator', 'steward', 'auditor');
const people = roles('administrator', 'steward');

export const consentReviewMethods = {
  /** Counts and series only, no one named: auditors see them too. Refreshes the derived table first. */
  'consent.review': method({
    input: z.object({ expiringDays: ExpiringDays, rebuild: z.boolean().default(false) }),
    output: ReviewSummary,
    access: readers,
    audit: 'read-only',
  }),
  'consent.reviewList': method({
    input: ListFilter.extend({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(50) }),
    output: z.object({ total: z.number().int(), items: z.array(ReviewItem) }),
    access: people,
    audit: 'read-only',
  }),
  'consent.reviewAct': method({
    input: BulkAction,
    output: z.object({ confirmed: z.boolean(), count: z.number().int(), people: z.number().int(), eventIds: z.array(z.number().int()) }),
    access: people,
    audit: ['consent.recorded', 'consent.bulk_recorded'],
  }),
} as const;
