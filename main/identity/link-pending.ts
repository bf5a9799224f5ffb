/**
 * Linking what arrived since the last link: the `identity.link` job, and the step every import and sync
 * ends with (composed in main/backend). Reads first (Cancel is heard between phases), then one transaction.
 */
import type { JobControl } from '../core/job-control';
import { yieldToEventLoop } from '../jobs/index';
import type { VaultService } from '../vault/index';
import type { LinkSummary } from './contract';
import { applyIncremental, computeIncremental } from './store/incremental';
import { countPending, hasResolved } from './store/key-index';
import { chosenModel, readSettings } from './store/settings';

export async function linkPending(vaults: VaultService, now: () => Date, job: Pick<JobControl, 'checkpoint' | 'progress'>): Promise<LinkSummary | null> {
  const vault = vaults.current();
  const settings = readSettings(vault.db);
  // Before the first full resolution there is nothing to link to: that run indexes every record itself.
  if (!hasResolved(vault.db) || countPending(vault.db, chosenModel(settings).blocking) === 0) return null;
  const startedAt = now().toISOString();
  job.progress('linking', 0, null);
  const computation = await computeIncremental(vault.db, settings, job, yieldToEventLoop);
  job.progress('writing', 3, 4);
  await yieldToEventLoop();
  job.checkpoint();
  return vaults.mutate<LinkSummary>(
    (summary) => ({
      action: 'identity.linked',
      objectType: 'identity_run',
      objectId: summary.runId,
      details: {
        pending: summary.pending,
        compared: summary.compared,
        candidatePairs: summary.candidatePairs,
        joined: summary.joined,
        reviewPairs: summary.reviewPairs,
        linked: summary.linked,
      },
    }),
    ({ db, user }) => applyIncremental(db, computation, { userId: user.id, startedAt, stamp: now().toISOString() }),
  );
}

/** Nothing pending gives an empty summary rather than nothing: the job's answer has one shape. */
export function noLink(profiles: number): LinkSummary {
  return {
    runId: null,
    pending: 0,
    compared: 0,
    candidatePairs: 0,
    joined: 0,
    profilesBefore: profiles,
    profilesAfter: profiles,
    reviewPairs: 0,
    linked: false,
    timingsMs: {},
  };
}
