/** The ingest slice of the contract. Sources and imports: the register of sources, previews, import runs, rejected rows, undo. */
import { z } from 'zod';
import { LawfulBasis } from '../consent/contract';
import { CountryCode } from '../core/countries';
import { Empty, FilePath, Language, IsoTime, Overwrite, jobMethod, method, roles } from '../core/contract-kit';
import { Mapping } from './mapping/fields';
import { REASON_CODES } from './reasons';
import { FILE_FORMATS } from './types';

// Pure helpers the mapping editor runs on the preview rows (no Node: the renderer imports them from here).
export { checkDateColumns, type DateColumnCheck } from './mapping/date-check';
export { defaultTimeZone, isTimeZone, timeZoneNames } from './normalize/time-zone';
// Pure helpers the mapping editor shares with the CLI: the columns a sample offers, a third party's paths.
export { samplePaths, sampleValues } from './mapping/sample-paths';
export { isThirdPartyPath } from './mapping/third-party';
// The purpose texts a file's consents name, and those the catalog does not match (the mapping step's list).
export { aliasOf, consentPurposeTexts, unmatchedPurposeTexts } from './mapping/purpose-texts';

export const ReadOptionsSchema = z.object({
  format: z.enum(FILE_FORMATS).optional(),
  encoding: z.string().max(40).optional(),
  delimiter: z.string().min(1).max(2).optional(),
  sheet: z.string().max(200).optional(),
  recordsPath: z.string().max(200).optional(),
});
/**
 * What a source remembers of how its last files were read (ingest/read-options.ts). Not the format: each
 * file's is detected from its content, and one forced for a file would misread the next of another kind.
 */
export const SavedReadOptions = ReadOptionsSchema.omit({ format: true });
export type SavedReadOptions = z.infer<typeof SavedReadOptions>;
/** Why a row was rejected, as a code the interface translates (see ingest/reasons.ts). */
export const ReasonDetail = z.object({ code: z.enum(REASON_CODES), params: z.record(z.string(), z.union([z.string(), z.number()])) });
export type ReasonDetail = z.infer<typeof ReasonDetail>;
/**
 * What went wrong in a run or a connector's last sync, as a code and parameters the interface translates
 * (`errors.<code>`, `errors.<code>_<reason>`), kept beside the English text (see ingest/stored-error.ts).
 * Any string as the code: a code this version does not know is shown in English, not refused.
 */
export const ErrorDetail = z.object({ code: z.string().min(1), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() });
export type ErrorDetail = z.infer<typeof ErrorDetail>;
export const RunSummary = z.object({
  id: z.number().int(),
  sourceId: z.number().int(),
  sourceName: z.string(),
  status: z.enum(['running', 'completed', 'failed', 'cancelled', 'interrupted']),
  startedAt: IsoTime,
  finishedAt: IsoTime.nullable(),
  fileName: z.string().nullable(),
  fileSha256: z.string().nullable(),
  read: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  /** Records kept with at least one flagged value (also among inserted, updated or unchanged). */
  flagged: z.number().int(),
  /** Events with no key and no personal data: counted, not a person, nothing stored. */
  anonymous: z.number().int(),
  /** Records held by the consent intake gate: their source relies on consent and none is on file (also among inserted, updated or unchanged). */
  held: z.number().int(),
  /** Rows of erased people, recognised by the suppression list and dropped before anything of them was written (not among the counts above, except read). */
  suppressed: z.number().int(),
  /** In English: the command line prints it, and `--json` users read it. */
  error: z.string().nullable(),
  /** Null for runs that failed before details were kept, and for failures without a code. */
  errorDetail: ErrorDetail.nullable(),
  /** When what the run added was removed (import.undo); the counts above stay as the run left them. */
  undoneAt: IsoTime.nullable(),
});
export type RunSummary = z.infer<typeof RunSummary>;
/** Counts only: records removed, records from before the run it changed (kept), records a later run wrote to (kept), rejected rows removed. */
export const UndoCounts = z.object({ removed: z.number().int(), keptChanged: z.number().int(), keptLater: z.number().int(), rejectsRemoved: z.number().int() });
export type UndoCounts = z.infer<typeof UndoCounts>;
/** A purpose a source declares (a catalog code or name, as typed) and the lawful basis it relies on for it. */
export const DeclaredPurpose = z.object({ purpose: z.string().trim().min(1).max(100), basis: LawfulBasis });
export type DeclaredPurpose = z.infer<typeof DeclaredPurpose>;
export const Source = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(['file', 'postgres', 'mysql', 'folder', 'rest']),
  /** What the source declares, each purpose with its basis. */
  purposes: z.array(DeclaredPurpose),
  /** The source's basis: the one a purpose declared without its own takes (docs/consent.md, Declarations). */
  lawfulBasis: LawfulBasis,
  defaultCountry: z.string().nullable(),
  mapping: Mapping.nullable(),
  /** How the source's files were read last (a sheet, a records path, an encoding, a delimiter); null until chosen for one. */
  readOptions: SavedReadOptions.nullable(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
  lastRun: RunSummary.nullable(),
});
export type Source = z.infer<typeof Source>;
/** A purpose as a declaration may give it: with its basis, or bare (it takes the source's basis). */
export type PurposeGiven = string | DeclaredPurpose;
/** Each purpose with its basis: a bare one takes the source's. */
export function withBases(purposes: readonly PurposeGiven[], lawfulBasis: LawfulBasis): DeclaredPurpose[] {
  return purposes.map((given) =>
    typeof given === 'string' ? { purpose: given.trim(), basis: lawfulBasis } : { purpose: given.purpose.trim(), basis: given.basis },
  );
}
/**
 * The purposes after the source's basis changes from `before` to `after`: those that were on the source's
 * basis follow it (as every purpose did when a source had one basis); those declared on another keep theirs.
 */
