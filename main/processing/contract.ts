/**
 * The records of processing (GDPR Art. 30; Quebec's inventory of personal information, Law 25): one report,
 * built from what the vault already knows, for an administrator, a steward or an auditor (docs/processing.md).
 * Environment-neutral like every contract file (the renderer imports it through main/api).
 */
import { z } from 'zod';
import { FilePath, IsoTime, Language, method, Overwrite, roles } from '../core/contract-kit';
import { LawfulBasis } from '../consent/contract';
import { AgreementStatus, ExtractField, LeaseState, PartnerRole } from '../partners/contract';
import { Anchor, RetentionAction } from '../retention/contract';

/** What a source holds, read from the target fields of its saved mapping. */
export const DATA_CATEGORIES = ['identity', 'contact', 'address', 'birthDate', 'nationalId', 'consent', 'events'] as const;
export const DataCategory = z.enum(DATA_CATEGORIES);
export type DataCategory = z.infer<typeof DataCategory>;

/** What the product does to protect the data, each said in words by the report (docs/processing.md). */
export const SECURITY_MEASURES = ['encryptionAtRest', 'keyDerivation', 'usersAndRoles', 'auditTrail', 'offline', 'backups', 'erasure'] as const;
export const SecurityMeasure = z.enum(SECURITY_MEASURES);
export type SecurityMeasure = z.infer<typeof SecurityMeasure>;

export const ReportPurpose = z.object({
  code: z.string(),
  /** In the report's language. */
  name: z.string(),
  description: z.string(),
  bases: z.array(LawfulBasis),
  expressConsent: z.boolean(),
  saleOrSharing: z.boolean(),
  /** The sources that declare the purpose, each with the basis it relies on. */
  sources: z.array(z.object({ sourceId: z.number().int(), source: z.string(), basis: LawfulBasis })),
  /** Active profiles with at least one record in a source that declares the purpose. */
  people: z.number().int(),
});
export type ReportPurpose = z.infer<typeof ReportPurpose>;

export const ReportSource = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(['file', 'postgres', 'mysql', 'folder', 'rest']),
  connector: z.boolean(),
  records: z.number().int(),
  /** Null when the source has no saved mapping (nothing can be said of what it holds). */
  categories: z.array(z.object({ category: DataCategory, fields: z.array(z.string()) })).nullable(),
  purposes: z.array(z.object({ code: z.string(), basis: LawfulBasis })),
});
export type ReportSource = z.infer<typeof ReportSource>;

export const ReportAgreement = z.object({
  id: z.number().int(),
  title: z.string(),
  purposes: z.array(z.string()),
  basis: LawfulBasis,
  fields: z.array(ExtractField),
  validFrom: z.string(),
  validTo: z.string(),
  status: AgreementStatus,
  /** Status and dates read together, on the report's day in the vault's zone. */
  state: LeaseState,
});
export type ReportAgreement = z.infer<typeof ReportAgreement>;

export const ReportRecipient = z.object({
  id: z.number().int(),
  name: z.string(),
  role: PartnerRole,
  country: z.string(),
  subdivision: z.string().nullable(),
  /** `notNeeded` inside Quebec or the EU/EEA; `missing` when a transfer needs one and none is on file. */
  assessment: z.enum(['notNeeded', 'onFile', 'missing']),
  assessmentDate: z.string().nullable(),
  assessmentRef: z.string().nullable(),
  agreements: z.array(ReportAgreement),
});
export type ReportRecipient = z.infer<typeof ReportRecipient>;

export const ReportRetention = z.object({
  code: z.string(),
  name: z.string(),
  /** The rules in force (retired ones are history, not the current record). */
  rules: z.array(
    z.object({
      id: z.number().int(),
      keepCount: z.number().int(),
      keepUnit: z.enum(['year', 'month', 'day']),
      anchor: Anchor,
      action: RetentionAction,
      legalRef: z.string().nullable(),
      obligation: z.boolean(),
    }),
  ),
  /** The catalog's default, counted from the last activity, which applies when the purpose has no rule. */
  defaultDays: z.number().int().nullable(),
});
export type ReportRetention = z.infer<typeof ReportRetention>;

export const ProcessingReport = z.object({
  organisation: z.string(),
  generatedAt: IsoTime,
  timeZone: z.string(),
  language: Language,
  purposes: z.array(ReportPurpose),
  sources: z.array(ReportSource),
  recipients: z.array(ReportRecipient),
  retention: z.array(ReportRetention),
  security: z.array(z.object({ code: SecurityMeasure, text: z.string() })),
});
export type ProcessingReport = z.infer<typeof ProcessingReport>;

export const ProcessingFormat = z.enum(['pdf', 'csv']);
export type ProcessingFormat = z.infer<typeof ProcessingFormat>;

const readers = roles('administrator', 'steward', 'auditor');

export const processingMethods = {
  'processing.report': method({
    input: z.object({ language: Language.optional() }),
    output: ProcessingReport,
    access: readers,
    audit: 'read-only',
  }),
  /** The report as a file: written to `outFile`, or returned as base64 when none is given (browser mode, the app's download). */
  'processing.export': method({
    input: z.object({ format: ProcessingFormat, language: Language.optional(), outFile: FilePath.optional(), overwrite: Overwrite }),
    output: z.object({
      fileName: z.string(),
      savedTo: z.string().nullable(),
      base64: z.string().nullable(),
      sha256: z.string(),
      /** The CSV's rows (one per line item), or the PDF's line items: the same count. */
      items: z.number().int(),
    }),
    access: readers,
    audit: ['processing.report_exported'],
  }),
} as const;
