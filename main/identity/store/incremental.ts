/**
 * Incremental linking: after an import or a sync, the new and changed records that are still alone in their
 * profile are compared with the records their blocking keys find in the index (key-index.ts), scored with
 * the last full resolution's model, and clustered with the existing profiles held fixed: a new record joins
 * the profile it is supported by, new records of one person join each other, and two existing profiles are
 * never merged here (that is a full run's or a steward's call; the pair goes to the review queue instead).
 * Like a full run, everything before the one write transaction only reads.
 */
import type { JobControl } from '../../core/job-control';
import { countProfiles } from '../../profiles/index';
import { sql, type SqlRunner } from '../../store/sql';
import type { IdentitySettings } from '../contract';
import { candidatePairs, DEFAULT_MIN_SHARED_KEYS, isIdentifierKey, shareWeight } from '../model/blocking';
import { cluster, DEFAULT_CLUSTER_SETTINGS, type ClusterResult, type ScoredLink } from '../model/cluster';
import { logOdds, pairPatterns, scorePair, type TrainedModel } from '../model/fellegi-sunter';
import { recordKeyHashes } from '../model/key-hash';
import { strongestPerRecord } from '../model/review-band';
import { features, markHouseholdIdentifiers, type Features } from '../model/record';
import { latestModel } from './evidence';
import { blockingSignature, clearKeys, pendingRecordIds, readWatermark, recordsWithKey, writeKeys, writeWatermark } from './key-index';
import { moveRecords, type Move } from './membership';
import { queuePairs } from './review-queue';
import { chosenModel } from './settings';
import { loadVaultRecords } from './vault-records';

export interface IncrementalSummary {
  runId: number | null;
  /** Records keyed and linked (new or changed since the last link). */
  pending: number;
  /** Of those, records alone in their profile, which were compared. */
  compared: number;
  candidatePairs: number;
  /** Records that joined another profile. */
  joined: number;
  profilesBefore: number;
  profilesAfter: number;
  reviewPairs: number;
  /** False before the first full resolution: keys are written, nothing is linked yet. */
  linked: boolean;
  timingsMs: Record<string, number>;
}

export interface IncrementalComputation {
  pendingIds: number[];
  pendingFeatures: Features[];
  watermarkThrough: number;
  model: TrainedModel | null;
  /** The records compared: the batch first, then every member of the profiles its candidates are in. */
  recordIds: number[];
  profileIds: number[];
  batchSize: number;
  links: ScoredLink[];
  clusters: ClusterResult | null;
  settings: IdentitySettings;
  timings: Record<string, number>;
}

const clock = (): number => performance.now();
/** Keys a known record must share with a new one to be compared (an identifier key counts for this many). */
/**
 * A key shared by more known records than this proposes none of them (a full run's blocks stop at 300): with
 * two shared keys required, such a common key only adds reading; the rarer keys find the duplicates.
 */
const LOOKUP_BLOCK_SIZE = 100;
/** Known records compared with each new one at most: those sharing the most keys. */
const MAX_CANDIDATES = 20;
type Progress = Pick<JobControl, 'checkpoint' | 'progress'>;

