/**
 * A full resolution: read every record, run the model (model/link.ts) with the steward's decisions as
 * constraints, then apply the clustering in ONE transaction: stable ids (assign.ts), moves remembered for
 * undo (membership.ts), the review queue replaced, the run and its model stored. Everything before that
 * transaction only reads, so a cancel or a killed process leaves the previous clustering exactly as it was.
 */
import type { JobControl } from '../../core/job-control';
import { countProfiles } from '../../profiles/index';
import { sql, type SqlRunner } from '../../store/sql';
import type { IdentitySettings, ResolveSummary } from '../contract';
import { yieldToEventLoop } from '../../jobs/index';
import { linkAsync, type LinkResult } from '../model/link';
import { strongestPerRecord } from '../model/review-band';
import { assignProfiles } from './assign';
import { replaceReviewQueue, type ReviewPairs } from './review-queue';
import { allDecisions, findConflicts } from './decisions';
import { keyResolvedRecords } from './key-index';
import { moveRecords, newProfile, type Move } from './membership';
import { chosenModel } from './settings';
import { storeModel } from './stored-model';
import { loadVaultRecords, type VaultRecords } from './vault-records';

export interface ResolveComputation {
  /** The records read, by id and profile, and how many: the records themselves go once the model has their features. */
  loaded: Omit<VaultRecords, 'records'> & { count: number };
  result: LinkResult;
  settings: IdentitySettings;
  conflicts: number;
  unusable: number;
  timings: Record<string, number>;
}

const clock = (): number => performance.now();

/** Reads and links; writes nothing. The event loop turns between phases, so Cancel is honoured within a phase. */
export async function computeResolution(
  db: SqlRunner,
  settings: IdentitySettings,
  job: Pick<JobControl, 'checkpoint' | 'progress'>,
): Promise<ResolveComputation> {
  const started = clock();
  job.progress('reading', 0, null);
  const { records, ...ids } = loadVaultRecords(db);
  const loaded = { ...ids, count: records.length };
  const decisions = allDecisions(db);
  const reading = clock() - started;
  await yieldToEventLoop();
  job.checkpoint();
  const { comparisons, blocking, vetoes } = chosenModel(settings);
  const pair = (decision: { recordA: number; recordB: number }): [string, string] => [String(decision.recordA), String(decision.recordB)];
  const phases = ['features', 'blocking', 'comparisons', 'training', 'scoring', 'clustering'];
  // Handed over, not shared (splice empties ours): the phases let the records go once they have their features.
  const result = await linkAsync(records.splice(0), {
    comparisons,
    blocking,
    vetoes,
    cluster: { threshold: settings.matchThreshold },
    // Only the links the clustering follows and the review queue reads are kept.
    keepLinksAbove: Math.min(settings.matchThreshold, settings.reviewThreshold),
    mustLink: decisions.filter((decision) => decision.same).map(pair),
    cannotLink: decisions.filter((decision) => !decision.same).map(pair),
    now: clock,
    onPhase: (phase) => job.progress(phase, phases.indexOf(phase) + 1, phases.length + 1),
    pause: async () => {
      await yieldToEventLoop();
      job.checkpoint();
    },
  });
  const unusable = result.features.filter(
    (record) =>
      record.given === null &&
      record.family === null &&
      record.birth === null &&
      record.streetName === null &&
      record.emails.length === 0 &&
      record.phones.length === 0 &&
      record.nationalId === null,
  ).length;
  return { loaded, result, settings, conflicts: findConflicts(decisions).length, unusable, timings: { reading, ...result.timings } };
}

export interface ApplyContext {
  userId: number | null;
  startedAt: string;
  stamp: string;
}

/** Counts a computation would give, without writing (the settings' dry run). */
export function summarize(db: SqlRunner, computation: ResolveComputation): ResolveSummary {
  const { loaded, result } = computation;
  const plan = planMoves(computation);
  const profilesBefore = countProfiles(db);
  return {
    runId: null,
    dryRun: true,
    records: loaded.count,
    candidatePairs: result.blocking.count,
    profilesBefore,
    profilesAfter: profilesBefore - plan.emptied + plan.newClusters,
    moved: plan.moves.length,
    reviewPairs: reviewPairs(computation).length,
    unusable: computation.unusable,
    conflicts: computation.conflicts,
    timingsMs: computation.timings,
  };
}

/** Writes the clustering. Call inside the mutation's transaction. */
export function applyResolution(db: SqlRunner, computation: ResolveComputation, context: ApplyContext): ResolveSummary {
  const started = clock();
  const cacheSize = db.raw.pragma('cache_size', { simple: true }) as number;
  // One transaction touches most pages of the profile, membership, search and queue tables: with the usual
  // cache, dirty pages are spilled (encrypted and written) and read back again and again.
  db.raw.pragma(`cache_size = ${Math.min(cacheSize, -WRITE_CACHE_KIB)}`);
  try {
    return writeResolution(db, computation, context, started);
  } finally {
    db.raw.pragma(`cache_size = ${cacheSize}`);
  }
}

/** KiB of page cache while a resolution is written. */
const WRITE_CACHE_KIB = 262_144;

