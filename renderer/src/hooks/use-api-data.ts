/**
 * Loads one read-only API answer for a screen and reloads it on demand. A late answer from a previous
 * request never overwrites a newer one.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MethodInput, MethodName, MethodReply } from '../../../main/api/contract';
import { api, type ClientError } from '../api/client';

export interface ApiData<T> {
  readonly data: T | null;
  readonly error: ClientError | null;
  readonly loading: boolean;
  readonly reload: () => void;
}

export function useApiData<M extends MethodName>(method: M, input: MethodInput<M>): ApiData<MethodReply<M>> {
  const [data, setData] = useState<MethodReply<M> | null>(null);
  const [error, setError] = useState<ClientError | null>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);
  // Inputs are small literals; compare them by value so callers can pass `{}` inline.
  const inputKey = JSON.stringify(input);

  useEffect(() => {
    const request = ++latest.current;
    void api.call(method, JSON.parse(inputKey) as MethodInput<M>).then((result) => {
      if (request !== latest.current) return;
      setLoading(false);
      if (result.ok) {
        setData(result.value);
        setError(null);
      } else {
        setError(result.error);
      }
    });
  }, [method, inputKey, generation]);

  const reload = useCallback(() => {
    setLoading(true);
    setGeneration((value) => value + 1);
  }, []);

  return { data, error, loading, reload };
}
