/**
 * Purposes, lawful bases and consent (docs/consent.md): the purpose catalog, the consent ledger and the
 * state derived from it. Environment-neutral like every contract file (the renderer imports it through
 * main/api); ingest's contract takes the lawful bases from here.
 */
import { z } from 'zod';
import { IsoTime, method, roles } from '../core/contract-kit';
import { consentReviewMethods } from './review-contract';

// Pure: the declaration fields match a typed purpose to the catalog as the vault does.
export { freeTextCode, matchPurpose, type NamedPurpose } from './codes';
// The review (counts, series, lists, bulk action) is declared beside, in its own file.
export * from './review-contract';

/** The six lawful bases of GDPR Art. 6(1), which Quebec's Law 25 and the CCPA map onto. */
export const LAWFUL_BASES = ['consent', 'contract', 'legal_obligation', 'vital_interests', 'public_task', 'legitimate_interests'] as const;
export const LawfulBasis = z.enum(LAWFUL_BASES);
export type LawfulBasis = z.infer<typeof LawfulBasis>;

/** A catalog code: lower-case letters, digits and underscores, starting with a letter. */
export const PurposeCode = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[a-z][a-z0-9_]*$/, 'lower-case letters, digits and _ only, starting with a letter');

const Name = z.string().trim().min(1).max(200);
const Description = z.string().trim().max(2000);

export const Purpose = z.object({
  id: z.number().int(),
  code: z.string(),
  nameEn: z.string(),
  nameFr: z.string(),
  descriptionEn: z.string(),
  descriptionFr: z.string(),
  /** The bases that may support the purpose, in the order of LAWFUL_BASES. */
  bases: z.array(LawfulBasis),
  /** Sensitive data: consent must be express (Law 25 s. 12, GDPR Art. 9). */
  expressConsent: z.boolean(),
  /** Selling or sharing personal information (CCPA): people may opt out. */
  saleOrSharing: z.boolean(),
  /** How long data kept for this purpose may stay by default; null when not set. Retention uses it later. */
  retentionDays: z.number().int().nullable(),
  /** Grows when what people are told about the purpose changes; events keep the version they were given under. */
  noticeVersion: z.number().int(),
  /** Sources declaring the purpose, and events in the ledger for it. */
  sources: z.number().int(),
  events: z.number().int(),
  updatedAt: IsoTime,
});
export type Purpose = z.infer<typeof Purpose>;

export const PurposeInput = z.object({
  code: PurposeCode,
  nameEn: Name,
  /** The English name when left out. */
  nameFr: Name.optional(),
  descriptionEn: Description.default(''),
  descriptionFr: Description.default(''),
  bases: z.array(LawfulBasis).min(1).max(LAWFUL_BASES.length),
  expressConsent: z.boolean().default(false),
  saleOrSharing: z.boolean().default(false),
  retentionDays: z.number().int().positive().max(36_500).nullable().default(null),
});
export type PurposeInput = z.input<typeof PurposeInput>;

/** Fields left out keep their value; the code never changes (events and sources point at the purpose). */
export const PurposeChange = z.object({
  code: PurposeCode,
  nameEn: Name.optional(),
  nameFr: Name.optional(),
  descriptionEn: Description.optional(),
  descriptionFr: Description.optional(),
  bases: z.array(LawfulBasis).min(1).max(LAWFUL_BASES.length).optional(),
  expressConsent: z.boolean().optional(),
  saleOrSharing: z.boolean().optional(),
  retentionDays: z.number().int().positive().max(36_500).nullable().optional(),
});

export const CONSENT_EVENT_KINDS = ['grant', 'withdrawal', 'expiry', 'objection'] as const;
export const ConsentEventKind = z.enum(CONSENT_EVENT_KINDS);
export type ConsentEventKind = z.infer<typeof ConsentEventKind>;

/** How a steward learned of a person's choice; `import` is what imports and syncs write. */
export const RECORDING_METHODS = ['web_form', 'paper', 'phone', 'email', 'in_person', 'steward'] as const;
export const RecordingMethod = z.enum(RECORDING_METHODS);
export type RecordingMethod = z.infer<typeof RecordingMethod>;

/** What a steward may record by hand: an expiry is a fact of time, not something a person says. */
export const RECORDED_KINDS = ['grant', 'withdrawal', 'objection'] as const;

export const CONSENT_STATES = ['granted', 'withdrawn', 'expired', 'objected', 'none'] as const;
export const ConsentState = z.enum(CONSENT_STATES);
export type ConsentState = z.infer<typeof ConsentState>;

export const ConsentEvent = z.object({
  id: z.number().int(),
  kind: ConsentEventKind,
  /** When it happened; null when an import gave no date (then `recordedAt` orders it). */
  at: IsoTime.nullable(),
  recordedAt: IsoTime,
  /** The source that said so, or null for an event a steward recorded (`recordedBy`). */
  source: z.string().nullable(),
  recordedBy: z.string().nullable(),
  method: z.string(),
  noticeVersion: z.number().int().nullable(),
  evidence: z.string().nullable(),
  expiresAt: IsoTime.nullable(),
  recordId: z.number().int(),
  runId: z.number().int().nullable(),
});
export type ConsentEvent = z.infer<typeof ConsentEvent>;

