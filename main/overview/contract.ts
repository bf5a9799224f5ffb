/**
 * The overview slice of the contract: what needs attention, and the home screen's charts. Each capability
 * adds its own kinds of item (ingest's; identity's pairs to review and conflicts; requests due, consents,
 * leases and retention later), all shaped alike, so the home screen draws any of them as one more tile.
 * Counts and names of sources only, never personal data: every role reads this, auditors included.
 */
import { z } from 'zod';
import { Empty, IsoTime, method, roles } from '../core/contract-kit';

export const ATTENTION_KINDS = [
  'runFailed',
  'runRejectedAll',
  'runRejectedSome',
  'runUndone',
  'connectorFailing',
  'connectorOverdue',
  'flaggedRecords',
  'identityReview',
  'identityConflicts',
  'identityUnlinked',
  'requestsOverdue',
  'requestsDue',
  'heldRecords',
  'consentExpiring',
  'consentDisagree',
  'erasuresWaiting',
  'erasureUnverified',
  'holdsEnding',
  'agreementsExpiring',
  'schedulesFailing',
  'transferUnassessed',
  'retentionDue',
  'retentionReview',
  'sweepsRefused',
] as const;
export const AttentionKind = z.enum(ATTENTION_KINDS);
export type AttentionKind = z.infer<typeof AttentionKind>;

/** Where the item is put right; the interface maps each place to a screen the role may open. */
export const AttentionTarget = z.discriminatedUnion('place', [
  /** Sources › Import history, that run selected (its rejected rows opened, for those who may read them). */
  z.object({ place: z.literal('runs'), runId: z.number().int() }),
  z.object({ place: z.literal('connectors'), sourceId: z.number().int() }),
  z.object({ place: z.literal('quality'), sourceId: z.number().int() }),
  /** Identities, on its review queue or its list of contradicting decisions. */
  z.object({ place: z.literal('identity'), view: z.enum(['review', 'conflicts']) }),
  /** The Requests screen, its open requests by deadline. */
  z.object({ place: z.literal('requests') }),
  /** People, on the records held for a lawful basis (the consent intake gate). */
  z.object({ place: z.literal('held') }),
  /** The Consent screen, on one finding of the review. */
  z.object({ place: z.literal('consent'), finding: z.enum(['expiring', 'disagree']) }),
  /** The Erasure screen: its certificates and legal holds. */
  z.object({ place: z.literal('erasure') }),
  /** The Partners screen: its agreements, its schedules or its partners. */
  z.object({ place: z.literal('partners'), view: z.enum(['agreements', 'schedules', 'partners']) }),
  /** The Retention screen: what is due, the rules, the sweeps. */
  z.object({ place: z.literal('retention') }),
]);
export type AttentionTarget = z.infer<typeof AttentionTarget>;

export const AttentionItem = z.object({
  kind: AttentionKind,
  severity: z.enum(['error', 'warning', 'info']),
  /** What the kind counts: rejected rows, consecutive failures, a schedule's minutes, records to review. */
  count: z.number().int(),
  /** Null for an item about no one source (identity's pairs and conflicts span them all). */
  sourceId: z.number().int().nullable(),
  name: z.string(),
  at: IsoTime.nullable(),
  target: AttentionTarget,
});
export type AttentionItem = z.infer<typeof AttentionItem>;

/** The same figures as quality.summary's counts (FlagCount), for every source at once. */
const ReasonCount = z.object({ field: z.string(), code: z.string(), column: z.string(), records: z.number().int(), flags: z.number().int() });

export const OverviewFigures = z.object({
  recordsPerSource: z.array(z.object({ sourceId: z.number().int(), sourceName: z.string(), records: z.number().int() })),
  /** The last twelve months, `YYYY-MM` (UTC), oldest first, empty months included. */
  importsPerMonth: z.array(z.object({ month: z.string(), runs: z.number().int(), rows: z.number().int() })),
  /** Across every source, by field, reason and column (list positions folded). */
  flagsByReason: z.array(ReasonCount),
});
export type OverviewFigures = z.infer<typeof OverviewFigures>;

const everyone = roles('administrator', 'steward', 'auditor');

export const overviewMethods = {
  /** Most serious first. Records to review only for those who may open Data quality. */
  'overview.attention': method({ input: Empty, output: z.array(AttentionItem), access: everyone, audit: 'read-only' }),
  'overview.figures': method({ input: Empty, output: OverviewFigures, access: everyone, audit: 'read-only' }),
} as const;
