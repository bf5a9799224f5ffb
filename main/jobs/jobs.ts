/**
 * Long work as jobs: start → id → progress events → completed / failed / cancelled. Cancellation is
 * cooperative: a job calls `checkpoint()` between batches, so it always stops at a consistent point.
 * Progress events are throttled so that a million-row job does not flood the window.
 */
import crypto from 'node:crypto';
import type { BackendEvent } from '../core/events';
import type { JobState } from './contract';
import type { JobControl } from '../core/job-control';
import { AppError, type ApiError } from '../core/errors';

const KEEP_FINISHED = 100;
const PROGRESS_INTERVAL_MS = 100;

interface JobEntry {
  state: JobState;
  readonly controller: AbortController;
  readonly done: Promise<void>;
}

export class JobRegistry {
  private readonly jobs = new Map<string, JobEntry>();

  constructor(
    private readonly emit: (event: BackendEvent) => void,
    private readonly mapError: (error: unknown, method: string) => ApiError,
  ) {}

  start(method: string, run: (job: JobControl) => Promise<unknown>): string {
    const jobId = crypto.randomUUID();
    const controller = new AbortController();
    const state: JobState = { jobId, method, status: 'running', step: 'starting', done: 0, total: null };
    let lastEmit = 0;
    const control: JobControl = {
      signal: controller.signal,
      progress: (step, done, total) => {
        Object.assign(state, { step, done, total });
        const now = Date.now();
        if (now - lastEmit >= PROGRESS_INTERVAL_MS || (total !== null && done >= total)) {
          lastEmit = now;
          this.emit({ type: 'job.progress', jobId, step, done, total });
        }
      },
      checkpoint: () => {
        if (controller.signal.aborted) throw new AppError('CANCELLED', 'Cancelled.');
      },
    };
    const done = (async () => {
      // Let the caller receive the job id before the first progress event.
      await new Promise((resolve) => setImmediate(resolve));
      try {
        control.checkpoint();
        const value = await run(control);
        Object.assign(state, { status: 'completed', value });
        this.emit({ type: 'job.finished', jobId, status: 'completed', value });
      } catch (error) {
        const apiError = error instanceof AppError ? error.toApiError() : this.mapError(error, method);
        const status = apiError.code === 'CANCELLED' ? 'cancelled' : 'failed';
        Object.assign(state, { status, error: apiError });
        this.emit({ type: 'job.finished', jobId, status, error: apiError });
      } finally {
        this.prune();
      }
    })();
    this.jobs.set(jobId, { state, controller, done });
    return jobId;
  }

  get(jobId: string): JobState {
    const entry = this.jobs.get(jobId);
    if (!entry) throw new AppError('NOT_FOUND', 'There is no such job.');
    return { ...entry.state };
  }

  cancel(jobId: string): JobState {
    const entry = this.jobs.get(jobId);
    if (!entry) throw new AppError('NOT_FOUND', 'There is no such job.');
    if (entry.state.status === 'running') entry.controller.abort();
    return { ...entry.state };
  }

  /** Cancels everything and waits: used before the vault locks or the app quits. */
  async cancelAll(): Promise<void> {
    const running = [...this.jobs.values()].filter((entry) => entry.state.status === 'running');
    for (const entry of running) entry.controller.abort();
    await Promise.all(running.map((entry) => entry.done));
  }

  private prune(): void {
    const finished = [...this.jobs.entries()].filter(([, entry]) => entry.state.status !== 'running');
    for (const [id] of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(id);
  }
}

/** Gives the event loop a turn, so that cancel requests and other calls get through between batches. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
