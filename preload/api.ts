/**
 * What the page receives as `window.custodia`: one function per contract method, a generic `call`, and
 * `onEvent`. Electron-free (the transport is injected) so it can be tested under Node, and free of
 * runtime imports other than the method list, so the sandboxed preload bundle stays small and zod-free.
 */
import type { BackendEvent, MethodInput, MethodName, MethodReply } from '../main/api/contract';
import type { Result } from '../main/api/errors';
import { METHOD_NAMES } from '../main/api/method-names';

export interface PreloadTransport {
  invoke(method: MethodName, input: unknown): Promise<Result<unknown>>;
  /** Delivers backend events only, never the IPC event object. */
  subscribe(listener: (event: BackendEvent) => void): () => void;
}

export type CustodiaMethods = { readonly [M in MethodName]: (input?: MethodInput<M>) => Promise<Result<MethodReply<M>>> };

export interface CustodiaApi extends CustodiaMethods {
  call(method: string, input?: unknown): Promise<Result<unknown>>;
  onEvent(listener: (event: BackendEvent) => void): () => void;
}

const KNOWN: ReadonlySet<string> = new Set(METHOD_NAMES);

function isKnownMethod(method: unknown): method is MethodName {
  return typeof method === 'string' && KNOWN.has(method);
}

export function createCustodiaApi(transport: PreloadTransport): CustodiaApi {
  const api: Record<string, unknown> = {};
  for (const method of METHOD_NAMES) api[method] = (input?: unknown) => transport.invoke(method, input ?? {});

  // Unknown names are answered here in the same envelope the backend uses, so a typo in the page reads
  // like any other invalid call instead of reaching main.
  api.call = (method: unknown, input?: unknown): Promise<Result<unknown>> =>
    isKnownMethod(method)
      ? transport.invoke(method, input ?? {})
      : Promise.resolve({ ok: false, error: { code: 'INVALID_INPUT', message: `Unknown method ${String(method)}.` } });

  api.onEvent = (listener: unknown): (() => void) => {
    if (typeof listener !== 'function') throw new TypeError('onEvent needs a function.');
    return transport.subscribe((event) => (listener as (event: BackendEvent) => void)(event));
  };

  return Object.freeze(api) as unknown as CustodiaApi;
}
