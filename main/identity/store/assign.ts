/**
 * Stable profile ids for a new clustering. A profile that grows keeps its id; when clusters bring several
 * profiles together the oldest id (the smallest: ids only grow) survives; a profile whose records end up in
 * several clusters keeps its id in the one that holds most of them, and the others get new profiles.
 * Pure: the writer applies what this decides.
 */

export interface Assignment {
  /** Profile id of each cluster, or 0 for a cluster that needs a new profile. */
  profileOfCluster: Float64Array;
}

/**
 * `clusterOf[i]` is record i's cluster (0..clusters-1), `currentProfile[i]` its profile now (0: none).
 */
export function assignProfiles(clusterOf: Int32Array, clusters: number, currentProfile: Float64Array): Assignment {
  // Count records per (cluster, profile). Most clusters hold one profile, so a small map per cluster suffices.
  const counts = new Map<string, { cluster: number; profile: number; count: number }>();
  for (let i = 0; i < clusterOf.length; i += 1) {
    const profile = currentProfile[i] as number;
    if (profile === 0) continue;
    const cluster = clusterOf[i] as number;
    const key = `${cluster}:${profile}`;
    const entry = counts.get(key);
    if (entry === undefined) counts.set(key, { cluster, profile, count: 1 });
    else entry.count += 1;
  }
  const candidates = [...counts.values()].sort((x, y) => x.profile - y.profile || y.count - x.count || x.cluster - y.cluster);
  const profileOfCluster = new Float64Array(clusters);
  const taken = new Set<number>();
  for (const { cluster, profile } of candidates) {
    if (profileOfCluster[cluster] !== 0 || taken.has(profile)) continue;
    profileOfCluster[cluster] = profile;
    taken.add(profile);
  }
  return { profileOfCluster };
}
