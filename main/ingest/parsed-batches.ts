/**
 * The database thread's side of the parse workers: one async iterable of prepared batches, in file
 * order, taken in turn from each worker (see parse-worker.ts for how they share the file).
 */
import os from 'node:os';
import { deserialize } from 'node:v8';
import type { ResourceLimits, Worker } from 'node:worker_threads';
import { AppError } from '../core/errors';
import { startWorker } from '../platform/worker-entry';
import type { Mapping } from './mapping/fields';
import type { ParseWorkerInput } from './parse-worker';
import type { ReadItem, ReadOptions } from './types';
import type { KnownRows } from './known-rows';
import { prepareItems, type WriteItem } from './write-items';
import { workerCrash, workerFailure, type WorkerError } from './worker-failure';
import { parseWorkerHeap } from './worker-limits';

export { workerFailure } from './worker-failure';

/**
 * `batch`: prepared items; `items`: read items the writer prepares itself. Both as v8.serialize bytes,
 * with the number of rows they hold.
 */
type Chunk = ({ batch: ArrayBuffer } | { items: ArrayBuffer }) & { size: number };
type Message = Chunk | { done: true } | { error: WorkerError };

/**
 * What the writer gets: its chunks become objects one at a time, as it walks them. Turned into objects
 * all at once, a batch outlived several young-generation collections and was promoted whole, and the
 * old generation's collectors took a quarter of both cores.
 */
export interface PreparedBatch {
  readonly size: number;
  readonly items: Iterable<WriteItem>;
}

/** Batches each worker may have ready ahead of the writer. */
const IN_FLIGHT = 2;
const PARSE_CHUNK = 1_000;
/** With this many chunks or fewer left in its queue, the writer is about to wait (see ParseWorker.next). */
const WRITER_LOW_WATER = 1;

function itemsOf(chunk: Chunk, mapping: Mapping, known: KnownRows | null): WriteItem[] {
  return 'batch' in chunk
    ? (deserialize(Buffer.from(chunk.batch)) as WriteItem[])
    : prepareItems(deserialize(Buffer.from(chunk.items)) as ReadItem[], mapping, known);
}

function joined(chunks: readonly Chunk[], mapping: Mapping, known: KnownRows | null): PreparedBatch {
  return {
    size: chunks.reduce((sum, chunk) => sum + chunk.size, 0),
    items: {
      *[Symbol.iterator]() {
        for (const chunk of chunks) yield* itemsOf(chunk, mapping, known);
      },
    },
  };
}

/**
 * The writer needs a core of its own, and the garbage collectors' helper threads most of another: on
 * two cores a second parse worker only takes CPU from the writer (measured: 1 M rows 58 s with one,
 * 61 s with two). Bigger machines get a second one. A workbook is read whole by its library: one.
 */
export function parseWorkerCount(options: ReadOptions, file: string): number {
  return isWorkbook(options, file) ? 1 : Math.max(1, Math.min(2, os.availableParallelism() - 2));
}

/** By its name or the format chosen: the workers start before anything reads the file. */
function isWorkbook(options: ReadOptions, file: string): boolean {
  return options.format === 'xlsx' || (options.format === undefined && /\.xlsx$/i.test(file));
}

class ParseWorker {
  readonly queue: Message[] = [];
  exited: Error | null = null;
  private wake: (() => void) | null = null;

  constructor(
    readonly worker: Worker,
    limits: ResourceLimits,
  ) {
    worker.on('message', (message: Message) => {
      this.queue.push(message);
      this.wake?.();
    });
    worker.on('error', (error) => {
      this.exited = workerCrash(error, limits);
      this.wake?.();
    });
    worker.on('exit', () => {
      this.exited ??= new Error('The file reader stopped unexpectedly.');
      this.wake?.();
    });
  }

  async next(signal: AbortSignal): Promise<Message> {
    // The writer is about to wait: rather than sit idle, it prepares the worker's next chunk itself while
    // the worker goes on with the one after. On two cores this uses the time the writer's core lost
    // waiting (16 % of it at 200 k rows); the writer asks again each time it runs short.
    if (this.queue.length <= WRITER_LOW_WATER && !this.exited) this.worker.postMessage('idle');
    while (this.queue.length === 0) {
      if (signal.aborted) throw new AppError('CANCELLED', 'Cancelled.');
      if (this.exited) throw this.exited;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
    return this.queue.shift()!;
  }

  interrupt(): void {
    this.wake?.();
  }
}

export async function* parsedBatches(
  file: string,
  options: ReadOptions,
  mapping: Mapping,
  batchSize: number,
  signal: AbortSignal,
  known: KnownRows | null = null,
  count = parseWorkerCount(options, file),
  /** Tests only: a smaller heap than parseWorkerHeap's. */
  resourceLimits?: ResourceLimits,
): AsyncGenerator<PreparedBatch> {
  // Workers prepare small chunks, so little of what they allocate lives long enough to be promoted (a
  // 5 000-row batch kept garbage collectors busy on both cores); the writer joins them into batches.
  const chunk = Math.min(PARSE_CHUNK, batchSize);
  const group = Math.ceil(batchSize / chunk);
  const heap = resourceLimits ?? parseWorkerHeap(isWorkbook(options, file));
  const workers = Array.from({ length: count }, (_, share) => {
    const input: ParseWorkerInput = { file, options, mapping, batchSize: chunk, inFlight: IN_FLIGHT * group, share, of: count, known: known?.buffer ?? null };
    return new ParseWorker(startWorker({ built: 'parse.js', source: 'ingest/parse-worker.ts' }, input, heap), heap);
  });
  const onAbort = (): void => {
    for (const parser of workers) {
      parser.worker.postMessage('stop');
      parser.interrupt();
    }
  };
  signal.addEventListener('abort', onAbort);
  try {
    let pending: Chunk[] = [];
    for (let turn = 0; ; turn = (turn + 1) % count) {
      const parser = workers[turn]!;
      const message = await parser.next(signal);
      if ('error' in message) {
        // What was read before the problem is written first: the run then ends with the reason.
        if (pending.length > 0) yield joined(pending, mapping, known);
        throw workerFailure(message.error);
      }
      if ('done' in message) break;
      parser.worker.postMessage('ack');
      pending.push(message);
      if (pending.length === group) {
        yield joined(pending, mapping, known);
        pending = [];
      }
    }
    if (pending.length > 0) yield joined(pending, mapping, known);
  } finally {
    signal.removeEventListener('abort', onAbort);
    await Promise.all(workers.map((parser) => parser.worker.terminate()));
  }
}
