/**
 * Partner access registers (docs/partners.md): the partners data goes to, the leases (agreements) under which
 * it may, the extracts that leave under them, their schedules, and the register of every extract.
 * Environment-neutral like every contract file (the renderer imports it through main/api).
 */
import { z } from 'zod';
import { ContactChannel } from '../contact/contract';
import { FilePath, IsoTime, jobMethod, Language, method, Overwrite, roles } from '../core/contract-kit';
import { LanguageCode } from '../core/languages';
import { LawfulBasis } from '../consent/contract';
import { GOLDEN_FIELDS } from '../identity/contract';

export const PARTNER_ROLES = ['processor', 'third_party'] as const;
export const PartnerRole = z.enum(PARTNER_ROLES);
export type PartnerRole = z.infer<typeof PartnerRole>;

/**
 * The fields an agreement may allow: the golden record's (the mapping's field names) and the profile's id
 * (`profileId`, so a partner can report back about a person without a name).
 */
export const EXTRACT_FIELDS = ['profileId', ...GOLDEN_FIELDS] as const;
export const ExtractField = z.enum(EXTRACT_FIELDS);
export type ExtractField = z.infer<typeof ExtractField>;

export const AGREEMENT_STATUSES = ['active', 'suspended', 'revoked'] as const;
export const AgreementStatus = z.enum(AGREEMENT_STATUSES);
export type AgreementStatus = z.infer<typeof AgreementStatus>;

/** What a lease is at a given moment: its status, or where the date falls against valid from/to. */
export const LEASE_STATES = ['active', 'notYetValid', 'expired', 'suspended', 'revoked'] as const;
export const LeaseState = z.enum(LEASE_STATES);
export type LeaseState = z.infer<typeof LeaseState>;

/** Why a lease refuses an extract now (AppError `partners.leaseRefused` carries one as `reason`). */
export const REFUSALS = [
  'notYetValid',
  'expired',
  'suspended',
  'revoked',
  'outsideWindow',
  'monthlyLimitReached',
  /** The partner is outside Quebec and the EU and no transfer assessment is on file. */
  'assessmentMissing',
] as const;
export const Refusal = z.enum(REFUSALS);
export type Refusal = z.infer<typeof Refusal>;

/** Why a person of the audience is left out of an extract (counts per reason in the preview). */
export const EXCLUSIONS = [
  'noBasis',
  'noConsent',
  'consentWithdrawn',
  'consentExpired',
  'objected',
  'expressConsentRequired',
  'optedOutOfSale',
  /** The audience names a channel the person refused for a purpose of the lease, or for every purpose (main/contact). */
  'doNotContact',
  /** The person's maintain-until date for a purpose of the lease has passed (main/retention): kept no longer for it. */
  'retentionEnded',
  'legalHold',
] as const;
export const Exclusion = z.enum(EXCLUSIONS);
export type Exclusion = z.infer<typeof Exclusion>;

export const AGREEMENT_EVENTS = ['created', 'edited', 'renewed', 'suspended', 'resumed', 'revoked'] as const;
export const AgreementEventKind = z.enum(AGREEMENT_EVENTS);

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD');
const Text = (max: number) => z.string().trim().min(1).max(max);
const Id = z.number().int().positive();
const CountryCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2}$/, 'a two-letter country code')
  .transform((code) => code.toUpperCase());

export const Partner = z.object({
  id: z.number().int(),
  name: z.string(),
  role: PartnerRole,
  contact: z.string().nullable(),
  country: z.string(),
  /** Province or state (ISO 3166-2 suffix: `QC`, `ON`, `CA`), for Canada and the United States. */
  subdivision: z.string().nullable(),
  /** A transfer outside Quebec and the EU/EEA: an assessment must be on file before data goes there. */
  transferAssessed: z.boolean(),
  needsAssessment: z.boolean(),
  assessmentDate: z.string().nullable(),
  assessmentRef: z.string().nullable(),
  agreements: z.number().int(),
  createdAt: IsoTime,
});
export type Partner = z.infer<typeof Partner>;

