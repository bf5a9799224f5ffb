import type { BackendEvent, JobMethodName, MethodOutput } from '../api/contract';
import { AppError, type ErrorCode, type Result } from '../core/errors';
import type { BackendClient } from './client';

export type ProgressListener = (progress: { step: string; done: number; total: number | null }) => void;

/**
 * Starts a job method and resolves with its result. Events are collected from before the call, so a
 * job that finishes before its id arrives is not missed.
 */
export async function runJob<M extends JobMethodName>(
  client: BackendClient,
  method: M,
  input: unknown,
  onProgress?: ProgressListener,
): Promise<Result<MethodOutput<M>>> {
  const early: BackendEvent[] = [];
  let jobId: string | null = null;
  let settle: ((result: Result<MethodOutput<M>>) => void) | null = null;
  const handle = (event: BackendEvent): void => {
    if (event.type === 'vault.locked' || event.type === 'vault.damaged') return;
    if (jobId === null) {
      early.push(event);
      return;
    }
    if (event.jobId !== jobId) return;
    if (event.type === 'job.progress') onProgress?.(event);
    else if (event.status === 'completed') settle?.({ ok: true, value: event.value as MethodOutput<M> });
    else
      settle?.({
        ok: false,
        error: {
          code: (event.error?.code ?? 'INTERNAL') as ErrorCode,
          message: event.error?.message ?? event.status,
          ...(event.error?.params ? { params: event.error.params } : {}),
        },
      });
  };
  const unsubscribe = client.onEvent(handle);
  try {
    const started = await client.call(method, input);
    if (!started.ok) return started;
    const finished = new Promise<Result<MethodOutput<M>>>((resolve) => {
      settle = resolve;
    });
    jobId = (started.value as { jobId: string }).jobId;
    for (const event of early.splice(0)) handle(event);
    return await finished;
  } finally {
    unsubscribe();
  }
}

export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.params);
  return result.value;
}
