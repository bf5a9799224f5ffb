/**
 * The identity slice of the contract: resolving who is who, the review queue of doubtful pairs, a
 * steward's decisions, and merging, splitting and undoing by hand. Ids are source record ids for pairs and
 * decisions (a record never changes person by being merged) and profile ids for profiles.
 */
import { z } from 'zod';
import { Empty, IsoTime, jobMethod, method, roles } from '../core/contract-kit';
import { goldenMethods } from './golden/contract';

export * from './golden/contract';

const steward = roles('administrator', 'steward');

export const Suggestion = z.object({
  profileId: z.number().int(),
  displayName: z.string(),
  /** The strongest waiting pair's log2-odds: how likely the model found it. */
  logOdds: z.number(),
});
export type Suggestion = z.infer<typeof Suggestion>;

export const IdentitySettings = z.object({
  /** log2-odds above which a pair may merge on its own (0 = even odds). */
  matchThreshold: z.number().min(-10).max(40),
  /** Pairs from here up to the match threshold that were not merged go to review. */
  reviewThreshold: z.number().min(-30).max(40),
  /** Comparisons used (names from the model's list); the rest are left out. */
  comparisons: z.array(z.string().max(80)).max(50),
  /** Blocking keys used (names from the model's list). */
  blocking: z.array(z.string().max(80)).max(50),
});
export type IdentitySettings = z.infer<typeof IdentitySettings>;

export const ResolveSummary = z.object({
  /** Null for a dry run: nothing was written. */
  runId: z.number().int().nullable(),
  dryRun: z.boolean(),
  records: z.number().int(),
  candidatePairs: z.number().int(),
  profilesBefore: z.number().int(),
  profilesAfter: z.number().int(),
  /** Records now in another profile than before. */
  moved: z.number().int(),
  reviewPairs: z.number().int(),
  /** Records with nothing to compare on (no name, identifier, birth date or address): each stays its own profile. */
  unusable: z.number().int(),
  conflicts: z.number().int(),
  timingsMs: z.record(z.string(), z.number()),
});
export type ResolveSummary = z.infer<typeof ResolveSummary>;

/** An incremental link (after an import or a sync, or asked for): new and changed records against the profiles. */
export const LinkSummary = z.object({
  runId: z.number().int().nullable(),
  pending: z.number().int(),
  compared: z.number().int(),
  candidatePairs: z.number().int(),
  joined: z.number().int(),
  profilesBefore: z.number().int(),
  profilesAfter: z.number().int(),
  reviewPairs: z.number().int(),
  /** False before the first full resolution: the records are indexed, not linked. */
  linked: z.boolean(),
  timingsMs: z.record(z.string(), z.number()),
});
export type LinkSummary = z.infer<typeof LinkSummary>;

export const IdentityRunSummary = z.object({
  id: z.number().int(),
  kind: z.enum(['full', 'incremental']),
  finishedAt: IsoTime,
  records: z.number().int(),
  profilesAfter: z.number().int(),
  moved: z.number().int(),
  reviewPairs: z.number().int(),
});

export const PairRecord = z.object({
  recordId: z.number().int(),
  profileId: z.number().int().nullable(),
  source: z.string(),
  externalId: z.string(),
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  fullName: z.string().nullable(),
  birthDate: z.string().nullable(),
  street: z.string().nullable(),
  city: z.string().nullable(),
  postalCode: z.string().nullable(),
  emails: z.array(z.string()),
  phones: z.array(z.string()),
});
export type PairRecord = z.infer<typeof PairRecord>;

export const Contribution = z.object({
  /** The comparison's name (`given`, `birthDate`…), translated by the interface. */
  comparison: z.string(),
  /** The level that held (`exact`, `nickname`…), null when either record lacks the field. */
  level: z.string().nullable(),
  /** Bits of evidence: positive says "same person". */
  weight: z.number(),
});
export type Contribution = z.infer<typeof Contribution>;

export const Evidence = z.object({
  logOdds: z.number(),
  probability: z.number(),
  /** A disagreement no typo explains kept the pair apart whatever else agreed. */
  vetoed: z.boolean(),
  /** The prior odds before any field is looked at, in bits. */
  prior: z.number(),
  contributions: z.array(Contribution),
});
export type Evidence = z.infer<typeof Evidence>;

export const ReviewPair = z.object({ id: z.number().int(), a: PairRecord, b: PairRecord, evidence: Evidence, skipped: z.boolean() });
export type ReviewPair = z.infer<typeof ReviewPair>;

