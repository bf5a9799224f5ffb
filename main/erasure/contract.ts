/**
 * Erasure by irreversible anonymization (docs/erasure.md): a preview with exact counts, a commit with the
 * preview's token, the certificate that proves it, the legal holds that stop or limit it. Environment-neutral
 * like every contract file (the renderer imports it through main/api).
 */
import { z } from 'zod';
import { FilePath, IsoTime, jobMethod, Language, method, roles } from '../core/contract-kit';

export const ERASURE_REASONS = ['request', 'retention', 'steward', 'restore'] as const;
export const ErasureReason = z.enum(ERASURE_REASONS);
export type ErasureReason = z.infer<typeof ErasureReason>;
export const HOLD_KINDS = ['litigation', 'audit', 'legal_obligation'] as const;
export const HoldKind = z.enum(HOLD_KINDS);
/** Every kind may stand on a profile; only a legal obligation stands on a source. */
export type HoldKind = z.infer<typeof HoldKind>;

/** What goes, by kind, with exact counts (the same keys in the preview and the certificate). */
export const REMOVED_KINDS = [
  'records',
  'identifiers',
  'events',
  'consentEvents',
  'heldRecords',
  'flaggedValues',
  'rejects',
  'searchEntries',
  'mergeHistory',
  'identityPairs',
  'identityDecisions',
  'blockingKeys',
  'requestsRedacted',
  'stagedFiles',
  'disclosures',
] as const;
export const Removed = z.record(z.enum(REMOVED_KINDS), z.number().int());
export type Removed = z.infer<typeof Removed>;

export const Generalized = z.object({
  /** Events kept as counts in erasure_statistic (month, type, amount band, region, age band). */
  events: z.number().int(),
  /** Statistic rows they went into. */
  rows: z.number().int(),
  /** Events dropped: their (region, age band) group had fewer than k other people. */
  dropped: z.number().int(),
  /** The group the person's statistics were kept under, e.g. region `H2X` and age band `30–39`; null when dropped. */
  region: z.string().nullable(),
  ageBand: z.string().nullable(),
});
export type Generalized = z.infer<typeof Generalized>;

export const LegalHold = z.object({
  id: z.number().int(),
  kind: HoldKind,
  profileId: z.number().int().nullable(),
  sourceId: z.number().int().nullable(),
  sourceName: z.string().nullable(),
  /** Free text; null for auditors when it is about a person (a litigation hold on a profile). */
  reason: z.string().nullable(),
  reference: z.string().nullable(),
  until: z.string().nullable(),
  createdBy: z.string(),
  createdAt: IsoTime,
  releasedBy: z.string().nullable(),
  releasedAt: IsoTime.nullable(),
});
export type LegalHold = z.infer<typeof LegalHold>;

/** Records kept because the law obliges the organisation to keep them (a legal_obligation hold on their source). */
export const KeptUnderObligation = z.object({ holdId: z.number().int(), sourceId: z.number().int(), records: z.number().int(), until: z.string().nullable() });
export type KeptUnderObligation = z.infer<typeof KeptUnderObligation>;

/** A partner the person's data had been disclosed to, under one agreement (GDPR Art. 19): to be told of the erasure. */
export const Recipient = z.object({
  partnerId: z.number().int(),
  partnerName: z.string(),
  role: z.enum(['processor', 'third_party']),
  country: z.string(),
  agreementId: z.number().int(),
  agreementTitle: z.string(),
  extracts: z.number().int(),
  firstAt: IsoTime,
  lastAt: IsoTime,
});
export type Recipient = z.infer<typeof Recipient>;

export const BackupBefore = z.object({ at: IsoTime, auditSeq: z.number().int() });

export const ErasurePreview = z.object({
  profileId: z.number().int(),
  requestId: z.number().int().nullable(),
  displayName: z.string(),
  removed: Removed,
  generalized: Generalized,
  kept: z.array(KeptUnderObligation),
  /** Litigation holds on the profile: while one stands, the erasure cannot be committed. */
  blockedBy: z.array(LegalHold),
  /** Suppression entries that will stand for the person (keyed hashes; docs/erasure.md). */
  suppressionEntries: z.number().int(),
  /** Partners the person's data went to: each is listed on the certificate and gets a notification letter. */
  recipients: z.array(Recipient.pick({ partnerId: true, partnerName: true, agreementId: true, agreementTitle: true, extracts: true })),
  /** Other people who share one of the person's emails or phones (a household): kept untouched. */
  sharedWith: z.number().int(),
  k: z.number().int(),
  /** Backups taken before now hold the person: restoring one replays the suppression list. */
  backups: z.array(BackupBefore),
  token: z.string(),
});
export type ErasurePreview = z.infer<typeof ErasurePreview>;

