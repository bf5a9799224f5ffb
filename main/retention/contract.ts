/**
 * Retention and maintain-until (docs/retention.md): the rules that say how long each purpose's data may be
 * kept, every profile's maintain-until date per purpose and overall, the due list, and the sweeps that
 * anonymize what is due through the erasure engine. Environment-neutral like every contract file.
 */
import { z } from 'zod';
import { IsoTime, jobMethod, method, roles } from '../core/contract-kit';
import { CalendarDay } from '../requests/contract';

export const ANCHORS = ['last_activity', 'last_purchase', 'last_contact', 'contract_end', 'consent_withdrawn', 'account_closed'] as const;
export const Anchor = z.enum(ANCHORS);
export type Anchor = z.infer<typeof Anchor>;

/** The anchors read from event types (the others come from records and the consent ledger). */
export const EVENT_ANCHORS = ['last_purchase', 'last_contact', 'contract_end', 'account_closed'] as const;
export const EventAnchor = z.enum(EVENT_ANCHORS);
export type EventAnchor = z.infer<typeof EventAnchor>;

export const RETENTION_ACTIONS = ['anonymize', 'review'] as const;
export const RetentionAction = z.enum(RETENTION_ACTIONS);
export type RetentionAction = z.infer<typeof RetentionAction>;

/** `3y`, `18m`, `400d`: the period a rule keeps data for. */
export const KeepText = z
  .string()
  .trim()
  .regex(/^\d{1,5}[ymdajYMDAJ]$/, 'a period such as 3y, 18m or 400d');

const Id = z.number().int().positive();
const PurposeCode = z.string().trim().min(1).max(64);

export const RetentionRule = z.object({
  id: Id,
  purposeId: Id,
  purpose: z.string(),
  keep: z.string(),
  keepCount: z.number().int(),
  keepUnit: z.enum(['year', 'month', 'day']),
  anchor: Anchor,
  action: RetentionAction,
  legalRef: z.string().nullable(),
  obligation: z.boolean(),
  replaces: z.number().int().nullable(),
  createdBy: z.string(),
  createdAt: IsoTime,
  retiredBy: z.string().nullable(),
  retiredAt: IsoTime.nullable(),
});
export type RetentionRule = z.infer<typeof RetentionRule>;

export const RuleInput = z.object({
  purpose: PurposeCode,
  keep: KeepText,
  anchor: Anchor,
  action: RetentionAction,
  legalRef: z.string().trim().min(1).max(300).optional(),
  /** What a law requires: a floor no later rule of the purpose goes below; cannot be retired. */
  obligation: z.boolean().default(false),
  /** The rule this one replaces (retired in the same transaction). */
  replaces: Id.optional(),
});
export type RuleInput = z.infer<typeof RuleInput>;

export const AnchorTypes = z.object({ anchor: EventAnchor, eventTypes: z.array(z.string().trim().min(1).max(100)).max(200) });
export type AnchorTypes = z.infer<typeof AnchorTypes>;

/** One purpose's date for a person: `until` null while it has no end yet; `live` while it may still be used. */
export const PurposeUntil = z.object({
  purposeId: Id,
  purpose: z.string(),
  until: CalendarDay.nullable(),
  ruleId: z.number().int().nullable(),
  live: z.boolean(),
});
export type PurposeUntil = z.infer<typeof PurposeUntil>;

export const ProfileHoldSummary = z.object({ id: Id, kind: z.string(), until: CalendarDay.nullable() });

export const ProfileRetention = z.object({
  profileId: Id,
  /** The latest day any purpose allows keeping the person; null while one has no end yet. */
  until: CalendarDay.nullable(),
  purposeId: z.number().int().nullable(),
  ruleId: z.number().int().nullable(),
  action: RetentionAction.nullable(),
  purposes: z.array(PurposeUntil),
  holds: z.array(ProfileHoldSummary),
  /** Past its date on `today`, and not held. */
  due: z.boolean(),
  today: CalendarDay,
});
export type ProfileRetention = z.infer<typeof ProfileRetention>;

export const DueItem = z.object({
  profileId: Id,
  name: z.string(),
  until: CalendarDay,
  purposeId: z.number().int().nullable(),
  purpose: z.string().nullable(),
  ruleId: z.number().int().nullable(),
  action: RetentionAction,
});
export type DueItem = z.infer<typeof DueItem>;

export const DueList = z.object({
  on: CalendarDay,
  total: z.number().int(),
  toAnonymize: z.number().int(),
  toReview: z.number().int(),
  /** Past their date but under a hold in force on `on`: suspended, never swept. */
  held: z.number().int(),
  /** Due people by the purpose that gives their date and the month it passed (the Due screen's chart). */
  byPurposeMonth: z.array(z.object({ purposeId: z.number().int().nullable(), purpose: z.string().nullable(), month: z.string(), count: z.number().int() })),
  items: z.array(DueItem),
  refreshedAt: IsoTime.nullable(),
});
export type DueList = z.infer<typeof DueList>;

