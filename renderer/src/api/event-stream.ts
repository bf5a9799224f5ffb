/**
 * Browser mode's event stream: GET /api/events read with fetch (EventSource cannot send the token),
 * reconnected with exponential backoff whenever it drops, because a missed `vault.locked` or
 * `job.finished` would leave the UI wrong.
 */
import type { BackendEvent } from '../../../main/api/contract';
import { createSseParser } from './sse-parser';

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 10_000;

export interface EventStreamOptions {
  readonly url: string;
  readonly headers: () => Record<string, string>;
  readonly onEvent: (event: BackendEvent) => void;
  readonly onConnected: (isReconnect: boolean) => void;
  readonly onDisconnected: () => void;
  /** The server refused our token: retrying cannot help. */
  readonly onUnauthorized: () => void;
}

export function openEventStream(options: EventStreamOptions): () => void {
  const controller = new AbortController();
  let retryMs = FIRST_RETRY_MS;
  let everConnected = false;

  function handleData(data: string): void {
    try {
      options.onEvent(JSON.parse(data) as BackendEvent);
    } catch {
      // A malformed frame must not break the stream; the next one may be fine.
    }
  }

  async function readOnce(): Promise<'closed' | 'unauthorized'> {
    const response = await fetch(options.url, { headers: options.headers(), signal: controller.signal, cache: 'no-store' });
    if (response.status === 401) return 'unauthorized';
    if (!response.ok || !response.body) return 'closed';
    options.onConnected(everConnected);
    everConnected = true;
    retryMs = FIRST_RETRY_MS;
    // A fresh parser per connection: half a frame from a dropped stream must not prefix the next one.
    const parser = createSseParser(handleData);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return 'closed';
      parser.push(value);
    }
  }

  async function run(): Promise<void> {
    while (!controller.signal.aborted) {
      try {
        if ((await readOnce()) === 'unauthorized') {
          options.onUnauthorized();
          return;
        }
      } catch {
        // network error or abort: handled by the retry below
      }
      if (controller.signal.aborted) return;
      options.onDisconnected();
      await new Promise((resolve) => setTimeout(resolve, retryMs));
      retryMs = Math.min(MAX_RETRY_MS, retryMs * 2);
    }
  }

  void run();
  return () => controller.abort();
}