export function followBasis(purposes: readonly DeclaredPurpose[], before: LawfulBasis, after: LawfulBasis): DeclaredPurpose[] {
  return purposes.map((declared) => (declared.basis === before ? { ...declared, basis: after } : declared));
}
export const SourceName = z.string().trim().min(1).max(100);
/**
 * A source's declaration: its purposes, each `{ purpose, basis }`, or a bare purpose (the shorthand saved
 * mappings, connectors and older clients send) that takes `lawfulBasis`, the source's basis.
 */
export const SourceDeclaration = z.object({
  purposes: z
    .array(z.union([z.string().trim().min(1).max(100), DeclaredPurpose]))
    .min(1)
    .max(20),
  lawfulBasis: LawfulBasis,
  defaultCountry: CountryCode.nullable(),
});

export const ingestMethods = {
  /** Auditors see the register of sources too: purposes and lawful bases are what they review. */
  'sources.list': method({ input: Empty, output: z.array(Source), access: roles('administrator', 'steward', 'auditor'), audit: 'read-only' }),
  'sources.save': method({
    input: SourceDeclaration.extend({ name: SourceName, mapping: Mapping.nullable().optional() }),
    output: Source,
    access: roles('administrator', 'steward'),
    audit: ['source.saved'],
  }),
  'import.preview': method({
    /** Without `options`, a file of a `source` is read with the options saved with the source. */
    input: z.object({ file: FilePath, options: ReadOptionsSchema.optional(), source: SourceName.optional() }),
    output: z.object({
      format: z.enum(FILE_FORMATS),
      encoding: z.string(),
      delimiter: z.string().nullable(),
      headers: z.array(z.string()),
      sheets: z.array(z.string()),
      rows: z.array(z.object({ line: z.number().int(), values: z.record(z.string(), z.unknown()) })),
      problems: z.array(z.object({ line: z.number().int(), reason: z.string(), raw: z.string() })),
      /** JSON whose top level is an object: the paths of arrays of objects in it, candidates for `recordsPath`. */
      recordsPaths: z.array(z.string()),
      mapping: Mapping,
      mappingFrom: z.enum(['source', 'suggested']),
      /**
       * Read with the source's saved options: those that apply to this file's format (`used`, for the wizard
       * to preselect), and a saved sheet or records path this file lacks (`missing`: read as detected
       * instead). Null when options were given, or none of the saved ones was used or missed.
       */
      savedOptions: z.object({ used: SavedReadOptions, missing: SavedReadOptions.pick({ sheet: true, recordsPath: true }) }).nullable(),
    }),
    access: roles('administrator', 'steward'),
    audit: 'read-only',
  }),
  'import.file': jobMethod({
    input: z.object({
      file: FilePath,
      source: SourceName,
      options: ReadOptionsSchema.default({}),
      mapping: Mapping.optional(),
      declaration: SourceDeclaration.optional(),
    }),
    output: RunSummary,
    access: roles('administrator', 'steward'),
    audit: ['source.saved', 'import.started', 'import.completed', 'import.failed', 'import.cancelled', 'import.interrupted'],
  }),
  'import.runs': method({
    input: z.object({ sourceId: z.number().int().optional(), limit: z.number().int().min(1).max(500).default(50) }),
    output: z.array(RunSummary),
    access: roles('administrator', 'steward', 'auditor'),
    audit: 'read-only',
  }),
  /** What import.undo would remove and keep now, for the confirmation; changes nothing. */
  'import.undoPlan': method({
    input: z.object({ runId: z.number().int() }),
    output: UndoCounts,
    access: roles('administrator', 'steward'),
    audit: 'read-only',
  }),
  /**
   * Removes the records a finished run created that no later run wrote to, with all that hangs from them,
   * a batch of records per transaction (ingest/undo-job.ts). CONFLICT (`runRunning`, `runUndone`,
   * `importRunning`, `undoRunning`) while it or another run of its source is running, or once undone. Cancelled,
   * the batches done stay done and the run stays undoable: the counts of what went and what is left are in
   * the CANCELLED error's params (`removed`, `remaining`, `rejectsRemoved`, `rejectsRemaining`).
   */
  'import.undo': jobMethod({
    input: z.object({ runId: z.number().int() }),
    output: UndoCounts,
    access: roles('administrator', 'steward'),
    audit: ['import.undo_started', 'import.undone', 'import.undo_cancelled', 'import.undo_failed'],
  }),
  'import.rejects': method({
    input: z.object({ runId: z.number().int(), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(100) }),
    output: z.object({
      total: z.number().int(),
      rows: z.array(
        z.object({
          line: z.number().int(),
          reasons: z.array(z.string()),
          /** A code and parameters per reason, for translation; null where the reason has none. */
          details: z.array(ReasonDetail.nullable()).optional(),
          raw: z.string(),
        }),
      ),
    }),
    access: roles('administrator', 'steward'),
    audit: 'read-only',
  }),
  'import.exportRejects': method({
    /** `language`: of the reasons and of the file's own columns (`line`, `reasons`); English when absent. */
    input: z.object({ runId: z.number().int(), outFile: FilePath, overwrite: Overwrite, language: Language.default('en') }),
    output: z.object({ file: z.string(), rows: z.number().int() }),
    access: roles('administrator', 'steward'),
    audit: ['import.rejects_exported'],
  }),
  /** The same CSV as import.exportRejects, as text: browser mode offers it as a download. */
  'import.rejectsCsv': method({
    input: z.object({ runId: z.number().int(), language: Language.default('en') }),
    output: z.object({ csv: z.string(), rows: z.number().int() }),
    access: roles('administrator', 'steward'),
    audit: ['import.rejects_exported'],
  }),
} as const;