function writeResolution(db: SqlRunner, computation: ResolveComputation, context: ApplyContext, started: number): ResolveSummary {
  const { loaded, result } = computation;
  const profilesBefore = countProfiles(db);
  const runId = Number(
    db.run(sql`INSERT INTO identity_run (kind, started_by, started_at, finished_at, records, candidate_pairs, profiles_before, profiles_after, moved, review_pairs, model, timings)
      VALUES ('full', ${context.userId}, ${context.startedAt}, ${context.stamp}, ${loaded.count}, ${result.blocking.count}, ${profilesBefore}, 0, 0, 0, ${JSON.stringify(storeModel(result.model))}, '{}')`)
      .lastInsertRowid,
  );
  const plan = planMoves(computation);
  // New profiles for clusters no existing profile could keep (a profile split in two keeps its id in one).
  const created = new Map<number, number>();
  const target = (cluster: number): number => {
    const existing = plan.profileOfCluster[cluster] as number;
    if (existing !== 0) return existing;
    let id = created.get(cluster);
    if (id === undefined) created.set(cluster, (id = newProfile(db, context.stamp)));
    return id;
  };
  // Only records still where they were read: an import or undo since may have changed them.
  const current = db.statement('SELECT profile_id FROM profile_member WHERE source_record_id = ?').pluck();
  const moves: Move[] = [];
  for (const index of plan.moves) {
    const recordId = loaded.recordIds[index] as number;
    const from = loaded.profileIds[index] as number;
    if (current.get(recordId) !== from) continue;
    moves.push({ recordId, from, to: target(result.clusters.clusterOf[index] as number) });
  }
  const planned = clock();
  const moved = moveRecords(db, moves, { how: 'rule', runId, userId: context.userId, stamp: context.stamp });
  const movedAt = clock();
  const queue = reviewPairs(computation);
  const review = replaceReviewQueue(db, queue, runId);
  const queuedAt = clock();
  keyResolvedRecords(db, result.features, loaded.recordIds, chosenModel(computation.settings).blocking, context.startedAt);
  const keyedAt = clock();
  const profilesAfter = countProfiles(db);
  // The writing's parts too (the plan, the moves with their profiles' search rows, the review queue): at a million
  // records they are most of a resolution.
  const timings = {
    ...computation.timings,
    writing: clock() - started,
    'writing.plan': planned - started,
    'writing.moves': movedAt - planned,
    'writing.queue': queuedAt - movedAt,
    'writing.keys': keyedAt - queuedAt,
  };
  db.run(
    sql`UPDATE identity_run SET profiles_after = ${profilesAfter}, moved = ${moved.moved}, review_pairs = ${review}, timings = ${JSON.stringify(timings)} WHERE id = ${runId}`,
  );
  return {
    runId,
    dryRun: false,
    records: loaded.count,
    candidatePairs: result.blocking.count,
    profilesBefore,
    profilesAfter,
    moved: moved.moved,
    reviewPairs: review,
    unusable: computation.unusable,
    conflicts: computation.conflicts,
    timingsMs: timings,
  };
}

interface MovePlan {
  profileOfCluster: Float64Array;
  /** Indexes of the records whose profile changes. */
  moves: number[];
  newClusters: number;
  emptied: number;
}

function planMoves({ loaded, result }: ResolveComputation): MovePlan {
  const { clusterOf, clusters } = result.clusters;
  const { profileOfCluster } = assignProfiles(clusterOf, clusters, loaded.profileIds);
  const moves: number[] = [];
  const kept = new Set<number>();
  for (let index = 0; index < clusterOf.length; index += 1) {
    const to = profileOfCluster[clusterOf[index] as number] as number;
    if (to !== loaded.profileIds[index]) moves.push(index);
    else kept.add(to);
  }
  let newClusters = 0;
  for (const profile of profileOfCluster) if (profile === 0) newClusters += 1;
  const before = new Set<number>();
  for (const profile of loaded.profileIds) if (profile !== 0) before.add(profile);
  const after = new Set<number>(profileOfCluster);
  let emptied = 0;
  for (const profile of before) if (!after.has(profile)) emptied += 1;
  return { profileOfCluster, moves, newClusters, emptied };
}

/**
 * Pairs worth a steward's look: scored in the band from the review threshold up, yet in different profiles
 * after clustering (below the match threshold, or refused by the clustering's support checks).
 */
function reviewPairs({ loaded, result, settings }: ResolveComputation): ReviewPairs {
  const { clusterOf } = result.clusters;
  const { links } = result;
  const chosen: number[] = [];
  for (let link = 0; link < links.a.length; link += 1) {
    if ((links.logOdds[link] as number) < settings.reviewThreshold || clusterOf[links.a[link] as number] === clusterOf[links.b[link] as number]) continue;
    chosen.push(link);
  }
  const kept = strongestPerRecord(chosen, links.a, links.b, links.logOdds);
  // Columns: a million records' queue is many pairs.
  return {
    a: Float64Array.from(kept, (link) => loaded.recordIds[links.a[link] as number] as number),
    b: Float64Array.from(kept, (link) => loaded.recordIds[links.b[link] as number] as number),
    logOdds: Float64Array.from(kept, (link) => links.logOdds[link] as number),
    length: kept.length,
  };
}
