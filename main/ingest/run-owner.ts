/**
 * Whether a run marked "running" is really going on: its process is alive and it wrote a batch
 * recently. Runs of this process are tracked here; another process on this machine is asked whether it
 * still exists; a run from elsewhere (a vault on a shared folder) is judged by its heartbeat alone.
 */
import os from 'node:os';
import { processExists } from '../platform/processes';

/** Longer than any pause between two batches (the last index build of a million rows takes seconds). */
export const HEARTBEAT_STALE_MS = 2 * 60_000;

export const RUN_OWNER = `${os.hostname()}:${process.pid}`;

const ownRuns = new Set<number>();

export function claimRun(runId: number): void {
  ownRuns.add(runId);
}

export function releaseRun(runId: number): void {
  ownRuns.delete(runId);
}

export interface RunningRun {
  readonly id: number;
  readonly owner: string | null;
  readonly heartbeatAt: string | null;
  readonly startedAt: string;
}

export function runIsAlive(run: RunningRun, now: Date): boolean {
  const lastSign = Date.parse(run.heartbeatAt ?? run.startedAt);
  if (!(now.getTime() - lastSign < HEARTBEAT_STALE_MS)) return false;
  if (run.owner === null) return false;
  const separator = run.owner.lastIndexOf(':');
  const host = run.owner.slice(0, separator);
  const pid = Number(run.owner.slice(separator + 1));
  if (host !== os.hostname()) return true;
  if (pid === process.pid) return ownRuns.has(run.id);
  return Number.isInteger(pid) && processExists(pid);
}
