/**
 * Clustering that does not chain. Connected components over every link above a threshold turn A≈B, B≈C into
 * one person even when A and C are plainly different people (measured on household retail data: one cluster
 * of 182 k records, DESIGN §6). Here links are taken strongest first, and two clusters merge only when the
 * merge is supported by the pairs across them: none strongly contradicts it, and on average they agree.
 * Pairs across that blocking never proposed are scored on demand, so support is checked on every member.
 *
 * Steward decisions are constraints: must-links are merged first, whatever the scores; a cannot-link is never
 * crossed, by a score or by another must-link.
 */
import { PairMap } from './pair-map';

export interface ScoredLink {
  a: number;
  b: number;
  /** log2-odds that a and b are the same person. */
  logOdds: number;
}

/** Scored links as columns (a million records' links would be tens of millions of objects otherwise). */
export interface LinkTable {
  a: Uint32Array;
  b: Uint32Array;
  logOdds: Float64Array;
}

export function linkTable(links: readonly ScoredLink[]): LinkTable {
  return {
    a: Uint32Array.from(links, (link) => link.a),
    b: Uint32Array.from(links, (link) => link.b),
    logOdds: Float64Array.from(links, (link) => link.logOdds),
  };
}

export interface Constraints {
  mustLink?: readonly (readonly [number, number])[];
  cannotLink?: readonly (readonly [number, number])[];
  /**
   * Fixed groups (an existing profile, when new records are linked incrementally): group of each record, -1
   * for none. Two clusters holding different groups never merge; a steward or a full run merges profiles.
   */
  groups?: Int32Array;
}

export interface ClusterSettings {
  /** A link starts a merge only above this log2-odds (0 = probability 0.5). */
  threshold: number;
  /** A pair across two clusters below this log2-odds vetoes the merge. */
  contradiction: number;
  /** The mean log2-odds across the two clusters must reach this. */
  support: number;
  /** Clusters larger than this are not grown by scores any more (review material, not automatic). */
  maxClusterSize: number;
}

export const DEFAULT_CLUSTER_SETTINGS: ClusterSettings = { threshold: 0, contradiction: -8, support: 0, maxClusterSize: 50 };

export interface ClusterResult {
  /** Cluster number of every record (0..clusters-1). */
  clusterOf: Int32Array;
  clusters: number;
  /** Links above the threshold that were not followed, by reason. */
  refused: { contradicted: number; unsupported: number; cannotLink: number; tooLarge: number };
  /** Must-links that could not be honoured because they cross a cannot-link. */
  conflictingMustLinks: number;
}

/**
 * The links' scores by pair: keys i·n+j sorted, for a binary search. 16 bytes a link where a hash table needs 32 or
 * more, and a resolution keeps millions of links. A pair listed twice keeps its last score, as a Map would.
 */
