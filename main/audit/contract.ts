/** The audit slice of the contract. The audit trail: reading, verifying and exporting it, and the checkpoints auditors keep. */
import { z } from 'zod';
import { Empty, FilePath, IsoTime, Role, jobMethod, method, roles } from '../core/contract-kit';

export const AuditEntry = z.object({
  seq: z.number().int(),
  at: IsoTime,
  actorId: z.number().int().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  /** The hash of the entry before it in the chain (the genesis hash for the first). */
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditFilter = z.object({
  actorId: z.number().int().optional(),
  action: z.string().max(64).optional(),
  /** What an entry is about, e.g. `profile` and `42`: "who accessed profile 42". */
  objectType: z.string().max(64).optional(),
  objectId: z.string().max(64).optional(),
  from: IsoTime.optional(),
  to: IsoTime.optional(),
});
export type AuditFilter = z.infer<typeof AuditFilter>;
const Ids = z.array(z.number().int()).max(1000).default([]);
/**
 * The ids on a page of entries whose names the reader wants. People are not among them: a profile's name
 * is personal data, and an auditor reads the trail without ever reading a person.
 */
export const AuditNameRequest = z.object({ users: Ids, sources: Ids, runs: Ids, connectors: Ids });
export const AuditNames = z.object({
  users: z.record(z.string(), z.string()),
  sources: z.record(z.string(), z.string()),
  runs: z.record(z.string(), z.object({ sourceId: z.number().int(), sourceName: z.string() })),
  connectors: z.record(z.string(), z.object({ sourceId: z.number().int(), sourceName: z.string() })),
});
export type AuditNames = z.infer<typeof AuditNames>;
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

export const auditMethods = {
  'audit.list': method({
    input: z.object({ filter: AuditFilter.default({}), beforeSeq: z.number().int().optional(), limit: z.number().int().min(1).max(1000).default(200) }),
    output: z.object({ entries: z.array(AuditEntry), total: z.number().int() }),
    access: roles('administrator', 'auditor'),
    audit: 'read-only',
  }),
  'audit.names': method({ input: AuditNameRequest, output: AuditNames, access: roles('administrator', 'auditor'), audit: 'read-only' }),
  'audit.actions': method({ input: Empty, output: z.array(z.string()), access: roles('administrator', 'auditor'), audit: 'read-only' }),
  'audit.verify': jobMethod({
    input: z.object({ checkpoint: Checkpoint.optional() }),
    output: VerifyReport,
    access: roles('administrator', 'auditor'),
    audit: ['audit.verified'],
  }),
  'audit.export': jobMethod({
    input: z.object({ outDir: FilePath, filter: AuditFilter.default({}) }),
    output: z.object({ files: z.array(z.string()), checkpoint: Checkpoint, entries: z.number().int() }),
    access: roles('administrator', 'auditor'),
    audit: ['audit.exported'],
  }),
  'audit.checkpoints': method({ input: Empty, output: z.array(StoredCheckpoint), access: roles('administrator', 'auditor'), audit: 'read-only' }),
} as const;
