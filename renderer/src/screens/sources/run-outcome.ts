/**
 * How a run's status is shown: a run that rejected rows does not look like a clean one. A completed run
 * with rejects is amber and says how many; one that rejected every row it read (nothing imported) is red.
 * Failed, cancelled, interrupted and running runs keep their own status.
 */
import type { RunSummary } from '../../../../main/api/contract';

export type RunTone = RunSummary['status'] | 'completed-with-rejects' | 'all-rejected';

export interface RunOutcome {
  /** The CSS modifier (`run-<tone>`) and the `data-status` value. */
  readonly tone: RunTone;
  /** The translation key and its count (rejected rows), if any. */
  readonly key: string;
  readonly count?: number;
}

export type RunOutcomeInput = Pick<RunSummary, 'status' | 'rejected' | 'inserted' | 'updated' | 'unchanged'>;

export function runOutcome(run: RunOutcomeInput): RunOutcome {
  if (run.status !== 'completed' || run.rejected === 0) return { tone: run.status, key: `runs.status.${run.status}` };
  if (run.inserted + run.updated + run.unchanged === 0) return { tone: 'all-rejected', key: 'runs.outcome.allRejected', count: run.rejected };
  return { tone: 'completed-with-rejects', key: 'runs.outcome.completedWithRejects', count: run.rejected };
}
