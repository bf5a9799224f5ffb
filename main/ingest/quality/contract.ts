/**
 * The data quality slice of the contract: what an import kept raw because it could not read it (flags on
 * records, see ingest/mapping/row-context.ts), counted per source and run, listed with the person it
 * belongs to, and corrected in bulk where the cause is shared ("read these phones as PL") by reading the
 * stored raw values again, without the file. A correction is two steps: a preview with exact counts and
 * a token, then the commit with that token (CONFLICT `flagsChanged` when the flags moved since).
 */
import { z } from 'zod';
import { jobMethod, method, roles } from '../../core/contract-kit';
import { CountryCode } from '../../core/countries';
import { ColumnRef, DateFormat } from '../mapping/fields';

export const FlagCount = z.object({
  /** What the value was meant to be: a target field (`phone`, `event.at`, `sourceRecordId`…). */
  field: z.string(),
  /** The reason's code (ingest/reasons.ts), for the interface to translate. */
  code: z.string(),
  /** The column or JSON path, with list positions folded (`orders[].placed_at`). */
  column: z.string(),
  records: z.number().int(),
  flags: z.number().int(),
});
export type FlagCount = z.infer<typeof FlagCount>;

export const QualitySummary = z.object({
  sourceId: z.number().int(),
  sourceName: z.string(),
  records: z.number().int(),
  flaggedRecords: z.number().int(),
  counts: z.array(FlagCount),
});
export type QualitySummary = z.infer<typeof QualitySummary>;

export const FlaggedValue = z.object({
  flagId: z.number().int(),
  recordId: z.number().int(),
  /** The person the record belongs to, to open from the list. */
  profileId: z.number().int().nullable(),
  displayName: z.string(),
  externalId: z.string(),
  field: z.string(),
  column: z.string(),
  code: z.string(),
  /** Full English sentence; the interface shows the code's translation. */
  reason: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  /** The value as the source sent it. */
  raw: z.string(),
});
export type FlaggedValue = z.infer<typeof FlaggedValue>;

const Filter = z.object({
  sourceId: z.number().int(),
  /** Only the flags this run left (the import summary's link). */
  runId: z.number().int().optional(),
  field: z.string().max(100).optional(),
  code: z.string().max(100).optional(),
  column: ColumnRef.optional(),
});

/** A shared cause, and how to read the values again. `column` narrows it to one column (list positions folded). */
export const Correction = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('phoneCountry'), country: CountryCode, column: ColumnRef.optional() }),
  z.object({ kind: z.literal('postalCountry'), country: CountryCode, column: ColumnRef.optional() }),
  z.object({ kind: z.literal('dateFormat'), format: DateFormat, column: ColumnRef.optional() }),
]);
export type Correction = z.infer<typeof Correction>;

export const CorrectionPlan = z.object({
  /** Flagged values the correction looks at. */
  matched: z.number().int(),
  /** Those it reads correctly now, and would store. */
  fixed: z.number().int(),
  /** Those still unreadable: they stay flagged. */
  stillFlagged: z.number().int(),
  /** Records the fixed values belong to. */
  records: z.number().int(),
  /** Proof of what the preview counted: the commit refuses if the flags changed since. */
  token: z.string(),
});
export type CorrectionPlan = z.infer<typeof CorrectionPlan>;

const steward = roles('administrator', 'steward');

/** One line per source that has flagged values: what the home screen and the quality view start from. */
export const SourceQuality = z.object({ sourceId: z.number().int(), sourceName: z.string(), records: z.number().int(), flaggedRecords: z.number().int() });
export type SourceQuality = z.infer<typeof SourceQuality>;

export const qualityMethods = {
  'quality.overview': method({ input: z.object({}).strict(), output: z.array(SourceQuality), access: steward, audit: 'read-only' }),
  'quality.summary': method({
    input: z.object({ sourceId: z.number().int(), runId: z.number().int().optional() }),
    output: QualitySummary,
    access: steward,
    audit: 'read-only',
  }),
  'quality.flags': method({
    input: Filter.extend({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) }),
    output: z.object({ total: z.number().int(), rows: z.array(FlaggedValue) }),
    access: steward,
    audit: 'read-only',
  }),
  'quality.previewCorrection': method({
    input: z.object({ sourceId: z.number().int(), correction: Correction }),
    output: CorrectionPlan,
    access: steward,
    audit: 'read-only',
  }),
  /**
   * Reads the matched values again and stores what now reads, in one transaction with its audit entry
   * (`quality.corrected`, counts only). Cancelled before that transaction, nothing changes.
   */
  'quality.correct': jobMethod({
    input: z.object({ sourceId: z.number().int(), correction: Correction, token: z.string().min(1).max(200) }),
    output: CorrectionPlan.omit({ token: true }),
    access: steward,
    audit: ['quality.corrected'],
  }),
} as const;
