/**
 * The whole model in one call, with defaults: features → blocking → comparison levels → u and EM → scores →
 * clustering. Records come in as IdentityRecord, however they were read (vault import, test files).
 */
import { candidatePairs, DEFAULT_BLOCKING, DEFAULT_MAX_BLOCK_SIZE, type BlockingKey, type BlockingResult } from './blocking';
import { cluster, DEFAULT_CLUSTER_SETTINGS, type ClusterResult, type ClusterSettings, type Constraints, type LinkTable } from './cluster';
import { compareInto, DEFAULT_COMPARISONS, DEFAULT_VETOES, type Comparison, type Veto } from './comparisons';
import { DEFAULT_MODEL_SETTINGS, logOdds, pairPatterns, scorePair, train, type ModelSettings, type TrainedModel } from './fellegi-sunter';
import { features, markHouseholdIdentifiers, type Features, type IdentityRecord } from './record';

export interface LinkOptions {
  comparisons?: readonly Comparison[];
  /** Combinations of levels that keep a pair apart (comparisons.ts); they name the comparisons' levels. */
  vetoes?: readonly Veto[];
  blocking?: readonly BlockingKey[];
  maxBlockSize?: number;
  model?: Partial<ModelSettings>;
  cluster?: Partial<ClusterSettings>;
  /**
   * Keep only the scored links at or above this log2-odds in the result (at most the cluster threshold: the
   * clustering follows them). A resolution needs the review band and up; a million records' candidate pairs are
   * tens of millions. Default: every link.
   */
  keepLinksAbove?: number;
  /** Constraints by record id. */
  mustLink?: readonly (readonly [string, string])[];
  cannotLink?: readonly (readonly [string, string])[];
  /** A clock for the phase timings (performance.now in practice); absent → no timings. */
  now?: () => number;
  /** Called after each phase: a job reports progress here, and may throw to cancel between phases. */
  onPhase?: (phase: LinkPhase) => void;
}

export type LinkPhase = 'features' | 'blocking' | 'comparisons' | 'training' | 'scoring' | 'clustering';

export interface LinkResult {
  features: Features[];
  blocking: BlockingResult;
  model: TrainedModel;
  /** Scored candidate pairs (those at or above `keepLinksAbove`), in blocking's order. */
  links: LinkTable;
  clusters: ClusterResult;
  /** Milliseconds per phase. */
  timings: Record<LinkPhase, number>;
}

/**
 * The phases as a generator that pauses after each one: `link` runs it straight through, `linkAsync` lets the
 * event loop turn between phases so a job's Cancel (a message) is heard within a phase of being sent.
 */
