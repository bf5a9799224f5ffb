/**
 * Fellegi–Sunter: each comparison level weighs log2(m/u), where m = P(level | same person) and
 * u = P(level | different people). u comes from random record pairs (nearly all of which are non-matches);
 * m is learnt by expectation–maximisation over the candidate pairs themselves, without labels. The total of
 * the weights, plus the prior odds, is the log2-odds that a pair is the same person, and the per-comparison
 * contributions explain it ("birth date exact: +6.1").
 *
 * Term frequency: agreeing on "smith" is weaker evidence than agreeing on "wiśniewska". For levels marked
 * `termFrequency`, the u of an exact agreement on value v is its share f(v) of the records rather than the
 * average u, bounded so one rare typo cannot outweigh everything else.
 */
import {
  compare,
  compareInto,
  compileVetoes,
  DEFAULT_VETOES,
  firedVeto,
  type CompiledVeto,
  type Comparison,
  type Level,
  type TextField,
  type Veto,
} from './comparisons';
import type { BlockingResult } from './blocking';
import type { Features } from './record';

export interface ModelSettings {
  /** Random pairs drawn to estimate u. */
  randomPairs: number;
  seed: number;
  maxIterations: number;
  /** EM stops when no m moves by more than this. */
  tolerance: number;
  /** Starting share of matches among the candidate pairs. */
  initialMatchShare: number;
  termFrequency: boolean;
  /** Largest term-frequency adjustment, in bits, either way. */
  termFrequencyBound: number;
  /**
   * Honour the vetoes (comparisons.ts DEFAULT_VETOES, and any Level.veto). On by default: merging two customers
   * is worse than missing a merge (one person's data would be disclosed to the other). Off reproduces plain
   * Fellegi–Sunter.
   */
  vetoes: boolean;
  /** log2-odds of a vetoed pair: far below any merge threshold. */
  vetoLogOdds: number;
}

export const DEFAULT_MODEL_SETTINGS: ModelSettings = {
  randomPairs: 200_000,
  seed: 20_240_601,
  maxIterations: 60,
  tolerance: 1e-5,
  initialMatchShare: 0.05,
  termFrequency: true,
  termFrequencyBound: 4,
  vetoes: true,
  vetoLogOdds: -20,
};

export interface TrainedModel {
  comparisons: readonly Comparison[];
  /** m[c][l], u[c][l], weight[c][l] = log2(m/u). */
  m: number[][];
  u: number[][];
  weight: number[][];
  /** Share of matches among the candidate pairs, as EM found it. */
  matchShare: number;
  /** Prior: share of matches among all pairs (EM's matches spread over n(n-1)/2). */
  prior: number;
  iterations: number;
  /** Per term-frequency field: value → share of the records that have the field. */
  frequencies: Map<TextField, Map<string, number>>;
  /** The vetoes, resolved against the comparisons. */
  vetoes: readonly CompiledVeto[];
  settings: ModelSettings;
}

/** Mulberry32: a small seeded generator, so u (and so every score) is reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * The candidate pairs' levels, kept once per distinct combination (a pattern): a few thousand patterns stand
 * for millions of pairs, so EM iterates over patterns weighted by their counts instead of over pairs, and a
 * pair costs four bytes (its pattern) instead of one per comparison.
 */
export interface LevelPatterns {
  /** Levels of each pattern, flattened: pattern q, comparison c at q * C + c (−1 = missing). */
  levels: Int8Array;
  /** Candidate pairs with each pattern. */
  counts: Float64Array;
  /** Pattern of each candidate pair (two bytes a pair while there are fewer than 65,536 patterns, as there are). */
  ofPair: Uint16Array | Uint32Array;
}

