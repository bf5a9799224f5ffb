/**
 * Worker-thread entry: reads a file and prepares its rows for writing, so parsing and normalization
 * (phone numbers are the costly part) run beside the database thread. Several workers share one file:
 * each reads all of it (reading is cheap next to normalizing) and prepares every n-th batch, so batch
 * boundaries and line numbers are the same in all of them and the writer takes batches in turn. At most
 * a few batches are in flight: a worker waits for the writer's acknowledgements, so memory stays flat on
 * any size.
 */
import { serialize } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { openReader } from './formats';
import type { Mapping } from './mapping/fields';
import type { ReadOptions } from './types';
import { KnownRows } from './known-rows';
import { prepareItems } from './write-items';
import { toWorkerError } from './worker-failure';

export interface ParseWorkerInput {
  readonly file: string;
  readonly options: ReadOptions;
  readonly mapping: Mapping;
  readonly batchSize: number;
  readonly inFlight: number;
  /** This worker prepares batches number `share`, `share + of`, `share + 2 × of`… (0-based). */
  readonly share: number;
  readonly of: number;
  /** Fingerprints of the rows the source's records came from (see known-rows.ts). */
  readonly known: SharedArrayBuffer | null;
}

const input = workerData as ParseWorkerInput;
const known = input.known === null ? null : KnownRows.from(input.known);
const port = parentPort!;
const controller = new AbortController();
let credit = input.inFlight;
let wake: (() => void) | null = null;

/** Chunks to send unprepared: the writer ran out of work and prepares them itself (see parsed-batches.ts). */
let forWriter = 0;

port.on('message', (message: 'ack' | 'stop' | 'idle') => {
  if (message === 'stop') controller.abort();
  else if (message === 'idle') forWriter = 1;
  else credit += 1;
  wake?.();
});

function send(key: 'batch' | 'items', value: readonly unknown[]): void {
  // Sent as bytes, not as a cloned object: the writer turns them into objects only when it writes
  // them, so batches waiting in its queue are not objects its garbage collector keeps promoting.
  const bytes = serialize(value);
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  const buffer = whole ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  port.postMessage({ [key]: buffer, size: value.length }, [buffer]);
}

try {
  const reader = await openReader(input.file, input.options);
  let batchNumber = 0;
  for await (const items of reader.batches(controller.signal, input.batchSize)) {
    const mine = batchNumber % input.of === input.share;
    batchNumber += 1;
    if (!mine) continue;
    while (credit === 0 && !controller.signal.aborted) await new Promise<void>((resolve) => (wake = resolve));
    if (controller.signal.aborted) break;
    credit -= 1;
    if (forWriter > 0) {
      forWriter -= 1;
      send('items', items);
    } else send('batch', prepareItems(items, input.mapping, known));
  }
  port.postMessage({ done: true });
} catch (error) {
  port.postMessage({ error: toWorkerError(error) });
} finally {
  port.close();
}