export const PartnerInput = z.object({
  name: Text(200),
  role: PartnerRole,
  contact: Text(500).optional(),
  country: CountryCode,
  subdivision: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{1,3}$/)
    .transform((code) => code.toUpperCase())
    .optional(),
  assessmentDate: Day.optional(),
  assessmentRef: Text(500).optional(),
});
export type PartnerInput = z.input<typeof PartnerInput>;

/**
 * An access window: the weekdays (1 = Monday … 7 = Sunday) and the hours (vault time zone, `from` inclusive,
 * `to` exclusive) extracts may run. Written `Mon-Fri 08:00-18:00` on the CLI (window.ts parses it).
 */
export const AccessWindow = z.object({
  days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
  from: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  to: z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/),
});
export type AccessWindow = z.infer<typeof AccessWindow>;

/** SFTP delivery: the server's host key is pinned (its SHA-256 fingerprint as `ssh-keygen -lf` prints it). */
export const SftpTarget = z.object({
  host: Text(255),
  port: z.number().int().min(1).max(65535).default(22),
  username: Text(200),
  /** Folder on the server the file is put in. */
  path: Text(1000),
  hostKey: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}=?$/, 'a host key fingerprint written SHA256:…'),
});
export type SftpTarget = z.infer<typeof SftpTarget>;

/** The credential is written once and never read back through the API (shown as `••••`). */
export const SftpCredential = z.union([z.object({ password: z.string().min(1).max(1000) }), z.object({ privateKey: z.string().min(1).max(20_000) })]);
export type SftpCredential = z.infer<typeof SftpCredential>;

export const Delivery = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('folder'), folder: FilePath }),
  z.object({ kind: z.literal('sftp'), target: SftpTarget, credential: SftpCredential.optional() }),
]);
export type Delivery = z.infer<typeof Delivery>;

export const AgreementEvent = z.object({
  kind: AgreementEventKind,
  at: IsoTime,
  by: z.string().nullable(),
  reason: z.string().nullable(),
  validTo: z.string().nullable(),
});

export const Agreement = z.object({
  id: z.number().int(),
  partnerId: z.number().int(),
  partnerName: z.string(),
  title: z.string(),
  purposes: z.array(z.string()),
  basis: LawfulBasis,
  fields: z.array(ExtractField),
  validFrom: z.string(),
  validTo: z.string(),
  window: AccessWindow.nullable(),
  maxPerMonth: z.number().int().nullable(),
  /** Folder, or SFTP with the credential masked. */
  delivery: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('folder'), folder: z.string() }),
    z.object({ kind: z.literal('sftp'), target: SftpTarget, credential: z.literal('••••').nullable() }),
  ]),
  legalRef: z.string().nullable(),
  document: z.string().nullable(),
  noticeDays: z.number().int(),
  status: AgreementStatus,
  /** Status and dates read together, today in the vault's time zone. */
  state: LeaseState,
  daysLeft: z.number().int(),
  extractsThisMonth: z.number().int(),
  /** Erasures of people whose data went out under this agreement: each was notified to the partner (GDPR Art. 19). */
  erasuresNotified: z.number().int(),
  events: z.array(AgreementEvent),
});
export type Agreement = z.infer<typeof Agreement>;

export const AgreementInput = z.object({
  partnerId: Id,
  title: Text(200),
  purposes: z.array(Text(64)).min(1).max(50),
  basis: LawfulBasis,
  fields: z.array(ExtractField).min(1).max(EXTRACT_FIELDS.length),
  validFrom: Day,
  validTo: Day,
  window: AccessWindow.optional(),
  maxPerMonth: z.number().int().min(1).max(100_000).optional(),
  delivery: Delivery,
  legalRef: Text(500).optional(),
  document: Text(1000).optional(),
  noticeDays: z.number().int().min(0).max(365).default(30),
});
export type AgreementInput = z.input<typeof AgreementInput>;

/**
 * Who an extract is about, before the lease's purposes and each person's consent are applied. Every filter
 * is optional; none means every active profile.
 */