export function pairPatterns(
  comparisons: readonly Comparison[],
  records: readonly Features[],
  pairs: Pick<BlockingResult, 'count' | 'forEachPair'>,
): LevelPatterns {
  const count = comparisons.length;
  const base = Math.max(2, ...comparisons.map((comparison) => comparison.levels.length + 1));
  // A pattern's key: its levels as the digits of one number, when they fit in a double exactly (the default
  // model's 11 comparisons of at most 9 levels do); a string otherwise.
  const numeric = base ** count <= Number.MAX_SAFE_INTEGER;
  const index = new Map<number | string, number>();
  const levels: number[] = [];
  const counts: number[] = [];
  let ofPair: Uint16Array | Uint32Array = new Uint16Array(pairs.count);
  const scratch = new Int8Array(count);
  let pair = 0;
  pairs.forEachPair((i, j) => {
    compareInto(comparisons, records[i] as Features, records[j] as Features, scratch);
    let key: number | string;
    if (numeric) {
      key = 0;
      for (let c = 0; c < count; c += 1) key = key * base + (scratch[c] as number) + 1;
    } else key = scratch.join(',');
    let pattern = index.get(key);
    if (pattern === undefined) {
      if (counts.length === 65_536 && ofPair instanceof Uint16Array) ofPair = Uint32Array.from(ofPair);
      index.set(key, (pattern = counts.length));
      counts.push(0);
      for (let c = 0; c < count; c += 1) levels.push(scratch[c] as number);
    }
    counts[pattern] = (counts[pattern] as number) + 1;
    ofPair[pair] = pattern;
    pair += 1;
  });
  return { levels: Int8Array.from(levels), counts: Float64Array.from(counts), ofPair };
}

/** u per comparison level from random pairs, with add-one smoothing so no level has u = 0. */
export function estimateU(comparisons: readonly Comparison[], records: readonly Features[], settings: ModelSettings): number[][] {
  const counts = comparisons.map((comparison) => new Array<number>(comparison.levels.length).fill(1));
  const n = records.length;
  if (n >= 2) {
    const random = seededRandom(settings.seed);
    const levels = new Int8Array(comparisons.length);
    for (let drawn = 0; drawn < settings.randomPairs; drawn += 1) {
      const i = Math.floor(random() * n);
      let j = Math.floor(random() * (n - 1));
      if (j >= i) j += 1;
      compareInto(comparisons, records[i] as Features, records[j] as Features, levels);
      levels.forEach((level, c) => {
        if (level >= 0) (counts[c] as number[])[level] = ((counts[c] as number[])[level] as number) + 1;
      });
    }
  }
  return counts.map(normalize);
}

function normalize(values: number[]): number[] {
  const total = values.reduce((sum, value) => sum + value, 0);
  return values.map((value) => value / total);
}

/** Weight of the starting m in EM's estimate, in pairs (a Dirichlet prior). */
const PRIOR_PAIRS = 5;

/** Starting m: most matches agree exactly, fewer at each looser level (ratio 1/4 per level). */
function priorM(comparison: Comparison): number[] {
  return normalize(comparison.levels.map((_, level) => 4 ** -level));
}

/**
 * EM over the candidate pairs (their patterns, each weighing its count of pairs): the classic two-class mixture. The non-match class gets its own u here (started
 * from the random-pair u) because blocked non-matches are not random pairs: they already agree on a blocking
 * key, and judging them against random pairs would make EM call nearly every candidate a match. That
 * candidate-u is a nuisance parameter and is discarded: scores use the random-pair u, which is what a pair's
 * evidence must be weighed against once the prior is the share of matches among all pairs.
 */
