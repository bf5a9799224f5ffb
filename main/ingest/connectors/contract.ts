/** The connectors slice of the contract. Connectors: databases, watched folders and REST APIs that feed sources, and their syncs. */
import { z } from 'zod';
import { Empty, IsoTime, jobMethod, method, roles } from '../../core/contract-kit';
import { LawfulBasis } from '../../consent/contract';
import { DeclaredPurpose, ErrorDetail, RunSummary, SourceDeclaration, SourceName } from '../contract';
import { Mapping } from '../mapping/fields';
import { ConnectorKind, ConnectorSpec } from './config';

/**
 * A connector as the interface and auditors see it: secrets masked (`••••`), with where it stands. The
 * register of systems personal data comes from is an audit matter, so auditors may read this list.
 */
export const Connector = z.object({
  id: z.number().int(),
  name: z.string(),
  sourceId: z.number().int(),
  kind: ConnectorKind,
  purposes: z.array(DeclaredPurpose),
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

export const connectorMethods = {
  'connectors.list': method({ input: Empty, output: z.array(Connector), access: roles('administrator', 'steward', 'auditor'), audit: 'read-only' }),
  'connectors.add': method({
    input: SourceDeclaration.extend({
      name: SourceName,
      defaultCountry: SourceDeclaration.shape.defaultCountry.default(null),
      scheduleMinutes: ScheduleMinutes.nullable().default(null),
      mapping: Mapping.nullable().optional(),
    }).and(ConnectorSpec),
    output: Connector,
    access: roles('administrator', 'steward'),
    audit: ['connector.added', 'source.saved'],
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
    audit: ['connector.updated', 'source.saved'],
  }),
  /** The source, its runs and its records stay: removing a connector only stops the syncs. */
  'connectors.remove': method({
    input: z.object({ name: SourceName }),
    output: Empty,
    access: roles('administrator', 'steward'),
    audit: ['connector.removed'],
  }),
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
    audit: ['connector.tested'],
  }),
  /** One connector by name, or every enabled one (`dueOnly`: only those whose schedule and retry delay say so). */
  'connectors.sync': jobMethod({
    input: z.union([z.object({ name: SourceName }).strict(), z.object({ all: z.literal(true), dueOnly: z.boolean().default(false) }).strict()]),
    output: z.object({ outcomes: z.array(SyncOutcome) }),
    access: roles('administrator', 'steward'),
    audit: ['source.saved', 'import.started', 'import.completed', 'import.failed', 'import.cancelled', 'import.interrupted', 'sync.retry_scheduled'],
  }),
} as const;
