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

export interface ScoredLink {
  a: number;
  b: number;
  /** log2-odds that a and b are the same person. */
  logOdds: number;
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
 * Clusters n records. `links` are the scored candidate pairs; `score(i, j)` scores any other pair on demand.
 */
export function cluster(
  n: number,
  links: readonly ScoredLink[],
  score: (i: number, j: number) => number,
  constraints: Constraints = {},
  settings: ClusterSettings = DEFAULT_CLUSTER_SETTINGS,
): ClusterResult {
  const known = new Map<number, number>();
  const key = (i: number, j: number): number => (i < j ? i * n + j : j * n + i);
  for (const link of links) known.set(key(link.a, link.b), link.logOdds);
  const oddsOf = (i: number, j: number): number => {
    const id = key(i, j);
    let value = known.get(id);
    if (value === undefined) known.set(id, (value = score(i, j)));
    return value;
  };

  const cannot = new Set<number>();
  for (const [i, j] of constraints.cannotLink ?? []) cannot.add(key(i, j));

  const owner = Int32Array.from({ length: n }, (_, index) => index);
  const members = new Map<number, number[]>();
  for (let index = 0; index < n; index += 1) members.set(index, [index]);

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
    const [keep, gone] = (members.get(left) as number[]).length >= (members.get(right) as number[]).length ? [left, right] : [right, left];
    if (groupOf !== null && (groupOf[keep] as number) < 0) groupOf[keep] = groupOf[gone] as number;
    const moved = members.get(gone) as number[];
    for (const index of moved) owner[index] = keep;
    (members.get(keep) as number[]).push(...moved);
    members.delete(gone);
  };

  let conflictingMustLinks = 0;
  for (const [i, j] of constraints.mustLink ?? []) {
    const left = owner[i] as number;
    const right = owner[j] as number;
    if (left === right) continue;
    if (keptApart(left, right) || crossesCannot(members.get(left) as number[], members.get(right) as number[])) conflictingMustLinks += 1;
    else merge(left, right);
  }

  const refused = { contradicted: 0, unsupported: 0, cannotLink: 0, tooLarge: 0 };
  const strong = links.filter((link) => link.logOdds >= settings.threshold).sort((x, y) => y.logOdds - x.logOdds);
  for (const link of strong) {
    const left = owner[link.a] as number;
    const right = owner[link.b] as number;
    if (left === right) continue;
    const leftMembers = members.get(left) as number[];
    const rightMembers = members.get(right) as number[];
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