export const DueQuery = z.object({
  on: CalendarDay.optional(),
  purpose: PurposeCode.optional(),
  action: RetentionAction.optional(),
  limit: z.number().int().min(1).max(1000).default(50),
  offset: z.number().int().min(0).default(0),
});

export const Refreshed = z.object({ mode: z.enum(['unchanged', 'incremental', 'rebuilt']), profiles: z.number().int(), ms: z.number() });
export type Refreshed = z.infer<typeof Refreshed>;

export const SWEEP_STATUSES = ['previewed', 'approved', 'running', 'done', 'refused', 'cancelled'] as const;
export const SweepStatus = z.enum(SWEEP_STATUSES);
export type SweepStatus = z.infer<typeof SweepStatus>;

export const Sweep = z.object({
  id: Id,
  onDay: CalendarDay,
  status: SweepStatus,
  people: z.number().int(),
  previewedBy: z.string(),
  previewedAt: IsoTime,
  approvedBy: z.string().nullable(),
  approvedAt: IsoTime.nullable(),
  runAt: IsoTime.nullable(),
  finishedAt: IsoTime.nullable(),
  erased: z.number().int().nullable(),
  skipped: z.number().int().nullable(),
  refusal: z.string().nullable(),
});
export type Sweep = z.infer<typeof Sweep>;

export const SweepPreview = z.object({
  sweep: Sweep,
  token: z.string(),
  people: z.number().int(),
  removed: z.record(z.string(), z.number().int()),
  generalizedEvents: z.number().int(),
  keptRecords: z.number().int(),
  suppressionEntries: z.number().int(),
  /** Due people left out: a hold, a review rule, or a plan the erasure engine refused. */
  left: z.object({ held: z.number().int(), review: z.number().int(), refused: z.array(z.object({ profileId: Id, reason: z.string() })) }),
});
export type SweepPreview = z.infer<typeof SweepPreview>;

export const SweepResult = z.object({
  sweep: Sweep,
  erased: z.number().int(),
  certificates: z.array(z.number().int()),
  skipped: z.array(z.object({ profileId: Id, reason: z.string() })),
});
export type SweepResult = z.infer<typeof SweepResult>;

const administrators = roles('administrator');
const stewards = roles('administrator', 'steward');
const readers = roles('administrator', 'steward', 'auditor');

export const retentionMethods = {
  'retention.rules': method({
    input: z.object({ includeRetired: z.boolean().default(false) }),
    output: z.array(RetentionRule),
    access: readers,
    audit: 'read-only',
  }),
  'retention.addRule': method({ input: RuleInput, output: RetentionRule, access: administrators, audit: ['retention.rule_added'] }),
  'retention.retireRule': method({ input: z.object({ id: Id }), output: RetentionRule, access: administrators, audit: ['retention.rule_retired'] }),
  'retention.anchorTypes': method({ input: z.object({}).strict(), output: z.array(AnchorTypes), access: readers, audit: 'read-only' }),
  'retention.setAnchorTypes': method({ input: AnchorTypes, output: z.array(AnchorTypes), access: administrators, audit: ['retention.anchor_types_changed'] }),
  'retention.refresh': jobMethod({
    input: z.object({ rebuild: z.boolean().default(false) }),
    output: Refreshed,
    access: stewards,
    audit: 'unaudited: a derived table brought up to date, nothing a person decided',
  }),
  'retention.profile': method({ input: z.object({ profileId: Id }), output: ProfileRetention, access: stewards, audit: 'read-only' }),
  'retention.due': method({ input: DueQuery, output: DueList, access: stewards, audit: 'read-only' }),
  'retention.mayKeep': method({
    input: z.object({
      purpose: PurposeCode,
      on: CalendarDay,
      limit: z.number().int().min(1).max(1000).default(50),
      offset: z.number().int().min(0).default(0),
    }),
    output: z.object({ total: z.number().int(), items: z.array(z.object({ profileId: Id, name: z.string(), until: CalendarDay.nullable() })) }),
    access: stewards,
    audit: 'read-only',
  }),
  'retention.sweeps': method({ input: z.object({}).strict(), output: z.array(Sweep), access: readers, audit: 'read-only' }),
  'retention.previewSweep': jobMethod({
    input: z.object({ on: CalendarDay.optional() }),
    output: SweepPreview,
    access: stewards,
    audit: ['retention.sweep_previewed'],
  }),
  'retention.approveSweep': method({
    input: z.object({ id: Id, token: z.string().min(1).max(100), runAt: IsoTime.optional() }),
    output: Sweep,
    access: stewards,
    audit: ['retention.sweep_approved'],
  }),
  'retention.runSweep': jobMethod({
    input: z.object({ id: Id }),
    output: SweepResult,
    access: stewards,
    audit: ['retention.sweep_run', 'erasure.committed', 'erasure.verified'],
  }),
  'retention.cancelSweep': method({ input: z.object({ id: Id }), output: Sweep, access: stewards, audit: ['retention.sweep_cancelled'] }),
} as const;