export const Audience = z.object({
  /** Golden record's country (ISO codes, upper case). */
  countries: z.array(CountryCode).max(250).optional(),
  /** Golden record's language (ISO 639-1 codes, lower case): a person whose records state none is not in the audience. */
  languages: z.array(LanguageCode).max(200).optional(),
  /** At least one record from one of these sources. */
  sourceIds: z.array(Id).max(500).optional(),
  /** Latest event or record change on or after / on or before (days, vault time zone). */
  activeFrom: Day.optional(),
  activeTo: Day.optional(),
  /** The person's consent state for a purpose of the catalog. */
  consent: z.object({ purpose: Text(64), states: z.array(z.enum(['granted', 'withdrawn', 'expired', 'objected', 'none'])).min(1) }).optional(),
  /** An explicit list of profiles (merged ids lead on to the surviving profile). */
  profileIds: z.array(Id).max(1_000_000).optional(),
  /** The channel the partner will use: people who refused it for a purpose of the lease are left out (`doNotContact`). */
  channel: ContactChannel.optional(),
  /** Only people still kept for every purpose of the lease on this day (their maintain-until dates are not past it). */
  keptOn: Day.optional(),
});
export type Audience = z.infer<typeof Audience>;

export const ExtractFormat = z.enum(['csv', 'json']);
export type ExtractFormat = z.infer<typeof ExtractFormat>;

export const ExtractPreview = z.object({
  agreementId: z.number().int(),
  /** Null when the lease allows an extract now; otherwise why not (a preview still counts). */
  refusal: Refusal.nullable(),
  audience: z.number().int(),
  included: z.number().int(),
  excluded: z.record(Exclusion, z.number().int()),
  fields: z.array(ExtractField),
  purposes: z.array(z.string()),
  /** The first included people's values, for the steward to check the columns (administrators and stewards only). */
  sample: z.array(z.record(z.string(), z.string().nullable())),
});
export type ExtractPreview = z.infer<typeof ExtractPreview>;

export const RegisterEntry = z.object({
  id: z.number().int(),
  at: IsoTime,
  /** The user who ran it, or null when a schedule did (then `scheduleId`). */
  user: z.string().nullable(),
  scheduleId: z.number().int().nullable(),
  agreementId: z.number().int(),
  agreementTitle: z.string(),
  partnerId: z.number().int(),
  partnerName: z.string(),
  purposes: z.array(z.string()),
  fields: z.array(z.string()),
  format: ExtractFormat,
  people: z.number().int(),
  excluded: z.number().int(),
  fileName: z.string(),
  sha256: z.string(),
  bytes: z.number().int(),
  deliveredTo: z.enum(['file', 'folder', 'sftp']),
});
export type RegisterEntry = z.infer<typeof RegisterEntry>;

export const RegisterFilter = z.object({
  from: Day.optional(),
  to: Day.optional(),
  partnerId: Id.optional(),
  agreementId: Id.optional(),
  /** Extracts that included this person (merged ids lead on). */
  profileId: Id.optional(),
});
export type RegisterFilter = z.infer<typeof RegisterFilter>;

export const Schedule = z.object({
  id: z.number().int(),
  agreementId: z.number().int(),
  every: z.enum(['daily', 'weekly']),
  weekday: z.number().int().nullable(),
  atTime: z.string(),
  audience: Audience,
  format: ExtractFormat,
  active: z.boolean(),
  nextDue: IsoTime,
  lastRunAt: IsoTime.nullable(),
  /** `ok`, or the refusal or error code of the last run. */
  lastOutcome: z.string().nullable(),
});
export type Schedule = z.infer<typeof Schedule>;

const stewards = roles('administrator', 'steward');
const readers = roles('administrator', 'steward', 'auditor');
const administrators = roles('administrator');

