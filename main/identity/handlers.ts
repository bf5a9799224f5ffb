/** The identity methods of the contract; the work is in store/ (storage) and model/ (the linker). */
import type { SliceHandlers } from '../core/handlers';
import { yieldToEventLoop } from '../jobs/index';
import { sql } from '../store/sql';
import type { CapabilityContext, VaultService } from '../vault/index';
import type { IdentitySettings, ResolveSummary, identityMethods } from './contract';
import { countProfiles } from '../profiles/index';
import { allDecisions, countConflicts, findConflicts } from './store/decisions';
import { pairRecords } from './store/evidence';
import { explainProfile } from './store/explain';
import { suggestSamePerson } from './store/suggest';
import { applyResolution, computeResolution, summarize } from './store/resolve';
import { pendingPairs, reviewQueue } from './store/review';
import { chosenModel, defaultSettings, readSettings, writeSettings } from './store/settings';
import { goldenHandlers } from './golden/handlers';
import { countPending } from './store/key-index';
import { linkPending, noLink } from './link-pending';
import { decidePair, mergeProfiles, splitRecord, undoMerge, type Actor } from './store/steward';

type Decided = ReturnType<typeof decidePair>;
type Merged = ReturnType<typeof mergeProfiles>;
type Split = ReturnType<typeof splitRecord>;
type Unmerged = ReturnType<typeof undoMerge>;

function actor(vaults: VaultService, now: () => Date): Actor {
  return { userId: vaults.current().user.id, stamp: now().toISOString() };
}

export const identityHandlers: SliceHandlers<typeof identityMethods, CapabilityContext> = {
  'identity.status': (_input, { vaults }) => {
    const { db } = vaults.current();
    const last = db.get<{
      id: number;
      kind: 'full' | 'incremental';
      finished_at: string;
      records: number;
      profiles_after: number;
      moved: number;
      review_pairs: number;
    }>(sql`SELECT id, kind, finished_at, records, profiles_after, moved, review_pairs FROM identity_run ORDER BY id DESC LIMIT 1`);
    return {
      lastRun:
        last === undefined
          ? null
          : {
              id: last.id,
              kind: last.kind,
              finishedAt: last.finished_at,
              records: last.records,
              profilesAfter: last.profiles_after,
              moved: last.moved,
              reviewPairs: last.review_pairs,
            },
      records: db.get<{ n: number }>(sql`SELECT count(*) AS n FROM source_record`)?.n ?? 0,
      profiles: countProfiles(db),
      pendingPairs: pendingPairs(db),
      conflicts: countConflicts(db),
      pendingRecords: countPending(db, chosenModel(readSettings(db)).blocking),
    };
  },
  'identity.settings': (_input, { vaults }) => ({ settings: readSettings(vaults.current().db), defaults: defaultSettings() }),
  'identity.saveSettings': ({ settings }, { vaults, now }) =>
    vaults.mutate<IdentitySettings>(
      () => ({
        action: 'identity.settings_changed',
        details: {
          matchThreshold: settings.matchThreshold,
          reviewThreshold: settings.reviewThreshold,
          comparisons: settings.comparisons.length,
          blocking: settings.blocking.length,
        },
      }),
      ({ db, user }) => {
        writeSettings(db, settings, user.id, now().toISOString());
        return readSettings(db);
      },
    ),
  'identity.resolve': async ({ dryRun, settings }, { vaults, now }, job) => {
    const vault = vaults.current();
    await vaults.pages.assertIntact(vault);
    const startedAt = now().toISOString();
    const computation = await computeResolution(vault.db, settings ?? readSettings(vault.db), job);
    if (dryRun) {
      job.progress('done', 1, 1);
      return summarize(vault.db, computation);
    }
    job.progress('writing', 7, 8);
    // The last moment Cancel changes nothing: from here on it is one transaction.
    await yieldToEventLoop();
    job.checkpoint();
    const summary = vaults.mutate<ResolveSummary>(
      (result) => ({
        action: 'identity.resolved',
        objectType: 'identity_run',
        objectId: result.runId,
        details: {
          records: result.records,
          candidatePairs: result.candidatePairs,
          profilesBefore: result.profilesBefore,
          profilesAfter: result.profilesAfter,
          moved: result.moved,
          reviewPairs: result.reviewPairs,
        },
      }),
      ({ db, user }) => applyResolution(db, computation, { userId: user.id, startedAt, stamp: now().toISOString() }),
    );
    job.progress('done', 1, 1);
    return summary;
  },
  'identity.link': async (_input, { vaults, now }, job) => {
    const summary = await linkPending(vaults, now, job);
    job.progress('done', 1, 1);
    return summary ?? noLink(countProfiles(vaults.current().db));
  },
  'identity.review': ({ offset, limit }, { vaults }) => {
    const vault = vaults.current();
    const queue = reviewQueue(vault.db, offset, limit);
    if (vaults.pages.current === null) vault.audit.record({ action: 'identity.reviewed', actorId: vault.user.id, details: { pairs: queue.pairs.length } });
    return queue;
  },
  'identity.decide': ({ recordA, recordB, decision }, { vaults, now }) =>
    vaults.mutate<Decided>(
      (result) => ({
        action: 'identity.decided',
        details: { recordA, recordB, decision, profileA: result.profileA, profileB: result.profileB, conflicts: result.conflicts },
      }),
      ({ db }) => decidePair(db, recordA, recordB, decision, actor(vaults, now)),
    ),
  'identity.suggest': ({ profileIds }, { vaults }) => ({ suggestions: suggestSamePerson(vaults.current().db, profileIds) }),
  'identity.conflicts': (_input, { vaults }) => {
    const { db } = vaults.current();
    const conflicts = findConflicts(allDecisions(db));
    const named = pairRecords(db, [...new Set(conflicts.flatMap((conflict) => conflict.records))]);
    return { conflicts, records: [...named.values()] };
  },
  'identity.explain': ({ profileId }, { vaults }) => explainProfile(vaults.current().db, profileId),
  'identity.merge': ({ profileA, profileB }, { vaults, now }) =>
    vaults.mutate<Merged>(
      (result) => ({
        action: 'profiles.merged',
        objectType: 'profile',
        objectId: result.survivorId,
        details: { absorbed: result.absorbedId, merge: result.mergeId, records: result.records },
      }),
      ({ db }) => mergeProfiles(db, profileA, profileB, actor(vaults, now)),
    ),
  'identity.split': ({ recordId }, { vaults, now }) =>
    vaults.mutate<Split>(
      (result) => ({
        action: 'profiles.split',
        objectType: 'profile',
        objectId: result.fromProfileId,
        details: { record: recordId, newProfile: result.newProfileId },
      }),
      ({ db }) => splitRecord(db, recordId, actor(vaults, now)),
    ),
  'identity.undoMerge': ({ mergeId }, { vaults, now }) =>
    vaults.mutate<Unmerged>(
      (result) => ({
        action: 'profiles.unmerged',
        objectType: 'profile',
        objectId: result.restoredId,
        details: { merge: mergeId, survivor: result.survivorId, records: result.records },
      }),
      ({ db }) => undoMerge(db, mergeId, actor(vaults, now)),
    ),
  ...goldenHandlers,
};