export const ScanSummary = z.object({
  clean: z.boolean(),
  tablesScanned: z.number().int(),
  rowsScanned: z.number().int(),
  pagesScanned: z.number().int(),
  filesScanned: z.number().int(),
  /** Occurrences found where none may be (each a table, the decrypted pages or a file), by count only. */
  tableHits: z.number().int(),
  pageHits: z.number().int(),
  fileHits: z.number().int(),
  /** Forms still held in other people's rows (a household's phone) or in records kept under a legal obligation. */
  shared: z.number().int(),
  seconds: z.number(),
  /** Pages whose HMAC did not verify (unread, so not vouched for); counted in pageHits too. */
  unreadablePages: z.number().int().optional(),
  /**
   * Indexes rebuilt (REINDEX; `*`: the whole file vacuumed) because a page's unused gap still held a stale copy
   * of an erased form that no row held (scan/repair.ts); the pages were searched again after. Absent when none.
   */
  rebuilt: z.array(z.string()).optional(),
  /** The index part, run first right after the commit (index-check.ts): absent for a bulk erasure's shared scan. */
  index: z.object({ clean: z.boolean(), lookups: z.number().int(), seconds: z.number() }).optional(),
});
export type ScanSummary = z.infer<typeof ScanSummary>;

export const ErasureCertificate = z.object({
  id: z.number().int(),
  profileId: z.number().int(),
  requestId: z.number().int().nullable(),
  reason: ErasureReason,
  erasedAt: IsoTime,
  erasedBy: z.string(),
  k: z.number().int(),
  removed: Removed,
  generalized: Generalized,
  kept: z.array(KeptUnderObligation),
  suppressionEntries: z.number().int(),
  /** The partners told (Art. 19 letters: `erasure.recipientLetter`); empty when the data went nowhere. */
  recipients: z.array(Recipient),
  scan: ScanSummary.nullable(),
  scannedAt: IsoTime.nullable(),
  /** SHA-256 of the certificate's canonical JSON (every field above). */
  hash: z.string(),
  backups: z.array(BackupBefore),
});
export type ErasureCertificate = z.infer<typeof ErasureCertificate>;

/**
 * `erasure.verify`: for a profile still active, the scan shows where the person's identifiers lie now (what an
 * erasure would have to remove); for an erased one, the tombstone is checked empty and the certificate's hash
 * recomputed and compared with its audit entries.
 */
export const ErasureVerification = z.object({
  profileId: z.number().int(),
  erased: z.boolean(),
  certificateId: z.number().int().nullable(),
  scan: ScanSummary.nullable(),
  /** The certificate's hash recomputes from its fields. */
  hashMatches: z.boolean().nullable(),
  /** The last audit entry about the certificate carries the same hash. */
  auditMatches: z.boolean().nullable(),
  /** Nothing but records kept under a legal obligation belongs to the tombstone; it has no name and no search entry. */
  tombstoneEmpty: z.boolean().nullable(),
});
export type ErasureVerification = z.infer<typeof ErasureVerification>;

export const CertificateSummary = ErasureCertificate.pick({
  id: true,
  profileId: true,
  requestId: true,
  reason: true,
  erasedAt: true,
  erasedBy: true,
  hash: true,
}).extend({
  clean: z.boolean().nullable(),
});
export type CertificateSummary = z.infer<typeof CertificateSummary>;

/** Many requests at once: the sums of their previews, the requests that cannot be erased and why, one token for all. */
export const BulkPreview = z.object({
  people: z.number().int(),
  removed: Removed,
  generalizedEvents: z.number().int(),
  droppedEvents: z.number().int(),
  keptRecords: z.number().int(),
  suppressionEntries: z.number().int(),
  skipped: z.array(z.object({ requestId: z.number().int(), reason: z.string() })),
  token: z.string(),
});
export type BulkPreview = z.infer<typeof BulkPreview>;

export const ErasureSettings = z.object({ k: z.number().int().min(2).max(100) });
export type ErasureSettings = z.infer<typeof ErasureSettings>;

