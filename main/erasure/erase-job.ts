/**
 * One erasure as a job: the commit's transaction (with its audit entry), the purge that follows it, then
 * the verification scan, whose result completes the certificate (audited again, with the new hash). The
 * person's identifiers are in memory only from the plan read inside the transaction to the end of the scan.
 */
import type { JobControl } from '../core/job-control';
import { todayIn, vaultTimeZone } from '../requests/index';
import { sql } from '../store/sql';
import type { CapabilityContext, OpenVault } from '../vault/index';
import { getCertificate, sealCertificate } from './certificate';
import { assertCommittable, commitErasure, type Committed } from './commit';
import type { ErasureCertificate, ErasureReason, ScanSummary } from './contract';
import { planErasure, type ErasurePlan } from './plan';
import { indexCheck } from './index-check';
import { purgeAfterCommit } from './purge';
import { scanPeople, type ScannedPerson } from './scan-person';

export function vaultToday(vault: OpenVault, now: Date): string {
  return todayIn(now, vaultTimeZone(vault.db));
}

/** What the scan looks for after this plan's commit, and whose rows may not hold it any more. */
export function scannedPerson(plan: ErasurePlan): ScannedPerson {
  return {
    identifiers: plan.scope.identifiers,
    nameTexts: plan.scope.nameTexts,
    erasedRecordIds: plan.goingRecordIds,
    erasedProfileIds: [plan.scope.profileId, ...plan.scope.absorbedProfileIds],
    keptRecords: plan.kept.reduce((sum, entry) => sum + entry.records, 0),
  };
}

export interface EraseInput {
  readonly profileId: number;
  readonly requestId: number | null;
  /** Null: the plan is taken as it stands (a bulk erasure previewed the batch as a whole). */
  readonly token: string | null;
  readonly reason: ErasureReason;
}

/** The commit alone, in one transaction with its audit entry; returns the plan read inside it. */
export function commitOne(context: CapabilityContext, input: EraseInput): { plan: ErasurePlan; committed: Committed } {
  const now = context.now();
  return context.vaults.mutate(
    ({ plan, committed }) => ({
      action: 'erasure.committed',
      objectType: 'profile',
      objectId: plan.scope.profileId,
      details: {
        certificateId: committed.certificateId,
        requestId: plan.requestId,
        reason: input.reason,
        records: plan.removed.records ?? 0,
        events: plan.removed.events ?? 0,
        generalized: plan.generalization.events,
        kept: plan.kept.reduce((sum, entry) => sum + entry.records, 0),
        hash: committed.hash,
      },
    }),
    (vault) => {
      const plan = planErasure(vault.db, input.profileId, input.requestId, vault.files.stagingRoot, vaultToday(vault, now));
      // Without a token (a bulk erasure checked its own), the plan is taken as it stands; holds still stop it.
      assertCommittable(plan, input.token ?? plan.token);
      return { plan, committed: commitErasure(vault.db, plan, input.reason, vault.user.id, now) };
    },
  );
}

/** Purges what the transaction could not, scans for every form of the person, and seals the certificate. */
export async function purgeAndVerify(context: CapabilityContext, plan: ErasurePlan, certificateId: number, job: JobControl): Promise<ErasureCertificate> {
  const vault = context.vaults.current();
  purgeAfterCommit(vault.raw, [plan.scope.profileId, ...plan.scope.absorbedProfileIds], plan.stagedFiles);
  const index = indexCheck(vault.raw, plan);
  job.progress('verify', 1, 2);
  const full = await scanPeople(vault, [scannedPerson(plan)], job, { repair: true });
  const scan: ScanSummary = { ...full, clean: full.clean && index.clean, index };
  return sealScan(context, certificateId, scan);
}

export function sealScan(context: CapabilityContext, certificateId: number, scan: ScanSummary): ErasureCertificate {
  const stamp = context.now().toISOString();
  return context.vaults.mutate(
    (sealed) => ({
      action: 'erasure.verified',
      objectType: 'erasure',
      objectId: certificateId,
      details: { clean: scan.clean, tableHits: scan.tableHits, pageHits: scan.pageHits, fileHits: scan.fileHits, shared: scan.shared, hash: sealed.hash },
    }),
    ({ db }) => {
      db.run(sql`UPDATE erasure SET scan = ${JSON.stringify(scan)}, scanned_at = ${stamp} WHERE id = ${certificateId}`);
      return sealCertificate(db, certificateId);
    },
  );
}

export async function eraseOne(context: CapabilityContext, input: EraseInput, job: JobControl): Promise<ErasureCertificate> {
  job.progress('commit', 0, 2);
  const { plan, committed } = commitOne(context, input);
  job.progress('verify', 1, 2);
  // The erasure stands once committed: a cancelled or failed scan leaves a certificate without a scan, which
  // `erasure.verify` completes later.
  try {
    return await purgeAndVerify(context, plan, committed.certificateId, job);
  } catch (error) {
    if (job.signal.aborted) return getCertificate(context.vaults.current().db, committed.certificateId);
    throw error;
  }
}
