import { describe, expect, it } from 'vitest';
import { cluster, type ScoredLink } from './cluster';

/** Scores from a table; pairs not in it are strongly different. */
function scorer(table: Record<string, number>): (i: number, j: number) => number {
  return (i, j) => table[`${Math.min(i, j)}-${Math.max(i, j)}`] ?? -30;
}
const links = (table: Record<string, number>): ScoredLink[] =>
  Object.entries(table).map(([pair, logOdds]) => {
    const [a, b] = pair.split('-').map(Number) as [number, number];
    return { a, b, logOdds };
  });

describe('cluster', () => {
  it('merges strong links', () => {
    const table = { '0-1': 20, '1-2': 18, '0-2': 15 };
    const result = cluster(4, links(table), scorer(table));
    expect(result.clusterOf[0]).toBe(result.clusterOf[1]);
    expect(result.clusterOf[0]).toBe(result.clusterOf[2]);
    expect(result.clusters).toBe(2);
  });
  it('does not chain A–B–C when A and C are plainly different people', () => {
    const table = { '0-1': 12, '1-2': 10, '0-2': -25 };
    const result = cluster(3, links(table), scorer(table));
    expect(result.clusterOf[0]).toBe(result.clusterOf[1]);
    expect(result.clusterOf[2]).not.toBe(result.clusterOf[0]);
    expect(result.refused.contradicted).toBe(1);
  });
  it('does not merge on weak links', () => {
    const table = { '0-1': -2, '1-2': -1 };
    const result = cluster(3, links(table), scorer(table));
    expect(result.clusters).toBe(3);
  });
  it('asks for support: a merge the members do not back on average is refused', () => {
    // 0-1 strong; 2 links strongly to 1 but 0-2 is lukewarm-negative, so the mean across is below 0.
    const table = { '0-1': 20, '1-2': 5, '0-2': -7.5 };
    const result = cluster(3, links(table), scorer(table));
    expect(result.clusterOf[2]).not.toBe(result.clusterOf[0]);
    expect(result.refused.unsupported).toBe(1);
  });
  it('scores pairs blocking never proposed when it checks support', () => {
    const table = { '0-1': 20, '1-2': 20 };
    const asked: string[] = [];
    const result = cluster(3, links(table), (i, j) => {
      asked.push(`${i}-${j}`);
      return -30;
    });
    expect(asked).toHaveLength(1);
    expect(result.clusterOf[2]).not.toBe(result.clusterOf[0]);
  });
  it('respects cannot-links over strong scores, and must-links over weak ones', () => {
    const table = { '0-1': 30, '2-3': -10 };
    const result = cluster(4, links(table), scorer(table), { cannotLink: [[0, 1]], mustLink: [[2, 3]] });
    expect(result.clusterOf[0]).not.toBe(result.clusterOf[1]);
    expect(result.clusterOf[2]).toBe(result.clusterOf[3]);
    expect(result.refused.cannotLink).toBe(1);
  });
  it('never lets a must-link cross a cannot-link', () => {
    const table = {};
    const result = cluster(3, [], scorer(table), {
      mustLink: [
        [0, 1],
        [1, 2],
      ],
      cannotLink: [[0, 2]],
    });
    expect(result.clusterOf[0]).toBe(result.clusterOf[1]);
    expect(result.clusterOf[2]).not.toBe(result.clusterOf[0]);
    expect(result.conflictingMustLinks).toBe(1);
  });
});
