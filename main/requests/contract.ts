/**
 * Data-subject requests (docs/requests.md): the register of requests, their deadlines by jurisdiction,
 * how the requester's identity was verified and which profiles the answer covers. Environment-neutral like
 * every contract file (the renderer imports it through main/api).
 */
import { z } from 'zod';
import { FilePath, IsoTime, jobMethod, Language, method, roles } from '../core/contract-kit';
import { JURISDICTIONS, REQUEST_TYPES } from './deadlines';

export { JURISDICTIONS, REQUEST_TYPES, dueOn } from './deadlines';
export const RequestType = z.enum(REQUEST_TYPES);
export type RequestType = z.infer<typeof RequestType>;
export const Jurisdiction = z.enum(JURISDICTIONS);
export type Jurisdiction = z.infer<typeof Jurisdiction>;
export const REQUEST_STATUSES = ['open', 'verified', 'closed'] as const;
export const RequestStatus = z.enum(REQUEST_STATUSES);
export type RequestStatus = z.infer<typeof RequestStatus>;
export const REQUEST_OUTCOMES = ['fulfilled', 'partially_fulfilled', 'refused', 'identity_not_verified', 'withdrawn', 'no_data'] as const;
export const RequestOutcome = z.enum(REQUEST_OUTCOMES);
export type RequestOutcome = z.infer<typeof RequestOutcome>;
/** Which of the requester's identifiers matched what the vault holds: kinds only, never the values. */
export const VERIFICATION_IDENTIFIERS = ['name', 'email', 'phone', 'address', 'birth_date', 'customer_number', 'other'] as const;
export const VerificationIdentifier = z.enum(VERIFICATION_IDENTIFIERS);
export type VerificationIdentifier = z.infer<typeof VerificationIdentifier>;

/** A calendar day, `YYYY-MM-DD`, in the vault's time zone. */
export const CalendarDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD');

/** Why a request may not be extended now, or null when it may. */
export const EXTENSION_REFUSALS = ['notAllowed', 'alreadyExtended', 'tooLate', 'closed'] as const;

export const RequestSummary = z.object({
  id: z.number().int(),
  type: RequestType,
  jurisdiction: Jurisdiction,
  /** Null for auditors: the register's log is theirs, the requester's name is not (docs/requests.md). */
  requesterName: z.string().nullable(),
  receivedOn: CalendarDay,
  dueOn: CalendarDay,
  extendedDueOn: CalendarDay.nullable(),
  /** The date that binds: the extension's, else the first. */
  deadline: CalendarDay,
  /** Days from today to the deadline in the vault's time zone; negative once overdue; null once closed. */
  daysLeft: z.number().int().nullable(),
  overdue: z.boolean(),
  status: RequestStatus,
  outcome: RequestOutcome.nullable(),
  closedAt: IsoTime.nullable(),
  profiles: z.number().int(),
});
export type RequestSummary = z.infer<typeof RequestSummary>;

export const RequestVerification = z.object({
  id: z.number().int(),
  /** How identity was verified ("video call", "signed letter"); null for auditors (free text). */
  method: z.string().nullable(),
  identifiers: z.array(VerificationIdentifier),
  /** The document seen; null when none, or for auditors. */
  document: z.string().nullable(),
  verifiedBy: z.string(),
  verifiedAt: IsoTime,
});
export type RequestVerification = z.infer<typeof RequestVerification>;

export const RequestProfile = z.object({
  /** The profile as it was matched. */
  profileId: z.number().int(),
  /** Where that id leads now (a later merge redirects it); null when the profile is no longer active. */
  currentProfileId: z.number().int().nullable(),
  matchedBy: z.string(),
  matchedAt: IsoTime,
  /** The source records the profile held when it was matched: what the request was verified for. */
  records: z.array(z.number().int()),
});
export type RequestProfile = z.infer<typeof RequestProfile>;

export const RequestDetail = RequestSummary.extend({
  /** Contact and channel: null when not given, or for auditors (free text may name the person). */
  contact: z.string().nullable(),
  channel: z.string().nullable(),
  extensionReason: z.string().nullable(),
  extendedAt: IsoTime.nullable(),
  extendedBy: z.string().nullable(),
  /** Null when it may be extended now, else why not. */
  extensionRefused: z.enum(EXTENSION_REFUSALS).nullable(),
  /** The deadline an extension would give, or null when the law allows none. */
  extensionUntil: CalendarDay.nullable(),
  legalSource: z.string(),
  /** The rule in the interface's words: `requests.legalSources.<key>`. */
  legalRule: z.enum(['quebec', 'eu', 'california', 'california_opt_out', 'other']),
  outcomeNote: z.string().nullable(),
  closedBy: z.string().nullable(),
  createdBy: z.string(),
  createdAt: IsoTime,
  verifications: z.array(RequestVerification),
  matched: z.array(RequestProfile),
  timeZone: z.string(),
});
export type RequestDetail = z.infer<typeof RequestDetail>;

export const REQUEST_LIST_STATUSES = ['open', 'closed', 'all'] as const;

export const RequestList = z.object({
  timeZone: z.string(),
  today: CalendarDay,
  total: z.number().int(),
  requests: z.array(RequestSummary),
});
export type RequestList = z.infer<typeof RequestList>;

export const RequestStats = z.object({
  timeZone: z.string(),
  /** The last twelve months by the month received (`YYYY-MM`), oldest first, empty months included. */
  months: z.array(z.object({ month: z.string(), opened: z.number().int(), closed: z.number().int(), medianDaysToClose: z.number().nullable() })),
  /** Over every closed request: calendar days from receipt to closing. */
  medianDaysToClose: z.number().nullable(),
  open: z.number().int(),
  overdue: z.number().int(),
  dueThisWeek: z.number().int(),
});
export type RequestStats = z.infer<typeof RequestStats>;

