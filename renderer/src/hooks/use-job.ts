/**
 * A long-running job bound to a component: progress for the bar, cancel for the button, and the
 * outcome. A cancelled job is not an error to the user, so it is reported apart.
 */
import { useCallback, useRef, useState } from 'react';
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
  // Cancel works from the moment the job is asked for, before its id (and any progress) comes back.
  const controller = useRef<AbortController | null>(null);

  const start = useCallback(
    async (input: MethodInput<M>): Promise<void> => {
      const run = new AbortController();
      controller.current = run;
      setState({ kind: 'running', progress: null, cancelling: false });
      const result = await api.runJob(
        method,
        input,
        (progress) => setState((previous) => (previous.kind === 'running' ? { ...previous, progress } : previous)),
        run.signal,
      );
      if (controller.current === run) controller.current = null;
      if (result.ok) setState({ kind: 'completed', value: result.value });
      else if (result.error.code === 'CANCELLED') setState({ kind: 'cancelled' });
      else setState({ kind: 'failed', error: result.error });
    },
    [method],
  );

  const cancel = useCallback((): Promise<void> => {
    const run = controller.current;
    if (!run || run.signal.aborted) return Promise.resolve();
    setState((previous) => (previous.kind === 'running' ? { ...previous, cancelling: true } : previous));
    run.abort();
    return Promise.resolve();
  }, []);

  const reset = useCallback(() => setState({ kind: 'idle' }), []);

  return { state, running: state.kind === 'running', start, cancel, reset };
}
