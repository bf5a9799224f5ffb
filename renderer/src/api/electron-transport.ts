/** Electron: the preload script exposes the backend as `window.custodia`; IPC delivers every event. */
import type { BackendEvent } from '../../../main/api/contract';
import type { Result } from '../../../main/api/errors';
import type { Transport } from './transport';

export interface PreloadBridge {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: (event: BackendEvent) => void): () => void;
}

declare global {
  interface Window {
    readonly custodia?: PreloadBridge;
  }
}

export function electronTransport(bridge: PreloadBridge): Transport {
  return {
    call: (method, input) => bridge.call(method, input),
    onEvent: (listener) => bridge.onEvent(listener),
    // IPC is connected as soon as the preload ran, and it never drops.
    eventsReady: () => Promise.resolve(),
    onReconnect: () => () => undefined,
  };
}