export function estimateM(
  comparisons: readonly Comparison[],
  patterns: Pick<LevelPatterns, 'levels' | 'counts'>,
  u: number[][],
  settings: ModelSettings,
): { m: number[][]; matchShare: number; iterations: number } {
  const count = comparisons.length;
  const { levels, counts } = patterns;
  const pairs = counts.reduce((sum, value) => sum + value, 0);
  let m = comparisons.map(priorM);
  let uc = u.map((row) => [...row]);
  let share = settings.initialMatchShare;
  let iterations = 0;
  for (; iterations < settings.maxIterations && pairs > 0; iterations += 1) {
    const ratio = m.map((row, c) => Float64Array.from(row, (value, l) => Math.log(value / ((uc[c] as number[])[l] as number))));
    const prior = Math.log(share / (1 - share));
    const matchSums = comparisons.map((comparison) => new Float64Array(comparison.levels.length));
    const otherSums = comparisons.map((comparison) => new Float64Array(comparison.levels.length));
    let matches = 0;
    for (let pattern = 0; pattern < counts.length; pattern += 1) {
      let logit = prior;
      const base = pattern * count;
      for (let c = 0; c < count; c += 1) {
        const level = levels[base + c] as number;
        if (level >= 0) logit += (ratio[c] as Float64Array)[level] as number;
      }
      const p = 1 / (1 + Math.exp(-logit));
      const weight = counts[pattern] as number;
      matches += p * weight;
      for (let c = 0; c < count; c += 1) {
        const level = levels[base + c] as number;
        if (level < 0) continue;
        const matchRow = matchSums[c] as Float64Array;
        const otherRow = otherSums[c] as Float64Array;
        matchRow[level] = (matchRow[level] as number) + p * weight;
        otherRow[level] = (otherRow[level] as number) + (1 - p) * weight;
      }
    }
    // m is smoothed towards the starting shape with a few pairs' worth of weight: a level the data hardly shows
    // among matches (nicknames in Febrl) keeps a small m instead of ~0, and no level is frozen at log 0.
    const next = matchSums.map((row, c) => {
      const start = priorM(comparisons[c] as Comparison);
      return normalize(Array.from(row, (value, l) => value + PRIOR_PAIRS * (start[l] as number)));
    });
    uc = otherSums.map((row) => normalize(Array.from(row, (value) => value + 1e-3)));
    share = Math.min(Math.max(matches / pairs, 1e-6), 1 - 1e-6);
    const moved = Math.max(...next.flatMap((row, c) => row.map((value, l) => Math.abs(value - ((m[c] as number[])[l] as number)))));
    m = next;
    if (moved < settings.tolerance) {
      iterations += 1;
      break;
    }
  }
  return { m, matchShare: share, iterations };
}

/** Share of each value among the records that have the field, for the term-frequency fields. */
function termFrequencies(comparisons: readonly Comparison[], records: readonly Features[]): Map<TextField, Map<string, number>> {
  const fields = new Set(
    comparisons.flatMap((comparison) => comparison.levels.map((level) => level.termFrequency).filter((field): field is TextField => field !== undefined)),
  );
  const frequencies = new Map<TextField, Map<string, number>>();
  for (const field of fields) {
    const counts = new Map<string, number>();
    let total = 0;
    for (const record of records) {
      const value = record[field];
      if (value === null) continue;
      counts.set(value, (counts.get(value) ?? 0) + 1);
      total += 1;
    }
    frequencies.set(field, new Map([...counts].map(([value, seen]) => [value, seen / total])));
  }
  return frequencies;
}

/**
 * A level that is closer than `else` never weighs less than `else`: when the training data hardly has a level
 * among its matches (no nicknames in Febrl, few "same year, other day" dates), EM leaves its m near zero and
 * the weight would call "Bill ~ William" evidence *against* a match. Such a level is at worst no better than
 * a plain disagreement.
 */
function monotone(weights: number[]): number[] {
  const floor = weights[weights.length - 1] as number;
  return weights.map((weight) => Math.max(weight, floor));
}

/** Learns u, then m by EM, from the records and their candidate pairs. */
export function train(
  comparisons: readonly Comparison[],
  records: readonly Features[],
  patterns: LevelPatterns,
  settings: ModelSettings = DEFAULT_MODEL_SETTINGS,
  vetoes: readonly Veto[] = DEFAULT_VETOES,
): TrainedModel {
  const u = estimateU(comparisons, records, settings);
  const { m, matchShare, iterations } = estimateM(comparisons, patterns, u, settings);
  const weight = m.map((row, c) => monotone(row.map((value, l) => Math.log2(value / ((u[c] as number[])[l] as number)))));
  const candidates = patterns.ofPair.length;
  const allPairs = (records.length * (records.length - 1)) / 2;
  // At least one expected match, so the prior is never 0 on a tiny or match-free set.
  const prior = allPairs === 0 ? 0.5 : Math.min(0.5, Math.max(1, matchShare * candidates) / allPairs);
  return {
    comparisons,
    m,
    u,
    weight,
    matchShare,
    prior,
    iterations,
    frequencies: termFrequencies(comparisons, records),
    vetoes: compileVetoes(comparisons, vetoes),
    settings,
  };
}