function* linkPhases(records: readonly IdentityRecord[], options: LinkOptions): Generator<LinkPhase, LinkResult, void> {
  const now = options.now ?? (() => 0);
  const comparisons = options.comparisons ?? DEFAULT_COMPARISONS;
  const timings = { features: 0, blocking: 0, comparisons: 0, training: 0, scoring: 0, clustering: 0 };
  let mark = now();
  const lap = (phase: keyof typeof timings): void => {
    const time = now();
    timings[phase] = time - mark;
    mark = time;
    options.onPhase?.(phase);
  };

  const prepared = records.map(features);
  const count = records.length;
  // The records are not read again (features carry the ids): a caller that drops its own reference lets a
  // million of them go before the costly phases.
  records = [];
  markHouseholdIdentifiers(prepared);
  lap('features');
  yield 'features';
  const blocking = candidatePairs(prepared, options.blocking ?? DEFAULT_BLOCKING, options.maxBlockSize ?? DEFAULT_MAX_BLOCK_SIZE);
  lap('blocking');
  yield 'blocking';
  const patterns = pairPatterns(comparisons, prepared, blocking);
  lap('comparisons');
  yield 'comparisons';
  const model = train(comparisons, prepared, patterns, { ...DEFAULT_MODEL_SETTINGS, ...options.model }, options.vetoes ?? DEFAULT_VETOES);
  lap('training');
  yield 'training';
  const clusterSettings = { ...DEFAULT_CLUSTER_SETTINGS, ...options.cluster };
  const floor = Math.min(options.keepLinksAbove ?? -Infinity, clusterSettings.threshold);
  const links = scoreLinks(
    blocking,
    (i, j, pair) => logOdds(model, patterns.levels, (patterns.ofPair[pair] as number) * comparisons.length, prepared[i] as Features, prepared[j] as Features),
    floor,
  );
  lap('scoring');
  yield 'scoring';
  // Built only when there are constraints: a million records' ids are a large map for nothing otherwise.
  const constrained = (options.mustLink?.length ?? 0) + (options.cannotLink?.length ?? 0) > 0;
  const index = new Map(constrained ? prepared.map((record, position) => [record.id, position]) : []);
  const toIndex = (pairs: readonly (readonly [string, string])[] | undefined): [number, number][] =>
    (pairs ?? []).flatMap(([x, y]) => {
      const i = index.get(x);
      const j = index.get(y);
      return i === undefined || j === undefined ? [] : [[i, j] as [number, number]];
    });
  const constraints: Constraints = { mustLink: toIndex(options.mustLink), cannotLink: toIndex(options.cannotLink) };
  // A candidate pair left out of `links` (below the floor) is scored as the scoring phase scored it; any other
  // pair as scorePair does, as it always was.
  const levels = new Int8Array(comparisons.length);
  const score = (i: number, j: number): number => {
    const a = prepared[i] as Features;
    const b = prepared[j] as Features;
    if (floor === -Infinity || !blocking.proposes(i, j)) return scorePair(model, a, b).logOdds;
    return logOdds(model, compareInto(comparisons, i < j ? a : b, i < j ? b : a, levels), 0, i < j ? a : b, i < j ? b : a);
  };
  const clusters = cluster(count, links, score, constraints, clusterSettings);
  lap('clustering');
  yield 'clustering';
  return { features: prepared, blocking, model, links, clusters, timings };
}

/** The candidate pairs scoring at or above `floor`, as columns, in pair order (typed and grown by doubling: millions at 1 M records). */
function scoreLinks(blocking: BlockingResult, scoreOf: (i: number, j: number, pair: number) => number, floor: number): LinkTable {
  let table: LinkTable = { a: new Uint32Array(1024), b: new Uint32Array(1024), logOdds: new Float64Array(1024) };
  let kept = 0;
  let pair = 0;
  blocking.forEachPair((i, j) => {
    const value = scoreOf(i, j, pair);
    pair += 1;
    if (value < floor) return;
    if (kept === table.a.length) table = resized(table, kept * 2);
    table.a[kept] = i;
    table.b[kept] = j;
    table.logOdds[kept] = value;
    kept += 1;
  });
  return resized(table, kept);
}

function resized(table: LinkTable, size: number): LinkTable {
  const next = { a: new Uint32Array(size), b: new Uint32Array(size), logOdds: new Float64Array(size) };
  const length = Math.min(size, table.a.length);
  next.a.set(table.a.subarray(0, length));
  next.b.set(table.b.subarray(0, length));
  next.logOdds.set(table.logOdds.subarray(0, length));
  return next;
}

export function link(records: readonly IdentityRecord[], options: LinkOptions = {}): LinkResult {
  const phases = linkPhases(records, options);
  for (;;) {
    const step = phases.next();
    if (step.done === true) return step.value;
  }
}

export async function linkAsync(records: readonly IdentityRecord[], options: LinkOptions & { pause: () => Promise<void> }): Promise<LinkResult> {
  const phases = linkPhases(records, options);
  // Held by the phases alone from here, which let them go once featured.
  records = [];
  for (;;) {
    const step = phases.next();
    if (step.done === true) return step.value;
    await options.pause();
  }
}