const RequestId = z.number().int().positive();

/** An access package as the request keeps it: what it covered and the hashes that prove what was sent. */
export const RequestPackage = z.object({
  id: z.number().int(),
  builtAt: IsoTime,
  builtBy: z.string(),
  from: CalendarDay.nullable(),
  to: CalendarDay.nullable(),
  timeZone: z.string(),
  language: z.string(),
  encrypted: z.boolean(),
  /** SHA-256 of the archive as built (what was handed over). */
  sha256: z.string(),
  /** SHA-256 of manifest.json: the same for every build of one vault state, with or without a password. */
  manifestSha256: z.string(),
  bytes: z.number().int(),
  files: z.number().int(),
  records: z.number().int(),
  events: z.number().int(),
  consentEvents: z.number().int(),
  /** Values about other people left out (GDPR Art. 15(4)). */
  withheld: z.number().int(),
});
export type RequestPackage = z.infer<typeof RequestPackage>;

export const BuiltRequestPackage = z.object({
  package: RequestPackage,
  fileName: z.string(),
  /** Where the archive was written (`outFile`), or null when it comes back in `zipBase64` for the window to save. */
  savedTo: z.string().nullable(),
  zipBase64: z.string().nullable(),
});
export type BuiltRequestPackage = z.infer<typeof BuiltRequestPackage>;
const Text = (max: number) => z.string().trim().min(1).max(max);
/** Stewards and administrators act; auditors read the register without the requester's name. */
const actors = roles('administrator', 'steward');
const readers = roles('administrator', 'steward', 'auditor');

export const requestMethods = {
  'requests.list': method({
    input: z.object({
      status: z.enum(REQUEST_LIST_STATUSES).default('open'),
      type: RequestType.optional(),
      jurisdiction: Jurisdiction.optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(10_000).default(1000),
    }),
    output: RequestList,
    access: readers,
    audit: 'read-only',
  }),
  'requests.get': method({ input: z.object({ id: RequestId }), output: RequestDetail, access: readers, audit: 'read-only' }),
  'requests.stats': method({ input: z.object({}).strict(), output: RequestStats, access: readers, audit: 'read-only' }),
  'requests.open': method({
    input: z.object({
      type: RequestType,
      jurisdiction: Jurisdiction,
      requesterName: Text(200),
      contact: Text(200).optional(),
      channel: Text(100).optional(),
      /** The day it was received, in the vault's time zone; today when left out. Never in the future. */
      receivedOn: CalendarDay.optional(),
    }),
    output: RequestDetail,
    access: actors,
    audit: ['request.opened'],
  }),
  'requests.extend': method({ input: z.object({ id: RequestId, reason: Text(500) }), output: RequestDetail, access: actors, audit: ['request.extended'] }),
  'requests.verify': method({
    input: z.object({
      id: RequestId,
      method: Text(200),
      /** Empty when the steward did not say (the CLI's --identifiers is optional); the window asks for them. */
      identifiers: z.array(VerificationIdentifier).max(VERIFICATION_IDENTIFIERS.length).default([]),
      document: Text(200).optional(),
      /** The profiles confirmed at once (requests.match does it later). */
      profileIds: z.array(z.number().int().positive()).max(50).default([]),
    }),
    output: RequestDetail,
    access: actors,
    audit: ['request.verified', 'request.matched'],
  }),
  'requests.match': method({
    input: z.object({ id: RequestId, profileIds: z.array(z.number().int().positive()).min(1).max(50) }),
    output: RequestDetail,
    access: actors,
    audit: ['request.matched'],
  }),
  /**
   * The access package for the whole history or from/to (calendar days, both included, in the vault's time
   * zone): a ZIP with the report (HTML, PDF) in `language`, data.json, one CSV per category and a manifest.
   * Only for a verified request matched to a profile. Written to `outFile` (the CLI), else returned for the
   * window to save; the request and the audit trail keep its hashes, never its content.
   */
  'requests.package': jobMethod({
    input: z.object({
      id: RequestId,
      from: CalendarDay.optional(),
      to: CalendarDay.optional(),
      language: Language,
      /** AES-256 encryption of the archive; the requester gets the password another way. */
      password: z.string().min(8).max(200).optional(),
      outFile: FilePath.optional(),
      overwrite: z.boolean().default(false),
    }),
    output: BuiltRequestPackage,
    access: actors,
    audit: ['request.packaged'],
  }),
  'requests.packages': method({ input: z.object({ id: RequestId }), output: z.array(RequestPackage), access: readers, audit: 'read-only' }),
  /** Who the organisation is (named in every access package) and the vault's time zone (deadlines, report times). */
  'requests.settings': method({
    input: z.object({}).strict(),
    output: z.object({ organisationName: z.string(), timeZone: z.string(), timeZoneFromComputer: z.boolean() }),
    access: readers,
    audit: 'read-only',
  }),
  'requests.saveSettings': method({
    input: z.object({ organisationName: z.string().trim().max(200).optional(), timeZone: z.string().trim().min(1).max(64).optional() }),
    output: z.object({ organisationName: z.string(), timeZone: z.string(), timeZoneFromComputer: z.boolean() }),
    access: roles('administrator'),
    audit: ['request.settings_changed'],
  }),
  'requests.close': method({
    input: z.object({ id: RequestId, outcome: RequestOutcome, note: Text(1000).optional() }),
    output: RequestDetail,
    access: actors,
    audit: ['request.closed'],
  }),
} as const;
