/**
 * The one contract every transport serves: Electron IPC, the loopback bridge, the CLI and the tests.
 * Each method names its input and output schema and who may call it. This file is environment-neutral
 * (no Node, no DOM) so the renderer can import the types and the schemas.
 */
import { z } from 'zod';
import { ConnectorKind, ConnectorSpec } from '../ingest/connectors/config';
import { Mapping } from '../ingest/mapping/fields';
import { REASON_CODES } from '../ingest/reasons';
import { FILE_FORMATS } from '../ingest/types';

export const ROLES = ['administrator', 'steward', 'auditor'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const LANGUAGES = ['en', 'fr'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

/** Who may call a method: anyone (before unlock), any unlocked user, or listed roles only. */
export type Access = { readonly kind: 'public' } | { readonly kind: 'session' } | { readonly kind: 'roles'; readonly roles: readonly Role[] };

const publicAccess: Access = { kind: 'public' };
const sessionAccess: Access = { kind: 'session' };
const roles = (...allowed: Role[]): Access => ({ kind: 'roles', roles: allowed });

const UserName = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\p{L}\p{N}._@-][\p{L}\p{N} ._@-]*$/u, 'letters, digits, spaces and . _ @ - only');
/** Long passphrases are encouraged; 10 characters is the floor NIST SP 800-63B would accept for a vault key. */
const Passphrase = z.string().min(10).max(1024);
const FilePath = z.string().min(1).max(4096);
/** Whether a file written by the call may replace one of the same name (the CLI's --force, a confirmation in the UI). */
const Overwrite = z.boolean().default(false);
const IsoTime = z.string();