export const partnersMethods = {
  'partners.list': method({ input: z.object({}).strict(), output: z.array(Partner), access: readers, audit: 'read-only' }),
  'partners.add': method({ input: PartnerInput, output: Partner, access: administrators, audit: ['partners.partner_added'] }),
  'partners.update': method({ input: PartnerInput.extend({ id: Id }), output: Partner, access: administrators, audit: ['partners.partner_updated'] }),

  'agreements.list': method({
    input: z.object({ partnerId: Id.optional() }),
    output: z.array(Agreement),
    access: readers,
    audit: 'read-only',
  }),
  'agreements.get': method({ input: z.object({ id: Id }), output: Agreement, access: readers, audit: 'read-only' }),
  'agreements.add': method({ input: AgreementInput, output: Agreement, access: administrators, audit: ['partners.agreement_added'] }),
  'agreements.renew': method({
    input: z.object({ id: Id, validTo: Day, reason: Text(500).optional() }),
    output: Agreement,
    access: administrators,
    audit: ['partners.agreement_renewed'],
  }),
  'agreements.suspend': method({
    input: z.object({ id: Id, reason: Text(500) }),
    output: Agreement,
    access: administrators,
    audit: ['partners.agreement_suspended'],
  }),
  'agreements.resume': method({
    input: z.object({ id: Id, reason: Text(500).optional() }),
    output: Agreement,
    access: administrators,
    audit: ['partners.agreement_resumed'],
  }),
  'agreements.revoke': method({
    input: z.object({ id: Id, reason: Text(500) }),
    output: Agreement,
    access: administrators,
    audit: ['partners.agreement_revoked'],
  }),

  'extracts.preview': jobMethod({
    input: z.object({ agreementId: Id, audience: Audience.default({}), fields: z.array(ExtractField).min(1).max(EXTRACT_FIELDS.length).optional() }),
    output: ExtractPreview,
    access: stewards,
    audit: 'read-only',
  }),
  /**
   * Produces the file (to `outFile`, or else the agreement's folder or SFTP server) and its register entry.
   * A lease that refuses fails with `partners.leaseRefused` and its reason.
   */
  'extracts.run': jobMethod({
    input: z.object({
      agreementId: Id,
      audience: Audience.default({}),
      format: ExtractFormat.default('csv'),
      /** A subset of the agreement's fields; one it does not allow is refused (`fieldNotAgreed`). */
      fields: z.array(ExtractField).min(1).max(EXTRACT_FIELDS.length).optional(),
      outFile: FilePath.optional(),
      overwrite: Overwrite,
    }),
    output: RegisterEntry,
    access: stewards,
    audit: ['partners.extract_made'],
  }),

  'schedules.list': method({ input: z.object({ agreementId: Id.optional() }), output: z.array(Schedule), access: readers, audit: 'read-only' }),
  'schedules.add': method({
    input: z.object({
      agreementId: Id,
      every: z.enum(['daily', 'weekly']),
      weekday: z.number().int().min(1).max(7).optional(),
      atTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
      audience: Audience.default({}),
      format: ExtractFormat.default('csv'),
    }),
    output: Schedule,
    access: administrators,
    audit: ['partners.schedule_added'],
  }),
  'schedules.remove': method({
    input: z.object({ id: Id }),
    output: z.object({ removed: z.boolean() }),
    access: administrators,
    audit: ['partners.schedule_removed'],
  }),
  /** Every schedule that is due runs now, each re-checking its lease and the consents (`custodia partners run-due`). */
  'schedules.runDue': jobMethod({
    input: z.object({}).strict(),
    output: z.object({ ran: z.array(z.object({ scheduleId: z.number().int(), extractId: z.number().int().nullable(), outcome: z.string() })) }),
    access: stewards,
    audit: ['partners.extract_made', 'partners.schedule_refused'],
  }),

  'register.list': method({
    input: RegisterFilter.extend({ limit: z.number().int().min(1).max(1000).default(100), offset: z.number().int().min(0).default(0) }),
    output: z.object({ total: z.number().int(), people: z.number().int(), entries: z.array(RegisterEntry) }),
    access: readers,
    audit: 'read-only',
  }),
  'register.export': method({
    input: RegisterFilter.extend({ format: z.enum(['csv', 'pdf']), outFile: FilePath.optional(), overwrite: Overwrite, language: Language.optional() }),
    output: z.object({ fileName: z.string(), savedTo: z.string().nullable(), base64: z.string().nullable(), sha256: z.string(), entries: z.number().int() }),
    access: readers,
    audit: ['partners.register_exported'],
  }),
} as const;