const ProfileId = z.number().int().positive();
const RequestId = z.number().int().positive();
const Text = (max: number) => z.string().trim().min(1).max(max);
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD');

/** Administrators and stewards erase; auditors read certificates. */
const erasers = roles('administrator', 'steward');
const readers = roles('administrator', 'steward', 'auditor');

export const erasureMethods = {
  'erasure.preview': method({
    input: z.object({ profileId: ProfileId, requestId: RequestId.optional() }),
    output: ErasurePreview,
    access: erasers,
    audit: 'read-only',
  }),
  'erasure.commit': jobMethod({
    input: z.object({ profileId: ProfileId, requestId: RequestId.optional(), token: z.string().min(1).max(100) }),
    output: ErasureCertificate,
    access: erasers,
    audit: ['erasure.committed', 'erasure.verified'],
  }),
  'erasure.previewBulk': jobMethod({
    input: z.object({ requestIds: z.array(RequestId).min(1).max(100_000) }),
    output: BulkPreview,
    access: erasers,
    audit: 'read-only',
  }),
  'erasure.bulk': jobMethod({
    input: z.object({ requestIds: z.array(RequestId).min(1).max(100_000), token: z.string().min(1).max(100) }),
    output: z.object({
      erased: z.number().int(),
      certificates: z.array(z.number().int()),
      skipped: z.array(z.object({ requestId: z.number().int(), reason: z.string() })),
    }),
    access: erasers,
    audit: ['erasure.committed', 'erasure.verified'],
  }),
  'erasure.verify': jobMethod({
    input: z.object({ profileId: ProfileId }),
    output: ErasureVerification,
    access: erasers,
    audit: 'read-only',
  }),
  'erasure.certificates': method({
    input: z.object({ limit: z.number().int().min(1).max(500).default(100), offset: z.number().int().min(0).default(0) }),
    output: z.object({ total: z.number().int(), certificates: z.array(CertificateSummary) }),
    access: readers,
    audit: 'read-only',
  }),
  'erasure.certificate': method({ input: z.object({ id: z.number().int().positive() }), output: ErasureCertificate, access: readers, audit: 'read-only' }),
  'erasure.certificatePdf': method({
    input: z.object({ id: z.number().int().positive(), language: Language.optional(), outFile: FilePath.optional(), overwrite: z.boolean().default(false) }),
    output: z.object({ fileName: z.string(), savedTo: z.string().nullable(), pdfBase64: z.string().nullable(), sha256: z.string() }),
    access: readers,
    audit: ['erasure.certificate_exported'],
  }),
  /** The notification letter to a partner that received the erased person's data (GDPR Art. 19), as PDF. */
  'erasure.recipientLetter': method({
    input: z.object({
      certificateId: z.number().int().positive(),
      agreementId: z.number().int().positive(),
      language: Language.optional(),
      outFile: FilePath.optional(),
      overwrite: z.boolean().default(false),
    }),
    output: z.object({ fileName: z.string(), savedTo: z.string().nullable(), pdfBase64: z.string().nullable(), sha256: z.string() }),
    access: readers,
    audit: ['erasure.letter_exported'],
  }),
  'erasure.settings': method({ input: z.object({}).strict(), output: ErasureSettings, access: readers, audit: 'read-only' }),
  'erasure.saveSettings': method({ input: ErasureSettings, output: ErasureSettings, access: roles('administrator'), audit: ['erasure.settings_changed'] }),
  'erasure.holds': method({
    input: z.object({ active: z.boolean().default(true) }),
    output: z.array(LegalHold),
    access: readers,
    audit: 'read-only',
  }),
  'erasure.placeHold': method({
    input: z.union([
      z.object({ kind: HoldKind, profileId: ProfileId, reason: Text(500), reference: Text(200).optional(), until: Day.optional() }),
      z.object({
        kind: z.literal('legal_obligation'),
        sourceId: z.number().int().positive(),
        reason: Text(500),
        reference: Text(200).optional(),
        until: Day.optional(),
      }),
    ]),
    output: LegalHold,
    access: erasers,
    audit: ['erasure.hold_placed'],
  }),
  'erasure.releaseHold': method({ input: z.object({ id: z.number().int().positive() }), output: LegalHold, access: erasers, audit: ['erasure.hold_released'] }),
} as const;
