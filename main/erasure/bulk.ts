/**
 * Many erasures at once (a list of erasure requests, or the profiles a retention sweep found due), in two steps like one: the
 * preview sums every person's plan and gives one token for all; the job checks the token against the plans
 * as they stand, then commits each person in a transaction of their own (cancel is heard between people),
 * and ends with one purge and one verification scan for all, whose result every certificate carries. A scan
 * of the whole database per person would read a million profiles' pages ten thousand times.
 */
import crypto from 'node:crypto';
import { AppError } from '../core/errors';
import type { JobControl } from '../core/job-control';
import type { CapabilityContext } from '../vault/index';
import { REMOVED_KINDS, type BulkPreview, type ErasureReason, type Removed } from './contract';
import { commitOne, scannedPerson, sealScan, vaultToday } from './erase-job';
import { planErasure, type ErasurePlan } from './plan';
import { purgeAfterCommit } from './purge';
import { matchedActiveProfiles } from './request';
import { scanPeople } from './scan-person';

interface Skipped {
  readonly requestId: number;
  readonly reason: string;
}

/** One person to erase: a profile a verified request matched, or a profile a retention sweep found due. */
export interface BulkSubject {
  readonly requestId: number | null;
  readonly profileId: number;
}

export interface SubjectSkipped {
  readonly subject: BulkSubject;
  readonly reason: string;
}

interface BulkPlans {
  readonly plans: { readonly subject: BulkSubject; readonly plan: ErasurePlan }[];
  readonly skipped: SubjectSkipped[];
  readonly token: string;
}

function reasonOf(error: unknown): string {
  return error instanceof AppError ? String(error.params?.reason ?? error.code) : 'failed';
}

function planSubjects(context: CapabilityContext, subjects: readonly BulkSubject[], job: JobControl, skipped: SubjectSkipped[] = []): BulkPlans {
  const vault = context.vaults.current();
  const today = vaultToday(vault, context.now());
  const plans: BulkPlans['plans'] = [];
  for (const [index, subject] of subjects.entries()) {
    if (index % 50 === 0) {
      job.progress('plan', index, subjects.length);
      job.checkpoint();
    }
    try {
      const plan = planErasure(vault.db, subject.profileId, subject.requestId, vault.files.stagingRoot, today);
      if (plan.blockedBy.length > 0) skipped.push({ subject, reason: 'legalHold' });
      else plans.push({ subject, plan });
    } catch (error) {
      skipped.push({ subject, reason: reasonOf(error) });
    }
  }
  const digest = JSON.stringify([
    plans.map(({ subject, plan }) => [subject.requestId, plan.scope.profileId, plan.token]),
    skipped.map(({ subject, reason }) => [subject.requestId, subject.profileId, reason]),
  ]);
  return { plans, skipped, token: crypto.hash('sha256', digest, 'base64url').slice(0, 32) };
}

function planAll(context: CapabilityContext, requestIds: readonly number[], job: JobControl): BulkPlans {
  const db = context.vaults.current().db;
  const subjects: BulkSubject[] = [];
  const skipped: SubjectSkipped[] = [];
  for (const requestId of requestIds) {
    const profiles = matchedActiveProfiles(db, requestId);
    if (profiles.length === 0) skipped.push({ subject: { requestId, profileId: 0 }, reason: 'noActiveProfile' });
    for (const profileId of profiles) subjects.push({ requestId, profileId });
  }
  return planSubjects(context, subjects, job, skipped);
}

function bySkippedRequest(skipped: readonly SubjectSkipped[]): Skipped[] {
  return skipped.map(({ subject, reason }) => ({ requestId: subject.requestId ?? 0, reason }));
}

/** What a bulk erasure of these subjects would remove, in sum. */
function sumPlans(plans: BulkPlans['plans']): Omit<BulkPreview, 'skipped' | 'token'> {
  const removed = Object.fromEntries(REMOVED_KINDS.map((kind) => [kind, plans.reduce((sum, { plan }) => sum + (plan.removed[kind] ?? 0), 0)])) as Removed;
  const sum = (pick: (plan: ErasurePlan) => number): number => plans.reduce((total, { plan }) => total + pick(plan), 0);
  return {
    people: plans.length,
    removed,
    generalizedEvents: sum((plan) => plan.generalization.events),
    droppedEvents: sum((plan) => plan.generalization.dropped),
    keptRecords: sum((plan) => plan.kept.reduce((total, kept) => total + kept.records, 0)),
    suppressionEntries: sum((plan) => plan.suppressionEntries),
  };
}

export function previewBulk(context: CapabilityContext, requestIds: readonly number[], job: JobControl): BulkPreview {
  const { plans, skipped, token } = planAll(context, requestIds, job);
  return { ...sumPlans(plans), skipped: bySkippedRequest(skipped), token };
}

/** The preview of erasing these profiles (a retention sweep): the same sums, each profile left out with its reason. */
export function previewProfiles(
  context: CapabilityContext,
  profileIds: readonly number[],
  job: JobControl,
): Omit<BulkPreview, 'skipped'> & { skipped: { profileId: number; reason: string }[] } {
  const { plans, skipped, token } = planSubjects(
    context,
    profileIds.map((profileId) => ({ requestId: null, profileId })),
    job,
  );
  return { ...sumPlans(plans), skipped: skipped.map(({ subject, reason }) => ({ profileId: subject.profileId, reason })), token };
}

export interface BulkResult {
  readonly erased: number;
  readonly certificates: number[];
  readonly skipped: Skipped[];
}

export async function eraseBulk(context: CapabilityContext, requestIds: readonly number[], token: string, job: JobControl): Promise<BulkResult> {
  const result = await commitPlanned(context, planAll(context, requestIds, job), token, 'request', job);
  return { ...result, skipped: bySkippedRequest(result.skipped) };
}

/** Erases these profiles as previewed (a retention sweep), each with its certificate; reason `retention`. */
export async function eraseProfiles(
  context: CapabilityContext,
  profileIds: readonly number[],
  token: string,
  job: JobControl,
): Promise<{ erased: number; certificates: number[]; skipped: { profileId: number; reason: string }[] }> {
  const planned = planSubjects(
    context,
    profileIds.map((profileId) => ({ requestId: null, profileId })),
    job,
  );
  const result = await commitPlanned(context, planned, token, 'retention', job);
  return { ...result, skipped: result.skipped.map(({ subject, reason }) => ({ profileId: subject.profileId, reason })) };
}

async function commitPlanned(
  context: CapabilityContext,
  planned: BulkPlans,
  token: string,
  reason: ErasureReason,
  job: JobControl,
): Promise<{ erased: number; certificates: number[]; skipped: SubjectSkipped[] }> {
  if (planned.token !== token) {
    throw new AppError('CONFLICT', 'What the erasures cover changed since the preview: preview them again.', { reason: 'planChanged' });
  }
  const committed: { plan: ErasurePlan; certificateId: number }[] = [];
  const skipped = [...planned.skipped];
  for (const [index, { subject, plan }] of planned.plans.entries()) {
    job.progress('commit', index, planned.plans.length);
    job.checkpoint();
    try {
      // Another person's erasure may have taken a row both plans counted (a reject with two people's emails): the plan as it stands now.
      const { plan: done, committed: certificate } = commitOne(context, { profileId: plan.scope.profileId, requestId: subject.requestId, token: null, reason });
      committed.push({ plan: done, certificateId: certificate.certificateId });
    } catch (error) {
      skipped.push({ subject, reason: reasonOf(error) });
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