export const SessionUser = z.object({
  id: z.number().int(),
  name: z.string(),
  role: Role,
  canSign: z.boolean(),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const VaultStatus = z.object({
  state: z.enum(['no-vault', 'locked', 'unlocked']),
  vaultDir: z.string(),
  vaultId: z.string().nullable(),
  user: SessionUser.nullable(),
  idleLockMinutes: z.number().int().nullable(),
  language: Language.nullable(),
  suggestedExportDir: z.string(),
  retryAfterSeconds: z.number().int().nullable(),
  /** Set once the background page check found damage: writing is stopped, restore from a backup. */
  damage: z.object({ problems: z.number().int(), foundAt: IsoTime, lastBackupAt: IsoTime.nullable() }).nullable(),
});
export type VaultStatus = z.infer<typeof VaultStatus>;

export const User = z.object({
  id: z.number().int(),
  name: z.string(),
  role: Role,
  status: z.enum(['active', 'disabled']),
  createdAt: IsoTime,
  signingKeyFingerprint: z.string().nullable(),
});
export type User = z.infer<typeof User>;

export const AuditEntry = z.object({
  seq: z.number().int(),
  at: IsoTime,
  actorId: z.number().int().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditFilter = z.object({
  actorId: z.number().int().optional(),
  action: z.string().max(64).optional(),
  from: IsoTime.optional(),
  to: IsoTime.optional(),
});
export type AuditFilter = z.infer<typeof AuditFilter>;

export const Checkpoint = z.object({
  format: z.literal('custodia-checkpoint/1'),
  vaultId: z.string(),
  seq: z.number().int().nonnegative(),
  headHash: z.string().regex(/^[0-9a-f]{64}$/),
  entryCount: z.number().int().nonnegative(),
  takenAt: IsoTime,
  takenBy: z.object({ id: z.number().int(), name: z.string(), role: Role }),
  signature: z
    .object({
      algorithm: z.literal('ed25519'),
      publicKey: z.string(),
      fingerprint: z.string(),
      value: z.string(),
    })
    .optional(),
});
export type Checkpoint = z.infer<typeof Checkpoint>;

export const VerifyReport = z.object({
  intact: z.boolean(),
  entries: z.number().int(),
  headSeq: z.number().int(),
  headHash: z.string(),
  firstBroken: z.object({ seq: z.number().int(), reason: z.enum(['hash-mismatch', 'link-mismatch', 'sequence-gap']) }).nullable(),
  checkpoint: z
    .object({
      status: z.enum(['extends', 'head-mismatch', 'truncated', 'other-vault', 'bad-signature']),
      seq: z.number().int(),
      signed: z.boolean(),
      signer: z.string().nullable(),
      signerKnown: z.boolean(),
    })
    .nullable(),
});
export type VerifyReport = z.infer<typeof VerifyReport>;

export const StoredCheckpoint = z.object({
  id: z.number().int(),
  seq: z.number().int(),
  headHash: z.string(),
  entryCount: z.number().int(),
  takenAt: IsoTime,
  takenBy: z.string(),
  signed: z.boolean(),
  fingerprint: z.string().nullable(),
  file: z.string().nullable(),
});
export type StoredCheckpoint = z.infer<typeof StoredCheckpoint>;

export const JobId = z.object({ jobId: z.string() });
export const JobState = z.object({
  jobId: z.string(),
  method: z.string(),
  status: z.enum(['running', 'completed', 'failed', 'cancelled']),
  step: z.string(),
  done: z.number(),
  total: z.number().nullable(),
  /** A finished job's result, so a client that missed the event can still collect it. */
  value: z.unknown().optional(),
  error: z.object({ code: z.string(), message: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() }).optional(),
});
export type JobState = z.infer<typeof JobState>;

export const LAWFUL_BASES = ['consent', 'contract', 'legal_obligation', 'vital_interests', 'public_task', 'legitimate_interests'] as const;
export const LawfulBasis = z.enum(LAWFUL_BASES);
export type LawfulBasis = z.infer<typeof LawfulBasis>;

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

export const Source = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(['file', 'postgres', 'mysql', 'folder', 'rest']),
  purposes: z.array(z.string()),
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

const SourceName = z.string().trim().min(1).max(100);
const SourceDeclaration = z.object({
  purposes: z.array(z.string().trim().min(1).max(100)).min(1).max(20),
  lawfulBasis: LawfulBasis,
  defaultCountry: z.string().regex(/^[A-Z]{2}$/).nullable(),
});

/**
 * A connector as the interface and auditors see it: secrets masked (`••••`), with where it stands. The
 * register of systems personal data comes from is an audit matter, so auditors may read this list.
 */
export const Connector = z.object({
  id: z.number().int(),
  name: z.string(),
  sourceId: z.number().int(),
  kind: ConnectorKind,
  purposes: z.array(z.string()),
  lawfulBasis: LawfulBasis,
  defaultCountry: z.string().nullable(),
  /** The kind's configuration with every secret replaced by `••••`. */
  config: z.record(z.string(), z.unknown()),
  scheduleMinutes: z.number().int().nullable(),
  enabled: z.boolean(),
  consecutiveFailures: z.number().int(),
  nextAttemptAt: IsoTime.nullable(),
  lastSuccessAt: IsoTime.nullable(),
  lastError: z.string().nullable(),
  lastErrorDetail: ErrorDetail.nullable(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
  lastRun: RunSummary.nullable(),
});
export type Connector = z.infer<typeof Connector>;

export const SyncOutcome = z.object({
  name: z.string(),
  kind: ConnectorKind,
  status: z.enum(['completed', 'failed', 'skipped']),
  runs: z.array(RunSummary),
  /** One line saying what went wrong; null when the sync completed. */
  error: z.string().nullable(),
  errorDetail: ErrorDetail.nullable(),
  consecutiveFailures: z.number().int(),
  /** When the scheduler will try again after a failure. */
  nextAttemptAt: IsoTime.nullable(),
  /** Watched folder: files too recent to be read (perhaps still being copied); the next sync takes them. */
  waitingFiles: z.number().int(),
});
export type SyncOutcome = z.infer<typeof SyncOutcome>;

const ScheduleMinutes = z.number().int().min(1).max(525_600);

export const ProfileSummary = z.object({
  id: z.number().int(),
  displayName: z.string(),
  emails: z.array(z.string()),
  phones: z.array(z.string()),
  city: z.string().nullable(),
  sources: z.array(z.string()),
});
export type ProfileSummary = z.infer<typeof ProfileSummary>;

const Field = z.string().nullable();
export const ProfileDetail = z.object({
  id: z.number().int(),
  displayName: z.string(),
  status: z.enum(['active', 'merged', 'erased']),
  createdAt: IsoTime,
  records: z.array(
    z.object({
      id: z.number().int(),
      source: z.string(),
      externalId: z.string(),
      givenName: Field,
      familyName: Field,
      fullName: Field,
      street: Field,
      city: Field,
      postalCode: Field,
      region: Field,
      country: Field,
      birthDate: Field,
      emails: z.array(z.object({ value: z.string(), raw: z.string() })),
      phones: z.array(z.object({ value: z.string(), raw: z.string() })),
      raw: z.unknown(),
      firstSeen: IsoTime,
      lastChanged: IsoTime,
    }),
  ),
  /** The latest events only (at most PROFILE_EVENT_LIMIT in main/profiles): `eventCount` says how many there are in all. */
  events: z.array(z.object({ id: z.number().int(), type: z.string(), at: z.string(), amount: z.number().nullable(), currency: Field, place: Field, source: z.string() })),
  eventCount: z.number().int(),
  consents: z.array(z.object({ purpose: z.string(), granted: z.boolean(), at: Field, source: z.string() })),
});
export type ProfileDetail = z.infer<typeof ProfileDetail>;

const Empty = z.object({}).strict();

interface MethodSpec<I extends z.ZodType, O extends z.ZodType> {
  readonly input: I;
  readonly output: O;
  readonly access: Access;
}

function method<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> & { readonly job?: undefined } {
  return spec;
}

/** Long work: dispatch answers `{ jobId }` at once and `output` is what the job completes with. */
function jobMethod<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> & { readonly job: true } {
  return { ...spec, job: true };
}

export const contract = {
  'vault.status': method({ input: Empty, output: VaultStatus, access: publicAccess }),
  'vault.create': method({
    input: z.object({ adminName: UserName, passphrase: Passphrase }),
    output: z.object({ recoveryCode: z.string(), user: SessionUser }),
    access: publicAccess,
  }),
  'vault.unlock': method({
    input: z.object({ userName: z.string().min(1).max(64), passphrase: z.string().min(1).max(1024) }),
    output: SessionUser,
    access: publicAccess,
  }),
  'vault.recover': method({
    input: z.object({ recoveryCode: z.string().min(1).max(200), userName: z.string().min(1).max(64), newPassphrase: Passphrase }),
    output: z.object({ user: SessionUser, recoveryCode: z.string() }),
    access: publicAccess,
  }),
  'vault.lock': method({ input: Empty, output: Empty, access: sessionAccess }),
  'vault.touch': method({ input: Empty, output: Empty, access: sessionAccess }),
  'vault.changePassphrase': method({
    input: z.object({ currentPassphrase: z.string().min(1).max(1024), newPassphrase: Passphrase }),
    output: Empty,
    access: sessionAccess,
  }),
  'vault.setIdleLock': method({
    input: z.object({ minutes: z.number().int().min(1).max(24 * 60) }),
    output: Empty,
    access: roles('administrator'),
  }),
  'vault.backup': jobMethod({
    input: z.object({ outFile: FilePath, overwrite: Overwrite }),
    output: z.object({ file: z.string(), bytes: z.number().int(), sha256: z.string() }),
    access: roles('administrator'),
  }),
  /**
   * Restores into a new folder. With the vault unlocked, an administrator restores a backup of this same
   * vault; with it locked (the CLI), the backup's own administrator credentials are required.
   */
  'vault.restore': method({
    input: z.object({ file: FilePath, targetDir: FilePath, userName: z.string().min(1).max(64).optional(), passphrase: z.string().min(1).max(1024).optional() }),
    output: z.object({ vaultDir: z.string(), vaultId: z.string(), auditEntries: z.number().int(), backupSha256: z.string() }),
    access: publicAccess,
  }),
  'vault.check': method({
    input: Empty,
    output: z.object({ ok: z.boolean(), problems: z.array(z.string()) }),
    access: roles('administrator', 'auditor'),
  }),
  /** The raw database key, for opening vault.db with another SQLCipher 4 tool; asks for the passphrase again. */
  'vault.revealKey': method({
    input: z.object({ passphrase: z.string().min(1).max(1024) }),
    output: z.object({ keyHex: z.string().regex(/^[0-9a-f]{64}$/) }),
    access: roles('administrator'),
  }),
  'preferences.setLanguage': method({ input: z.object({ language: Language }), output: Empty, access: publicAccess }),

  'users.list': method({ input: Empty, output: z.array(User), access: roles('administrator', 'auditor') }),
  'users.add': method({
    input: z.object({ name: UserName, role: Role, passphrase: Passphrase }),
    output: User,
    access: roles('administrator'),
  }),
  'users.disable': method({ input: z.object({ userId: z.number().int() }), output: User, access: roles('administrator') }),
  'users.createSigningKey': method({
    input: z.object({ passphrase: z.string().min(1).max(1024) }),
    output: z.object({ fingerprint: z.string() }),
    access: roles('auditor'),
  }),

  'audit.list': method({
    input: z.object({ filter: AuditFilter.default({}), beforeSeq: z.number().int().optional(), limit: z.number().int().min(1).max(1000).default(200) }),
    output: z.object({ entries: z.array(AuditEntry), total: z.number().int() }),
    access: roles('administrator', 'auditor'),
  }),
  'audit.actions': method({ input: Empty, output: z.array(z.string()), access: roles('administrator', 'auditor') }),
  'audit.verify': jobMethod({
    input: z.object({ checkpoint: Checkpoint.optional() }),
    output: VerifyReport,
    access: roles('administrator', 'auditor'),
  }),
  'audit.export': jobMethod({
    input: z.object({ outDir: FilePath, filter: AuditFilter.default({}) }),
    output: z.object({ files: z.array(z.string()), checkpoint: Checkpoint, entries: z.number().int() }),
    access: roles('administrator', 'auditor'),
  }),
  'audit.checkpoints': method({ input: Empty, output: z.array(StoredCheckpoint), access: roles('administrator', 'auditor') }),

  /** Auditors see the register of sources too: purposes and lawful bases are what they review. */
  'sources.list': method({ input: Empty, output: z.array(Source), access: roles('administrator', 'steward', 'auditor') }),
  'sources.save': method({
    input: SourceDeclaration.extend({ name: SourceName, mapping: Mapping.nullable().optional() }),
    output: Source,
    access: roles('administrator', 'steward'),
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
  }),
  'import.runs': method({
    input: z.object({ sourceId: z.number().int().optional(), limit: z.number().int().min(1).max(500).default(50) }),
    output: z.array(RunSummary),
    access: roles('administrator', 'steward', 'auditor'),
  }),
  /** What import.undo would remove and keep now, for the confirmation; changes nothing. */
  'import.undoPlan': method({ input: z.object({ runId: z.number().int() }), output: UndoCounts, access: roles('administrator', 'steward') }),
  /**
   * Removes the records a finished run created that no later run wrote to, with all that hangs from them,
   * a batch of records per transaction (ingest/undo-job.ts). CONFLICT (`runRunning`, `runUndone`,
   * `importRunning`, `undoRunning`) while it or another run of its source is running, or once undone. Cancelled,
   * the batches done stay done and the run stays undoable: the counts of what went and what is left are in
   * the CANCELLED error's params (`removed`, `remaining`, `rejectsRemoved`, `rejectsRemaining`).
   */
  'import.undo': jobMethod({ input: z.object({ runId: z.number().int() }), output: UndoCounts, access: roles('administrator', 'steward') }),
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
  }),
  'import.exportRejects': method({
    input: z.object({ runId: z.number().int(), outFile: FilePath, overwrite: Overwrite }),
    output: z.object({ file: z.string(), rows: z.number().int() }),
    access: roles('administrator', 'steward'),
  }),
  'connectors.list': method({ input: Empty, output: z.array(Connector), access: roles('administrator', 'steward', 'auditor') }),
  'connectors.add': method({
    input: SourceDeclaration.extend({
      name: SourceName,
      defaultCountry: SourceDeclaration.shape.defaultCountry.default(null),
      scheduleMinutes: ScheduleMinutes.nullable().default(null),
      mapping: Mapping.nullable().optional(),
    }).and(ConnectorSpec),
    output: Connector,
    access: roles('administrator', 'steward'),
  }),
  /**
   * `config` replaces the whole configuration; secrets sent back masked (`••••`) or left out (no
   * `password`, no `authHeader`) keep their stored value, so a form can save what it was shown.
   * `authHeader: null` removes a REST connector's header.
   */
  'connectors.update': method({
    input: SourceDeclaration.partial().extend({
      name: SourceName,
      config: z.record(z.string(), z.unknown()).optional(),
      scheduleMinutes: ScheduleMinutes.nullable().optional(),
      enabled: z.boolean().optional(),
      mapping: Mapping.nullable().optional(),
    }),
    output: Connector,
    access: roles('administrator', 'steward'),
  }),
  /** The source, its runs and its records stay: removing a connector only stops the syncs. */
  'connectors.remove': method({ input: z.object({ name: SourceName }), output: Empty, access: roles('administrator', 'steward') }),
  /** A saved connector by name, or a configuration before saving it: connects and reads up to 20 rows. */
  'connectors.test': method({
    /**
     * A saved connector (`name`), a saved connector with unsaved changes (`name` and `config`, read as
     * connectors.update reads it: its stored secrets kept, for the same server only), or a new one.
     */
    input: z.union([z.object({ name: SourceName, config: z.record(z.string(), z.unknown()).optional() }).strict(), ConnectorSpec]),
    output: z.object({
      headers: z.array(z.string()),
      rows: z.array(z.object({ line: z.number().int(), values: z.record(z.string(), z.unknown()) })),
      problems: z.array(z.object({ line: z.number().int(), reason: z.string(), raw: z.string() })),
      mapping: Mapping,
      mappingFrom: z.enum(['source', 'suggested']),
      /** In English, for the command line; `noteDetail` is the same remark for the interface to translate. */
      note: z.string().nullable(),
      noteDetail: z
        .object({ code: z.enum(['folderEmpty', 'fromProcessed', 'readFrom', 'nothingYet']), params: z.record(z.string(), z.union([z.string(), z.number()])) })
        .nullable(),
    }),
    access: roles('administrator', 'steward'),
  }),
  /** One connector by name, or every enabled one (`dueOnly`: only those whose schedule and retry delay say so). */
  'connectors.sync': jobMethod({
    input: z.union([z.object({ name: SourceName }).strict(), z.object({ all: z.literal(true), dueOnly: z.boolean().default(false) }).strict()]),
    output: z.object({ outcomes: z.array(SyncOutcome) }),
    access: roles('administrator', 'steward'),
  }),
  /** The same CSV as import.exportRejects, as text: browser mode offers it as a download. */
  'import.rejectsCsv': method({
    input: z.object({ runId: z.number().int() }),
    output: z.object({ csv: z.string(), rows: z.number().int() }),
    access: roles('administrator', 'steward'),
  }),
  'profiles.count': method({ input: Empty, output: z.object({ profiles: z.number().int() }), access: roles('administrator', 'steward') }),
  'profiles.search': method({
    input: z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(200).default(50) }),
    output: z.object({ hits: z.array(ProfileSummary) }),
    access: roles('administrator', 'steward'),
  }),
  'profiles.list': method({
    input: z.object({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) }),
    output: z.object({ total: z.number().int(), profiles: z.array(ProfileSummary) }),
    access: roles('administrator', 'steward'),
  }),
  'profiles.get': method({ input: z.object({ id: z.number().int() }), output: ProfileDetail, access: roles('administrator', 'steward') }),

  'jobs.get': method({ input: JobId, output: JobState, access: sessionAccess }),
  'jobs.cancel': method({ input: JobId, output: JobState, access: sessionAccess }),
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;
/** What dispatch() answers: a job id for job methods, the output otherwise. */
export type MethodReply<M extends MethodName> = Contract[M] extends { job: true } ? { jobId: string } : MethodOutput<M>;
export type JobMethodName = { [M in MethodName]: Contract[M] extends { job: true } ? M : never }[MethodName];

/** Events pushed from the backend to every window. */
export type BackendEvent =
  | { readonly type: 'job.progress'; readonly jobId: string; readonly step: string; readonly done: number; readonly total: number | null }
  | {
      readonly type: 'job.finished';
      readonly jobId: string;
      readonly status: 'completed' | 'failed' | 'cancelled';
      readonly value?: unknown;
      readonly error?: { code: string; message: string; params?: Record<string, string | number> };
    }
  | { readonly type: 'vault.locked'; readonly reason: 'idle' | 'user' }
  | { readonly type: 'vault.damaged' };