export async function computeIncremental(
  db: SqlRunner,
  settings: IdentitySettings,
  job: Progress,
  pause: () => Promise<void>,
): Promise<IncrementalComputation> {
  const timings: Record<string, number> = {};
  let mark = clock();
  const lap = async (phase: string): Promise<void> => {
    const time = clock();
    timings[phase] = time - mark;
    mark = time;
    await pause();
    job.checkpoint();
  };
  const { blocking } = chosenModel(settings);
  const pendingIds = pendingRecordIds(db, readWatermark(db), blocking);
  const watermarkThrough = pendingIds.at(-1) ?? 0;
  const pending = loadVaultRecords(db, pendingIds);
  const pendingFeatures = pending.records.map(features);
  const model = latestModel(db);
  const computation: IncrementalComputation = {
    pendingIds: Array.from(pending.recordIds),
    pendingFeatures,
    watermarkThrough,
    model,
    recordIds: [],
    profileIds: [],
    batchSize: 0,
    links: [],
    clusters: null,
    settings,
    timings,
  };
  await lap('reading');
  if (model === null || pendingIds.length === 0) return computation;

  // Only records alone in their profile are linked: one already gathered with others stays where it is.
  const memberCount = new Map<number, number>();
  for (const row of db.all<{ profile_id: number; n: number }>(sql`
    SELECT profile_id, count(*) AS n FROM profile_member WHERE profile_id IN (SELECT value FROM json_each(${JSON.stringify([...new Set(pending.profileIds)])})) GROUP BY profile_id`))
    memberCount.set(row.profile_id, row.n);
  const batch: number[] = [];
  pending.profileIds.forEach((profile, index) => {
    if (memberCount.get(profile) === 1) batch.push(index);
  });
  job.progress('candidates', 1, 4);

  const batchIds = new Set(batch.map((index) => pending.recordIds[index] as number));
  // Candidate → batch positions that found it, with how many keys they share. As in a full run (model/blocking.ts),
  // a record already known must share two (or one email, phone, id or rare value): a true duplicate shares several
  // (names' sound and prefix, birth date, address), and against a million records one shared name key alone
  // proposes hundreds of namesakes.
  const keysOf = batch.map((index) => recordKeyHashes(pendingFeatures[index] as Features, blocking));
  // Looked up in hash order: the index's pages are then read once each, in file order, where the batch's order
  // would read a random page of a million records' keys for every lookup (2.5 s for 10,000 records).
  const holders = new Map<number, number[]>();
  for (const hash of [...new Set(keysOf.flatMap((keys) => keys.map((entry) => entry.hash)))].sort((x, y) => x - y))
    holders.set(hash, recordsWithKey(db, hash, LOOKUP_BLOCK_SIZE + 1));
  const found = new Map<number, Map<number, number>>();
  keysOf.forEach((keys, position) => {
    for (const { key, hash } of keys) {
      const records = holders.get(hash) as number[];
      if (records.length > LOOKUP_BLOCK_SIZE) continue;
      // The same rule as a full run's blocking; the value's holders are the known records and the new one.
      const weight = shareWeight(records.length + 1, isIdentifierKey(key));
      for (const record of records) {
        if (batchIds.has(record)) continue;
        let finders = found.get(record);
        if (finders === undefined) found.set(record, (finders = new Map()));
        finders.set(position, (finders.get(position) ?? 0) + weight);
      }
    }
  });
  // Per new record, the known records sharing the most keys (a duplicate shares many; the rest are namesakes).
  const byPosition = new Map<number, { record: number; shared: number }[]>();
  for (const [record, finders] of found) {
    for (const [position, shared] of finders) {
      if (shared < DEFAULT_MIN_SHARED_KEYS) continue;
      let list = byPosition.get(position);
      if (list === undefined) byPosition.set(position, (list = []));
      list.push({ record, shared });
    }
  }
  found.clear();
  for (const [position, list] of byPosition) {
    list.sort((x, y) => y.shared - x.shared || x.record - y.record);
    for (const { record, shared } of list.slice(0, MAX_CANDIDATES)) {
      let finders = found.get(record);
      if (finders === undefined) found.set(record, (finders = new Map()));
      finders.set(position, shared);
    }
  }
  await lap('candidates');

  // Every member of a candidate's profile: a new record joins a profile only if no member contradicts it.
  const profileRows = db.all<{ profile_id: number; source_record_id: number }>(sql`
    SELECT m2.profile_id, m2.source_record_id FROM profile_member m1 JOIN profile_member m2 ON m2.profile_id = m1.profile_id
    WHERE m1.source_record_id IN (SELECT value FROM json_each(${JSON.stringify([...found.keys()])})) GROUP BY m2.source_record_id ORDER BY m2.source_record_id`);
  const existing = loadVaultRecords(
    db,
    profileRows.map((row) => row.source_record_id),
  );
  const recordIds = [...batch.map((index) => pending.recordIds[index] as number), ...Array.from(existing.recordIds)];
  const profileIds = [...batch.map((index) => pending.profileIds[index] as number), ...Array.from(existing.profileIds)];
  const all = [...batch.map((index) => pendingFeatures[index] as Features), ...existing.records.map(features)];
  markHouseholdIdentifiers(all);
  const position = new Map(recordIds.map((id, index) => [id, index]));
  await lap('loading');

  const left: number[] = [];
  const right: number[] = [];
  for (const [record, finders] of found) {
    const at = position.get(record);
    if (at === undefined) continue;
    for (const finder of finders.keys()) {
      left.push(finder);
      right.push(at);
    }
  }
  const within = candidatePairs(all.slice(0, batch.length), blocking);
  const leftPairs = Uint32Array.from([...left, ...within.left]);
  const rightPairs = Uint32Array.from([...right, ...within.right]);
  const patterns = pairPatterns(model.comparisons, all, {
    count: leftPairs.length,
    forEachPair: (visit) => leftPairs.forEach((a, pair) => visit(a, rightPairs[pair] as number)),
  });
  const links: ScoredLink[] = [];
  for (let pair = 0; pair < leftPairs.length; pair += 1) {
    const a = leftPairs[pair] as number;
    const b = rightPairs[pair] as number;
    const offset = (patterns.ofPair[pair] as number) * model.comparisons.length;
    links.push({ a, b, logOdds: logOdds(model, patterns.levels, offset, all[a] as Features, all[b] as Features) });
  }
  await lap('scoring');

  const groups = new Int32Array(all.length).fill(-1);
  const mustLink: [number, number][] = [];
  const firstOfProfile = new Map<number, number>();
  for (let index = batch.length; index < all.length; index += 1) {
    const profile = profileIds[index] as number;
    groups[index] = profile;
    const first = firstOfProfile.get(profile);
    if (first === undefined) firstOfProfile.set(profile, index);
    else mustLink.push([first, index]);
  }
  const cannotLink: [number, number][] = [];
  for (const row of db.all<{ a: number; b: number; same: number }>(sql`
    SELECT record_a AS a, record_b AS b, same FROM identity_decision
    WHERE record_a IN (SELECT value FROM json_each(${JSON.stringify([...batchIds])})) OR record_b IN (SELECT value FROM json_each(${JSON.stringify([...batchIds])}))`)) {
    const i = position.get(row.a);
    const j = position.get(row.b);
    if (i !== undefined && j !== undefined) (row.same === 1 ? mustLink : cannotLink).push([i, j]);
  }
  const clusters = cluster(
    all.length,
    links,
    (i, j) => scorePair(model, all[i] as Features, all[j] as Features).logOdds,
    { mustLink, cannotLink, groups },
    {
      ...DEFAULT_CLUSTER_SETTINGS,
      threshold: settings.matchThreshold,
    },
  );
  await lap('clustering');
  return { ...computation, recordIds, profileIds, batchSize: batch.length, links, clusters };
}

