/**
 * Runs a job method to completion: start → job id → progress events → finished. Progress and even the
 * finish can arrive before the reply carrying the job id (events and replies travel separately), so
 * job events are buffered from before the call and replayed once the id is known.
 *
 * `signal` cancels: the user may press Cancel before the id is known (the event stream still
 * connecting, the start call on its way), so a cancel that comes early is kept and sent with the id,
 * and one that comes before the start does not start the job at all.
 */
import type { BackendEvent, MethodName } from '../../../main/api/contract';
import { ERROR_CODES, type ErrorCode } from '../../../main/api/errors';
import { failure, type ClientResult, type Transport } from './transport';

export interface JobProgress {
  readonly jobId: string;
  readonly step: string;
  readonly done: number;
  readonly total: number | null;
}

type JobEvent = Extract<BackendEvent, { type: 'job.progress' | 'job.finished' }>;

/** Long enough for a slow reconnect, short enough that a dead stream does not hang the button forever. */
const EVENTS_READY_TIMEOUT_MS = 5_000;

function isErrorCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}

function finishedResult(event: Extract<BackendEvent, { type: 'job.finished' }>): ClientResult<unknown> {
  switch (event.status) {
    case 'completed':
      return { ok: true, value: event.value };
    case 'cancelled':
      return failure('CANCELLED', event.error?.message ?? 'Cancelled.');
    case 'failed': {
      const error = event.error;
      if (!error) return failure('INTERNAL', 'The job failed.');
      return {
        ok: false,
        error: { code: isErrorCode(error.code) ? error.code : 'INTERNAL', message: error.message, ...(error.params ? { params: error.params } : {}) },
      };
    }
  }
}

export async function runJobOver(
  transport: Transport,
  call: (method: MethodName, input: unknown) => Promise<ClientResult<unknown>>,
  method: MethodName,
  input: unknown,
  onProgress?: (progress: JobProgress) => void,
  signal?: AbortSignal,
): Promise<ClientResult<unknown>> {
  await Promise.race([transport.eventsReady(), new Promise((resolve) => setTimeout(resolve, EVENTS_READY_TIMEOUT_MS))]);
  if (signal?.aborted) return failure('CANCELLED', 'Cancelled.');

  let jobId: string | null = null;
  const early: JobEvent[] = [];
  let settle: (result: ClientResult<unknown>) => void = () => undefined;
  const finished = new Promise<ClientResult<unknown>>((resolve) => {
    settle = resolve;
  });

  const handle = (event: BackendEvent): void => {
    if (event.type !== 'job.progress' && event.type !== 'job.finished') return;
    if (jobId === null) {
      early.push(event);
      return;
    }
    if (event.jobId !== jobId) return;
    if (event.type === 'job.progress') onProgress?.({ jobId, step: event.step, done: event.done, total: event.total });
    else settle(finishedResult(event));
  };

  // After a dropped stream the finish may have been missed: ask the backend where the job stands.
  const checkAfterReconnect = async (): Promise<void> => {
    if (jobId === null) return;
    const state = await call('jobs.get', { jobId });
    if (!state.ok) return;
    const { status } = state.value as { status: string };
    if (status === 'cancelled') settle(failure('CANCELLED', 'Cancelled.'));
    // jobs.get carries no result, so a job that ended unseen cannot be reported in detail.
    else if (status !== 'running') settle(failure('OFFLINE', 'The connection was interrupted while the job ran.'));
  };

  // The job's finish (cancelled) is what ends the wait, as for any other cancel.
  const sendCancel = (): void => {
    if (jobId !== null) void call('jobs.cancel', { jobId });
  };

  const stopEvents = transport.onEvent(handle);
  const stopReconnect = transport.onReconnect(() => void checkAfterReconnect());
  signal?.addEventListener('abort', sendCancel);
  try {
    const started = await call(method, input);
    if (!started.ok) return started;
    jobId = (started.value as { jobId: string }).jobId;
    onProgress?.({ jobId, step: 'starting', done: 0, total: null });
    if (signal?.aborted) sendCancel();
    for (const event of early.splice(0)) handle(event);
    return await finished;
  } finally {
    signal?.removeEventListener('abort', sendCancel);
    stopEvents();
    stopReconnect();
  }
}
