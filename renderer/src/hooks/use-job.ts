/**
 * A long-running job bound to a component: progress for the bar, cancel for the button, and the
 * outcome. A cancelled job is not an error to the user, so it is reported apart.
 */
import { useCallback, useState } from 'react';
import type { JobMethodName, MethodInput, MethodOutput } from '../../../main/api/contract';
import { api, type ClientError, type JobProgress } from '../api/client';

export type JobOutcome<T> =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running'; readonly progress: JobProgress | null; readonly cancelling: boolean }
  | { readonly kind: 'completed'; readonly value: T }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'failed'; readonly error: ClientError };

export interface Job<M extends JobMethodName> {
  readonly state: JobOutcome<MethodOutput<M>>;
  readonly running: boolean;
  readonly start: (input: MethodInput<M>) => Promise<void>;
  readonly cancel: () => Promise<void>;
  readonly reset: () => void;
}

export function useJob<M extends JobMethodName>(method: M): Job<M> {
  const [state, setState] = useState<JobOutcome<MethodOutput<M>>>({ kind: 'idle' });

  const start = useCallback(
    async (input: MethodInput<M>): Promise<void> => {
      setState({ kind: 'running', progress: null, cancelling: false });
      const result = await api.runJob(method, input, (progress) =>
        setState((previous) => (previous.kind === 'running' ? { ...previous, progress } : previous)),
      );
      if (result.ok) setState({ kind: 'completed', value: result.value });
      else if (result.error.code === 'CANCELLED') setState({ kind: 'cancelled' });
      else setState({ kind: 'failed', error: result.error });
    },
    [method],
  );

  const jobId = state.kind === 'running' ? state.progress?.jobId : undefined;
  const cancel = useCallback(async (): Promise<void> => {
    if (!jobId) return;
    setState((previous) => (previous.kind === 'running' ? { ...previous, cancelling: true } : previous));
    await api.call('jobs.cancel', { jobId });
  }, [jobId]);

  const reset = useCallback(() => setState({ kind: 'idle' }), []);

  return { state, running: state.kind === 'running', start, cancel, reset };
}
