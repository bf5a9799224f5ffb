/**
 * Browser mode: the API on the same loopback origin as the page, authenticated by the launch token.
 * Every failure becomes a ClientResult so callers handle one shape, never exceptions.
 */
import type { BackendEvent } from '../../../main/api/contract';
import { openEventStream } from './event-stream';
import { discardUpload, uploadFile } from './file-source';
import { failure, type ClientResult, type EventListener, type Transport } from './transport';

export function httpTransport(token: string): Transport {
  const headers = (): Record<string, string> => ({ Authorization: `Bearer ${token}` });
  const listeners = new Set<EventListener>();
  const reconnectListeners = new Set<() => void>();
  let connected = false;
  let waiting: Array<() => void> = [];

  const emit = (event: BackendEvent): void => {
    for (const listener of [...listeners]) listener(event);
  };

  openEventStream({
    url: '/api/events',
    headers,
    onEvent: emit,
    onConnected: (isReconnect) => {
      connected = true;
      for (const resolve of waiting) resolve();
      waiting = [];
      if (isReconnect) for (const listener of [...reconnectListeners]) listener();
    },
    onDisconnected: () => {
      connected = false;
    },
    onUnauthorized: () => {
      connected = false;
    },
  });

  return {
    async call(method, input): Promise<ClientResult<unknown>> {
      let response: Response;
      try {
        response = await fetch('/api/call', {
          method: 'POST',
          headers: { ...headers(), 'Content-Type': 'application/json' },
          body: JSON.stringify({ method, input }),
          cache: 'no-store',
        });
      } catch {
        return failure('OFFLINE', 'Custodia is not reachable.');
      }
      if (response.status === 401 || response.status === 403) return failure('UNAUTHORIZED', 'The server refused this page’s token.');
      try {
        const body = (await response.json()) as ClientResult<unknown>;
        if (typeof body === 'object' && body !== null && 'ok' in body) return body;
      } catch {
        // fall through: not a Result
      }
      return failure('INTERNAL', `Unexpected answer from the server (HTTP ${response.status}).`);
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    eventsReady() {
      if (connected) return Promise.resolve();
      return new Promise((resolve) => waiting.push(resolve));
    },
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    stageFile: (file) => uploadFile(token, file),
    discardFile: (staged) => discardUpload(token, staged),
  };
}