export const Conflict = z.object({ records: z.array(z.number().int()), cannotLinks: z.array(z.tuple([z.number().int(), z.number().int()])) });

export const MergeEntry = z.object({
  id: z.number().int(),
  survivorId: z.number().int(),
  absorbedId: z.number().int(),
  how: z.enum(['rule', 'steward']),
  mergedAt: IsoTime,
  records: z.number().int(),
  undoneAt: IsoTime.nullable(),
});
export type MergeEntry = z.infer<typeof MergeEntry>;

export const MemberEvidence = z.object({
  record: PairRecord,
  /** The member it is most alike, with the evidence; null for a profile of one record. */
  closest: z.object({ recordId: z.number().int(), evidence: Evidence }).nullable(),
  how: z.enum(['import', 'rule', 'steward']),
});

export const identityMethods = {
  'identity.status': method({
    input: Empty,
    output: z.object({
      lastRun: IdentityRunSummary.nullable(),
      records: z.number().int(),
      profiles: z.number().int(),
      pendingPairs: z.number().int(),
      conflicts: z.number().int(),
      /** Records imported or changed since the last link, waiting for the next one. */
      pendingRecords: z.number().int(),
    }),
    access: steward,
    audit: 'read-only',
  }),
  'identity.settings': method({
    input: Empty,
    output: z.object({ settings: IdentitySettings, defaults: IdentitySettings }),
    access: steward,
    audit: 'read-only',
  }),
  'identity.saveSettings': method({
    input: z.object({ settings: IdentitySettings }),
    output: IdentitySettings,
    access: roles('administrator'),
    audit: ['identity.settings_changed'],
  }),
  /** A dry run (with settings not yet saved, if given) counts what a resolution would do and writes nothing. */
  'identity.resolve': jobMethod({
    input: z.object({ dryRun: z.boolean().default(false), settings: IdentitySettings.optional() }),
    output: ResolveSummary,
    access: steward,
    audit: ['identity.resolved'],
  }),
  'identity.link': jobMethod({ input: Empty, output: LinkSummary, access: steward, audit: ['identity.linked'] }),
  'identity.review': method({
    input: z.object({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(200).default(20) }),
    output: z.object({ total: z.number().int(), pairs: z.array(ReviewPair) }),
    access: steward,
    audit: ['identity.reviewed'],
  }),
  'identity.decide': method({
    input: z.object({ recordA: z.number().int(), recordB: z.number().int(), decision: z.enum(['same', 'different', 'skip']) }),
    output: z.object({ profileA: z.number().int().nullable(), profileB: z.number().int().nullable(), conflicts: z.number().int() }),
    access: steward,
    audit: ['identity.decided'],
  }),
  /** With the records the conflicts name, so that a steward sees whose decisions they are (`records`). */
  'identity.conflicts': method({
    input: Empty,
    output: z.object({ conflicts: z.array(Conflict), records: z.array(PairRecord) }),
    access: steward,
    audit: 'read-only',
  }),
  'identity.explain': method({
    input: z.object({ profileId: z.number().int() }),
    output: z.object({ profileId: z.number().int(), members: z.array(MemberEvidence), merges: z.array(MergeEntry) }),
    access: steward,
    // The person view asks this beside profiles.get, which records the opening: one opening, one entry.
    audit: 'read-only',
  }),
  /** Profiles that may be the same person as these (a pair waiting in the review queue between them): for a request's verification. */
  'identity.suggest': method({
    input: z.object({ profileIds: z.array(z.number().int().positive()).min(1).max(50) }),
    output: z.object({ suggestions: z.array(Suggestion) }),
    access: steward,
    audit: 'read-only',
  }),
  'identity.merge': method({
    input: z.object({ profileA: z.number().int(), profileB: z.number().int() }),
    output: z.object({ survivorId: z.number().int(), absorbedId: z.number().int(), mergeId: z.number().int(), records: z.number().int() }),
    access: steward,
    audit: ['profiles.merged'],
  }),
  'identity.split': method({
    input: z.object({ recordId: z.number().int() }),
    output: z.object({ fromProfileId: z.number().int(), newProfileId: z.number().int() }),
    access: steward,
    audit: ['profiles.split'],
  }),
  'identity.undoMerge': method({
    input: z.object({ mergeId: z.number().int() }),
    output: z.object({ survivorId: z.number().int(), restoredId: z.number().int(), records: z.number().int() }),
    access: steward,
    audit: ['profiles.unmerged'],
  }),
  ...goldenMethods,
} as const;
