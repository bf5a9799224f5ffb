/**
 * One user action against the API: busy while it runs (buttons disable themselves), the error kept for
 * a translated alert. Returning the result lets the caller continue on success.
 */
import { useCallback, useState } from 'react';
import type { MethodInput, MethodName, MethodReply } from '../../../main/api/contract';
import { api, type ClientError, type ClientResult } from '../api/client';

export interface Action<A extends unknown[], T> {
  readonly run: (...args: A) => Promise<ClientResult<T>>;
  readonly busy: boolean;
  readonly error: ClientError | null;
  readonly clearError: () => void;
}

export function useAction<A extends unknown[], T>(perform: (...args: A) => Promise<ClientResult<T>>): Action<A, T> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ClientError | null>(null);
  const run = useCallback(
    async (...args: A): Promise<ClientResult<T>> => {
      setBusy(true);
      setError(null);
      try {
        const result = await perform(...args);
        if (!result.ok) setError(result.error);
        return result;
      } finally {
        setBusy(false);
      }
    },
    [perform],
  );
  const clearError = useCallback(() => setError(null), []);
  return { run, busy, error, clearError };
}

/** The common case: one API method, called with its input. */
export function useApiAction<M extends MethodName>(method: M): Action<[MethodInput<M>], MethodReply<M>> {
  const perform = useCallback((input: MethodInput<M>) => api.call(method, input), [method]);
  return useAction(perform);
}