export interface IncrementalContext {
  userId: number | null;
  startedAt: string;
  stamp: string;
}

/** Writes keys, moves and review pairs, and moves the watermark. Call inside the mutation's transaction. */
export function applyIncremental(db: SqlRunner, computation: IncrementalComputation, context: IncrementalContext): IncrementalSummary {
  const started = clock();
  const { settings, model, clusters, recordIds, profileIds, batchSize } = computation;
  const { blocking } = chosenModel(settings);
  const profilesBefore = countProfiles(db);
  const previous = readWatermark(db);
  if (previous === null || previous.blocking !== blockingSignature(blocking)) clearKeys(db);
  writeKeys(db, computation.pendingFeatures, computation.pendingIds, blocking);
  const parts: Record<string, number> = { 'writing.keys': clock() - started };
  let runId: number | null = null;
  let joined = 0;
  let review = 0;
  if (model !== null && clusters !== null && batchSize > 0) {
    runId = Number(
      db.run(sql`INSERT INTO identity_run (kind, started_by, started_at, finished_at, records, candidate_pairs, profiles_before, profiles_after, moved, review_pairs, model, timings)
        VALUES ('incremental', ${context.userId}, ${context.startedAt}, ${context.stamp}, ${batchSize}, ${computation.links.length}, ${profilesBefore}, 0, 0, 0, '{}', '{}')`)
        .lastInsertRowid,
    );
    // The profile each cluster goes to: the existing profile in it, else the oldest of its new records' profiles.
    // Existing records come after the batch, so their profile overrides any new record's.
    const target = new Map<number, number>();
    for (let index = 0; index < recordIds.length; index += 1) {
      const number = clusters.clusterOf[index] as number;
      const profile = profileIds[index] as number;
      const held = target.get(number);
      if (index >= batchSize || held === undefined || profile < held) target.set(number, profile);
    }
    const current = db.statement('SELECT profile_id FROM profile_member WHERE source_record_id = ?').pluck();
    const moves: Move[] = [];
    for (let index = 0; index < batchSize; index += 1) {
      const to = target.get(clusters.clusterOf[index] as number) as number;
      const from = profileIds[index] as number;
      if (to !== from && current.get(recordIds[index]) === from) moves.push({ recordId: recordIds[index] as number, from, to });
    }
    let mark = clock();
    joined = moveRecords(db, moves, { how: 'rule', runId, userId: context.userId, stamp: context.stamp }).moved;
    parts['writing.moves'] = clock() - mark;
    mark = clock();
    review = insertReviewPairs(db, computation, runId);
    // A pair waiting for review whose records this link put together is answered (found by either record's index).
    const batch = JSON.stringify(recordIds.slice(0, batchSize));
    db.run(sql`
      DELETE FROM identity_pair WHERE id IN (
        SELECT p.id FROM (
          SELECT id, record_a, record_b FROM identity_pair WHERE record_a IN (SELECT value FROM json_each(${batch}))
          UNION ALL SELECT id, record_a, record_b FROM identity_pair WHERE record_b IN (SELECT value FROM json_each(${batch}))
        ) p JOIN profile_member a ON a.source_record_id = p.record_a JOIN profile_member b ON b.source_record_id = p.record_b
        WHERE a.profile_id = b.profile_id)`);
    parts['writing.queue'] = clock() - mark;
  }
  const profilesAfter = countProfiles(db);
  const timings = { ...computation.timings, writing: clock() - started, ...parts };
  if (runId !== null)
    db.run(
      sql`UPDATE identity_run SET profiles_after = ${profilesAfter}, moved = ${joined}, review_pairs = ${review}, timings = ${JSON.stringify(timings)} WHERE id = ${runId}`,
    );
  writeWatermark(db, {
    linkedThrough: Math.max(previous?.linkedThrough ?? 0, computation.watermarkThrough),
    linkedAt: context.startedAt,
    blocking: blockingSignature(blocking),
  });
  return {
    runId,
    pending: computation.pendingIds.length,
    compared: batchSize,
    candidatePairs: computation.links.length,
    joined,
    profilesBefore,
    profilesAfter,
    reviewPairs: review,
    linked: model !== null,
    timingsMs: timings,
  };
}

/** Links in the review band between a new record and a record left in another profile. */
function insertReviewPairs(db: SqlRunner, { links, clusters, recordIds, settings, batchSize }: IncrementalComputation, runId: number): number {
  if (clusters === null) return 0;
  const doubtful: number[] = [];
  links.forEach(({ a, b, logOdds: odds }, link) => {
    if (odds >= settings.reviewThreshold && clusters.clusterOf[a] !== clusters.clusterOf[b]) doubtful.push(link);
  });
  const kept = strongestPerRecord(
    doubtful,
    links.map((link) => link.a),
    links.map((link) => link.b),
    links.map((link) => link.logOdds),
    (index) => index < batchSize,
  );
  return queuePairs(
    db,
    {
      a: Float64Array.from(kept, (link) => recordIds[(links[link] as ScoredLink).a] as number),
      b: Float64Array.from(kept, (link) => recordIds[(links[link] as ScoredLink).b] as number),
      logOdds: Float64Array.from(kept, (link) => (links[link] as ScoredLink).logOdds),
      length: kept.length,
    },
    runId,
  );
}