function linkIndex(n: number, links: LinkTable): (i: number, j: number) => number | undefined {
  const keyOf = (i: number, j: number): number => (i < j ? i * n + j : j * n + i);
  const keys = new Float64Array(links.a.length);
  for (let link = 0; link < keys.length; link += 1) keys[link] = keyOf(links.a[link] as number, links.b[link] as number);
  keys.sort();
  const find = (key: number): number => {
    let low = 0;
    let high = keys.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((keys[middle] as number) < key) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  const values = new Float64Array(keys.length);
  for (let link = 0; link < keys.length; link += 1) values[find(keyOf(links.a[link] as number, links.b[link] as number))] = links.logOdds[link] as number;
  return (i, j) => {
    const key = keyOf(i, j);
    const at = find(key);
    return keys[at] === key ? values[at] : undefined;
  };
}

/**
 * Clusters n records. `links` are the scored candidate pairs; `score(i, j)` scores any other pair on demand.
 */
export function cluster(
  n: number,
  scored: LinkTable | readonly ScoredLink[],
  score: (i: number, j: number) => number,
  constraints: Constraints = {},
  settings: ClusterSettings = DEFAULT_CLUSTER_SETTINGS,
): ClusterResult {
  const links = Array.isArray(scored) ? linkTable(scored as readonly ScoredLink[]) : (scored as LinkTable);
  const linked = linkIndex(n, links);
  const onDemand = new PairMap(n);
  const oddsOf = (i: number, j: number): number => {
    let value = linked(i, j) ?? onDemand.get(i, j);
    if (value === undefined) onDemand.set(i, j, (value = score(i, j)));
    return value;
  };

  const key = (i: number, j: number): number => (i < j ? i * n + j : j * n + i);
  const cannot = new Set<number>();
  for (const [i, j] of constraints.cannotLink ?? []) cannot.add(key(i, j));

  // Only clusters of two or more have a member list; a record alone is its own cluster (owner[i] = i).
  const owner = Int32Array.from({ length: n }, (_, index) => index);
  const groups = new Map<number, number[]>();
  const membersOf = (root: number): number[] => groups.get(root) ?? [root];

  const crossesCannot = (left: number[], right: number[]): boolean => {
    if (cannot.size === 0) return false;
    for (const i of left) for (const j of right) if (cannot.has(key(i, j))) return true;
    return false;
  };
  const groupOf = constraints.groups === undefined ? null : Int32Array.from(constraints.groups);
  const keptApart = (left: number, right: number): boolean => {
    if (groupOf === null) return false;
    const a = groupOf[left] as number;
    const b = groupOf[right] as number;
    return a >= 0 && b >= 0 && a !== b;
  };
  const merge = (left: number, right: number): void => {
    const leftMembers = membersOf(left);
    const rightMembers = membersOf(right);
    const [keep, kept, gone, moved] =
      leftMembers.length >= rightMembers.length ? [left, leftMembers, right, rightMembers] : [right, rightMembers, left, leftMembers];
    if (groupOf !== null && (groupOf[keep] as number) < 0) groupOf[keep] = groupOf[gone] as number;
    for (const index of moved) owner[index] = keep;
    kept.push(...moved);
    groups.set(keep, kept);
    groups.delete(gone);
  };

  let conflictingMustLinks = 0;
  for (const [i, j] of constraints.mustLink ?? []) {
    const left = owner[i] as number;
    const right = owner[j] as number;
    if (left === right) continue;
    if (keptApart(left, right) || crossesCannot(membersOf(left), membersOf(right))) conflictingMustLinks += 1;
    else merge(left, right);
  }

  const refused = { contradicted: 0, unsupported: 0, cannotLink: 0, tooLarge: 0 };
  const strong: number[] = [];
  for (let link = 0; link < links.a.length; link += 1) if ((links.logOdds[link] as number) >= settings.threshold) strong.push(link);
  // Strongest first; equal scores in link order (what a stable sort of the links gave).
  strong.sort((x, y) => (links.logOdds[y] as number) - (links.logOdds[x] as number) || x - y);
  for (const link of strong) {
    const left = owner[links.a[link] as number] as number;
    const right = owner[links.b[link] as number] as number;
    if (left === right) continue;
    const leftMembers = membersOf(left);
    const rightMembers = membersOf(right);
    if (keptApart(left, right) || crossesCannot(leftMembers, rightMembers)) {
      refused.cannotLink += 1;
      continue;
    }
    if (leftMembers.length + rightMembers.length > settings.maxClusterSize) {
      refused.tooLarge += 1;
      continue;
    }
    let total = 0;
    let contradicted = false;
    for (const i of leftMembers) {
      for (const j of rightMembers) {
        const odds = oddsOf(i, j);
        if (odds < settings.contradiction) contradicted = true;
        total += odds;
      }
      if (contradicted) break;
    }
    if (contradicted) {
      refused.contradicted += 1;
      continue;
    }
    if (total / (leftMembers.length * rightMembers.length) < settings.support) {
      refused.unsupported += 1;
      continue;
    }
    merge(left, right);
  }

  // Renumber clusters 0..k-1 in record order.
  const numbers = new Map<number, number>();
  const clusterOf = new Int32Array(n);
  for (let index = 0; index < n; index += 1) {
    const root = owner[index] as number;
    let number = numbers.get(root);
    if (number === undefined) numbers.set(root, (number = numbers.size));
    clusterOf[index] = number;
  }
  return { clusterOf, clusters: numbers.size, refused, conflictingMustLinks };
}
