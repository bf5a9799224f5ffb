/**
 * Worker-thread entry: reads a file and maps its rows, so parsing and normalization (phone numbers are
 * the costly part) run on one core while the database thread writes on the other. At most a few batches
 * are in flight: the worker waits for the writer's acknowledgements, so memory stays flat on any size.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openReader } from './formats';
import { mapItems } from './mapped-items';
import type { Mapping } from './mapping/fields';
import type { ReadOptions } from './types';

export interface ParseWorkerInput {
  readonly file: string;
  readonly options: ReadOptions;
  readonly mapping: Mapping;
  readonly batchSize: number;
  readonly inFlight: number;
}

const input = workerData as ParseWorkerInput;
const port = parentPort!;
const controller = new AbortController();
let credit = input.inFlight;
let wake: (() => void) | null = null;

port.on('message', (message: 'ack' | 'stop') => {
  if (message === 'stop') controller.abort();
  else credit += 1;
  wake?.();
});

try {
  const reader = await openReader(input.file, input.options);
  for await (const items of reader.batches(controller.signal, input.batchSize)) {
    while (credit === 0 && !controller.signal.aborted) await new Promise<void>((resolve) => (wake = resolve));
    if (controller.signal.aborted) break;
    credit -= 1;
    port.postMessage({ batch: mapItems(items, input.mapping) });
  }
  port.postMessage({ done: true });
} catch (error) {
  const { code, message, params } = error as { code?: string; message?: string; params?: unknown };
  port.postMessage({ error: { code: code ?? 'INTERNAL', message: message ?? String(error), params } });
} finally {
  port.close();
}
