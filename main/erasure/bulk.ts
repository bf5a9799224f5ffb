/**
 * Many erasures at once (a list of erasure requests; the retention sweep later), in two steps like one: the
 * preview sums every person's plan and gives one token for all; the job checks the token against the plans
 * as they stand, then commits each person in a transaction of their own (cancel is heard between people),
 * and ends with one purge and one verification scan for all, whose result every certificate carries. A scan
 * of the whole database per person would read a million profiles' pages ten thousand times.
 */
import crypto from 'node:crypto';
import { AppError } from '../core/errors';
import type { JobControl } from '../core/job-control';
import type { CapabilityContext } from '../vault/index';
import { REMOVED_KINDS, type BulkPreview, type Removed } from './contract';
import { commitOne, scannedPerson, sealScan, vaultToday } from './erase-job';
import { planErasure, type ErasurePlan } from './plan';
import { purgeAfterCommit } from './purge';
import { matchedActiveProfiles } from './request';
import { scanPeople } from './scan-person';

interface Skipped {
  readonly requestId: number;
  readonly reason: string;
}

interface BulkPlans {
  readonly plans: { readonly requestId: number; readonly plan: ErasurePlan }[];
  readonly skipped: Skipped[];
  readonly token: string;
}

function reasonOf(error: unknown): string {
  return error instanceof AppError ? String(error.params?.reason ?? error.code) : 'failed';
}

function planAll(context: CapabilityContext, requestIds: readonly number[], job: JobControl): BulkPlans {
  const vault = context.vaults.current();
  const today = vaultToday(vault, context.now());
  const plans: BulkPlans['plans'] = [];
  const skipped: Skipped[] = [];
  for (const [index, requestId] of requestIds.entries()) {
    if (index % 50 === 0) {
      job.progress('plan', index, requestIds.length);
      job.checkpoint();
    }
    const profiles = matchedActiveProfiles(vault.db, requestId);
    if (profiles.length === 0) skipped.push({ requestId, reason: 'noActiveProfile' });
    for (const profileId of profiles) {
      try {
        const plan = planErasure(vault.db, profileId, requestId, vault.files.stagingRoot, today);
        if (plan.blockedBy.length > 0) skipped.push({ requestId, reason: 'legalHold' });
        else plans.push({ requestId, plan });
      } catch (error) {
        skipped.push({ requestId, reason: reasonOf(error) });
      }
    }
  }
  const digest = JSON.stringify([plans.map(({ requestId, plan }) => [requestId, plan.scope.profileId, plan.token]), skipped]);
  return { plans, skipped, token: crypto.hash('sha256', digest, 'base64url').slice(0, 32) };
}

export function previewBulk(context: CapabilityContext, requestIds: readonly number[], job: JobControl): BulkPreview {
  const { plans, skipped, token } = planAll(context, requestIds, job);
  const removed = Object.fromEntries(REMOVED_KINDS.map((kind) => [kind, plans.reduce((sum, { plan }) => sum + (plan.removed[kind] ?? 0), 0)])) as Removed;
  const sum = (pick: (plan: ErasurePlan) => number): number => plans.reduce((total, { plan }) => total + pick(plan), 0);
  return {
    people: plans.length,
    removed,
    generalizedEvents: sum((plan) => plan.generalization.events),
    droppedEvents: sum((plan) => plan.generalization.dropped),
    keptRecords: sum((plan) => plan.kept.reduce((total, kept) => total + kept.records, 0)),
    suppressionEntries: sum((plan) => plan.suppressionEntries),
    skipped,
    token,
  };
}

export interface BulkResult {
  readonly erased: number;
  readonly certificates: number[];
  readonly skipped: Skipped[];
}

export async function eraseBulk(context: CapabilityContext, requestIds: readonly number[], token: string, job: JobControl): Promise<BulkResult> {
  const planned = planAll(context, requestIds, job);
  if (planned.token !== token) {
    throw new AppError('CONFLICT', 'What the erasures cover changed since the preview: preview them again.', { reason: 'planChanged' });
  }
  const committed: { plan: ErasurePlan; certificateId: number }[] = [];
  const skipped = [...planned.skipped];
  for (const [index, { requestId, plan }] of planned.plans.entries()) {
    job.progress('commit', index, planned.plans.length);
    job.checkpoint();
    try {
      // Another person's erasure may have taken a row both plans counted (a reject with two people's emails): the plan as it stands now.
      const { plan: done, committed: certificate } = commitOne(context, { profileId: plan.scope.profileId, requestId, token: null, reason: 'request' });
      committed.push({ plan: done, certificateId: certificate.certificateId });
    } catch (error) {
      skipped.push({ requestId, reason: reasonOf(error) });
    }
  }
  if (committed.length > 0) {
    const vault = context.vaults.current();
    purgeAfterCommit(
      vault.raw,
      committed.flatMap((entry) => [entry.plan.scope.profileId, ...entry.plan.scope.absorbedProfileIds]),
      committed.flatMap((entry) => entry.plan.stagedFiles),
    );
    job.progress('verify', planned.plans.length, planned.plans.length);
    const scan = await scanPeople(
      vault,
      committed.map((entry) => scannedPerson(entry.plan)),
      job,
      { repair: true },
    );
    for (const { certificateId } of committed) sealScan(context, certificateId, scan);
  }
  return { erased: committed.length, certificates: committed.map((entry) => entry.certificateId), skipped };
}