export interface Contribution {
  comparison: string;
  level: string | null;
  /** Bits of evidence: positive for "same person", 0 when missing. */
  weight: number;
}

export interface PairScore {
  /** A veto held (and no decisive level): the pair is kept apart whatever its weight. */
  vetoed: boolean;
  /** Which veto (its name, or the comparison whose level is marked veto), for the explanation; null when none. */
  veto: string | null;
  /** Sum of the contributions (bits), without the prior. */
  weight: number;
  /** log2-odds of a match: prior + weight. */
  logOdds: number;
  probability: number;
  contributions: Contribution[];
}

/** Weight of one comparison level for this pair, with the term-frequency adjustment. */
function levelWeight(model: TrainedModel, c: number, level: number, a: Features): number {
  const base = (model.weight[c] as number[])[level] as number;
  const definition = (model.comparisons[c] as Comparison).levels[level] as Level;
  if (!model.settings.termFrequency || definition.termFrequency === undefined) return base;
  const value = a[definition.termFrequency];
  const share = value === null ? undefined : model.frequencies.get(definition.termFrequency)?.get(value);
  if (share === undefined) return base;
  const uLevel = (model.u[c] as number[])[level] as number;
  const adjustment = Math.log2(uLevel / share);
  const bound = model.settings.termFrequencyBound;
  return base + Math.max(-bound, Math.min(bound, adjustment));
}

/** The veto that keeps this pair apart, or null: a level marked veto, else a veto rule; a decisive level lifts both. */
function vetoOf(model: TrainedModel, levels: ArrayLike<number>, offset: number, a: Features, b: Features): { name: string; cap: number } | null {
  if (!model.settings.vetoes) return null;
  let single: string | null = null;
  for (let c = 0; c < model.comparisons.length; c += 1) {
    const level = levels[offset + c] as number;
    if (level < 0) continue;
    const definition = (model.comparisons[c] as Comparison).levels[level] as Level;
    if (definition.decisive === true) return null;
    if (definition.veto === true && single === null) single = (model.comparisons[c] as Comparison).name;
  }
  if (single !== null) return { name: single, cap: model.settings.vetoLogOdds };
  const fired = firedVeto(model.vetoes, levels, offset, a, b);
  return fired === null ? null : { name: fired.name, cap: fired.cap ?? model.settings.vetoLogOdds };
}

/** Total log2-odds of a pair from its levels (fast path: no explanation). */
export function logOdds(model: TrainedModel, levels: Int8Array, offset: number, a: Features, b: Features): number {
  let total = Math.log2(model.prior / (1 - model.prior));
  for (let c = 0; c < model.comparisons.length; c += 1) {
    const level = levels[offset + c] as number;
    if (level >= 0) total += levelWeight(model, c, level, a);
  }
  const veto = vetoOf(model, levels, offset, a, b);
  return veto === null ? total : Math.min(total, veto.cap);
}

/** Score and explain one pair. */
export function scorePair(model: TrainedModel, a: Features, b: Features): PairScore {
  const levels = compare(model.comparisons, a, b);
  const contributions = model.comparisons.map((comparison, c) => {
    const level = levels[c] as number;
    return level < 0
      ? { comparison: comparison.name, level: null, weight: 0 }
      : { comparison: comparison.name, level: (comparison.levels[level] as Level).name, weight: levelWeight(model, c, level, a) };
  });
  const weight = contributions.reduce((sum, contribution) => sum + contribution.weight, 0);
  const veto = vetoOf(model, levels, 0, a, b);
  const free = Math.log2(model.prior / (1 - model.prior)) + weight;
  const odds = veto === null ? free : Math.min(free, veto.cap);
  return { weight, logOdds: odds, probability: 1 / (1 + 2 ** -odds), vetoed: veto !== null, veto: veto?.name ?? null, contributions };
}
