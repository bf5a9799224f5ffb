import type { StoredCheckpoint } from './contract';
import type { SliceHandlers } from '../core/handlers';
import type { CapabilityContext } from '../vault/index';
import type { auditMethods } from './contract';
import { yieldToEventLoop } from '../jobs/index';
import { sql } from '../store/sql';
import { AUDIT_ACTIONS } from './actions';
import { publicKeyFingerprint } from './checkpoint';
import { exportAudit, filterDetails } from './export';
import { resolveNames } from './names';
import { verifyChain } from './verify';

export const auditHandlers: SliceHandlers<typeof auditMethods, CapabilityContext> = {
  'audit.list': ({ filter, beforeSeq, limit }, { vaults }) => {
    const { audit } = vaults.current();
    return { entries: audit.list(filter, limit, beforeSeq), total: audit.count(filter) };
  },
  'audit.names': (request, { vaults }) => resolveNames(vaults.current().db, request),
  'audit.actions': () => [...AUDIT_ACTIONS],
  'audit.verify': async ({ checkpoint }, { vaults }, job) => {
    const vault = vaults.current();
    const knownSigningKeys = new Set(
      vault.db
        .all<{ key: string }>(sql`SELECT signing_public_key AS key FROM app_user WHERE signing_public_key IS NOT NULL`)
        .map((row) => publicKeyFingerprint(row.key)),
    );
    const report = await verifyChain(
      { raw: vault.raw, dbFile: vault.files.db, key: vault.key, vaultId: vault.vaultId },
      {
        checkpoint,
        knownSigningKeys,
        onProgress: async (done, total) => {
          job.progress('verify', done, total);
          job.checkpoint();
          await yieldToEventLoop();
        },
      },
    );
    vault.audit.record({
      action: 'audit.verified',
      actorId: vault.user.id,
      details: {
        intact: report.intact,
        entries: report.entries,
        headSeq: report.headSeq,
        firstBrokenSeq: report.firstBroken?.seq ?? null,
        checkpointSeq: report.checkpoint?.seq ?? null,
        checkpointStatus: report.checkpoint?.status ?? null,
      },
    });
    return report;
  },
  'audit.export': async ({ outDir, filter }, { vaults, now }, job) => {
    const vault = vaults.current();
    const result = await exportAudit(vault.audit, { outDir, filter, user: vault.user, signingKey: vault.signingKey, now: now(), job });
    vault.db.transaction(() => {
      const { checkpoint } = result;
      vault.db.run(sql`
        INSERT INTO audit_checkpoint (seq, head_hash, entry_count, taken_at, taken_by, fingerprint, file)
        VALUES (${checkpoint.seq}, ${checkpoint.headHash}, ${checkpoint.entryCount}, ${checkpoint.takenAt}, ${vault.user.id}, ${checkpoint.signature?.fingerprint ?? null}, ${result.checkpointFile})`);
      vault.audit.append({
        action: 'audit.exported',
        actorId: vault.user.id,
        details: { entries: result.entries, checkpointSeq: checkpoint.seq, signed: checkpoint.signature !== undefined, ...filterDetails(filter) },
      });
    });
    return { files: result.files, checkpoint: result.checkpoint, entries: result.entries };
  },
  'audit.checkpoints': (_input, { vaults }) =>
    vaults
      .current()
      .db.all<{
        id: number;
        seq: number;
        head_hash: string;
        entry_count: number;
        taken_at: string;
        taken_by: string;
        fingerprint: string | null;
        file: string | null;
      }>(
        sql`SELECT c.id, c.seq, c.head_hash, c.entry_count, c.taken_at, u.name AS taken_by, c.fingerprint, c.file
            FROM audit_checkpoint c JOIN app_user u ON u.id = c.taken_by ORDER BY c.id DESC`,
      )
      .map((row): StoredCheckpoint => ({
        id: row.id,
        seq: row.seq,
        headHash: row.head_hash,
        entryCount: row.entry_count,
        takenAt: row.taken_at,
        takenBy: row.taken_by,
        signed: row.fingerprint !== null,
        fingerprint: row.fingerprint,
        file: row.file,
      })),
};