/** Why a use is or is not allowed: the one answer partner extracts and access packages will show. */
export const USE_REASONS = [
  'consentGranted',
  'declaredBasis',
  'objected',
  'consentWithdrawn',
  'consentExpired',
  'noConsent',
  'noBasis',
  /** A purpose that needs express consent (sensitive data) has only implied consent, or a basis that cannot stand in for it. */
  'expressConsentRequired',
  /** A sale/sharing purpose (CCPA): the person opted out of selling or sharing, for this purpose or another. */
  'optedOutOfSale',
] as const;
export const UseReason = z.enum(USE_REASONS);
export type UseReason = z.infer<typeof UseReason>;
/** May the person's data be used for the purpose now, and why (not): what `consent.mayUse` answers. */
export const UseAnswer = z.object({ allowed: z.boolean(), reason: UseReason, basis: LawfulBasis.nullable() });

export const PurposeState = z.object({
  purpose: z.string(),
  state: ConsentState,
  /** The basis the person's data rests on for the purpose: consent when the ledger says so, else a source's declared basis. */
  basis: LawfulBasis.nullable(),
  /** When the state began (the deciding event's time, or the grant's expiry). */
  since: IsoTime.nullable(),
  events: z.array(ConsentEvent),
  /** What consent.mayUse answers for the purpose now. */
  use: UseAnswer,
});
export type PurposeState = z.infer<typeof PurposeState>;

/** Why the intake gate holds a record: its source relies on consent and none is on file (docs/consent.md). */
export const HOLD_REASONS = ['noConsent'] as const;

/** A record held by the intake gate, with what a steward needs to decide: personal data, never shown to auditors. */
export const HeldRecord = z.object({
  recordId: z.number().int(),
  /** The record's key in its source (a customer number, an email). */
  externalId: z.string(),
  sourceId: z.number().int(),
  source: z.string(),
  runId: z.number().int(),
  heldAt: IsoTime,
  reason: z.enum(HOLD_REASONS),
  /** The purposes (catalog codes) for which no basis is on file. */
  purposes: z.array(z.string()),
  name: z.string().nullable(),
  city: z.string().nullable(),
  emails: z.array(z.string()),
  phones: z.array(z.string()),
});
export type HeldRecord = z.infer<typeof HeldRecord>;

/** At most this many records per release or delete (a page of the list, or several). */
export const MAX_HELD_SELECTION = 1000;
const HeldSelection = z.array(z.number().int().positive()).min(1).max(MAX_HELD_SELECTION);

const readers = roles('administrator', 'steward', 'auditor');
/** A person's consent is personal data: like the person view, never shown to auditors, who see ids and counts. */
const people = roles('administrator', 'steward');
const ProfileId = z.number().int().positive();

export const consentMethods = {
  /** Auditors review the catalog: which bases each purpose may rest on is what they check. */
  'purposes.list': method({ input: z.object({}).strict(), output: z.array(Purpose), access: readers, audit: 'read-only' }),
  'purposes.get': method({ input: z.object({ code: PurposeCode }), output: Purpose, access: readers, audit: 'read-only' }),
  'purposes.add': method({ input: PurposeInput, output: Purpose, access: roles('administrator'), audit: ['purpose.created'] }),
  'purposes.update': method({ input: PurposeChange, output: Purpose, access: roles('administrator'), audit: ['purpose.updated'] }),
  'consent.show': method({
    input: z.object({ profileId: ProfileId }),
    output: z.object({ profileId: z.number().int(), redirectedFrom: z.number().int().nullable(), purposes: z.array(PurposeState) }),
    access: people,
    // The person view asks this beside profiles.get, which records the opening.
    audit: 'read-only',
  }),
  'consent.record': method({
    input: z.object({
      profileId: ProfileId,
      purpose: PurposeCode,
      kind: z.enum(RECORDED_KINDS),
      method: RecordingMethod,
      evidence: z.string().trim().min(1).max(500).optional(),
      /** When the person said so; now when left out. Never in the future. */
      at: IsoTime.optional(),
      /** The grant lapses then (a consent given for a time). */
      expiresAt: IsoTime.optional(),
    }),
    output: z.object({ profileId: z.number().int(), eventId: z.number().int(), state: PurposeState }),
    access: roles('administrator', 'steward'),
    audit: ['consent.recorded'],
  }),
  'consent.mayUse': method({
    input: z.object({ profileId: ProfileId, purpose: PurposeCode }),
    output: UseAnswer,
    access: people,
    audit: 'read-only',
  }),
  /** The records held for a lawful basis; their values are personal data, so auditors see only the count (overview.attention). */
  'consent.held': method({
    input: z.object({
      sourceId: z.number().int().positive().optional(),
      limit: z.number().int().min(1).max(MAX_HELD_SELECTION).default(100),
      offset: z.number().int().min(0).default(0),
    }),
    output: z.object({ total: z.number().int(), items: z.array(HeldRecord) }),
    access: people,
    audit: 'read-only',
  }),
  'consent.release': method({
    input: z.object({
      recordIds: HeldSelection,
      /** A basis the purposes allow; consent records a steward's grant in the ledger too. */
      basis: LawfulBasis,
      /** Where the proof is: a signed form's number, a contract's reference, a message id. */
      evidence: z.string().trim().min(1).max(500),
      /** How the consent was given; required when the basis is consent. */
      method: RecordingMethod.optional(),
      /** One of the purposes the records lack; all of them when left out. */
      purpose: PurposeCode.optional(),
    }),
    output: z.object({ released: z.number().int(), profileIds: z.array(z.number().int()) }),
    access: roles('administrator', 'steward'),
    audit: ['consent.released'],
  }),
  'consent.deleteHeld': method({
    input: z.object({ recordIds: HeldSelection }),
    /** `kept`: records whose ledger holds a steward's event, which is proof and stays. */
    output: z.object({ deleted: z.number().int(), kept: z.number().int() }),
    access: roles('administrator', 'steward'),
    audit: ['consent.held_deleted'],
  }),
  ...consentReviewMethods,
} as const;
