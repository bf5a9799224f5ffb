/**
 * The database thread's side of the parse workers: one async iterable of prepared batches, in file
 * order, taken in turn from each worker (see parse-worker.ts for how they share the file).
 */
import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../api/errors';
import { startWorker } from '../platform/worker-entry';
import type { Mapping } from './mapping/fields';
import type { ParseWorkerInput } from './parse-worker';
import type { ReadOptions } from './types';
import type { WriteItem } from './write-items';

type Message = { batch: WriteItem[] } | { done: true } | { error: { code: string; message: string; params?: Record<string, string | number> } };

/** Batches each worker may have ready ahead of the writer. */
const IN_FLIGHT = 2;

/**
 * Two workers keep a two-core machine busy: while one prepares, the other's batch is being written.
 * A workbook is read whole by its library, so it gets one.
 */
export function parseWorkerCount(options: ReadOptions, file: string): number {
  const xlsx = options.format === 'xlsx' || (options.format === undefined && /\.xlsx$/i.test(file));
  return xlsx ? 1 : Math.max(1, Math.min(2, os.availableParallelism()));
}

class ParseWorker {
  readonly queue: Message[] = [];
  exited: Error | null = null;
  private wake: (() => void) | null = null;

  constructor(readonly worker: Worker) {
    worker.on('message', (message: Message) => {
      this.queue.push(message);
      this.wake?.();
    });
    worker.on('error', (error) => {
      this.exited = error;
      this.wake?.();
    });
    worker.on('exit', () => {
      this.exited ??= new Error('The file reader stopped unexpectedly.');
      this.wake?.();
    });
  }

  async next(signal: AbortSignal): Promise<Message> {
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
  count = parseWorkerCount(options, file),
): AsyncGenerator<WriteItem[]> {
  const workers = Array.from({ length: count }, (_, share) => {
    const input: ParseWorkerInput = { file, options, mapping, batchSize, inFlight: IN_FLIGHT, share, of: count };
    return new ParseWorker(startWorker({ built: 'parse.js', source: 'ingest/parse-worker.ts' }, input));
  });
  const onAbort = (): void => {
    for (const parser of workers) {
      parser.worker.postMessage('stop');
      parser.interrupt();
    }
  };
  signal.addEventListener('abort', onAbort);
  try {
    for (let turn = 0; ; turn = (turn + 1) % count) {
      const parser = workers[turn]!;
      const message = await parser.next(signal);
      if ('done' in message) return;
      if ('error' in message) throw new AppError(message.error.code as ErrorCode, message.error.message, message.error.params);
      parser.worker.postMessage('ack');
      yield message.batch;
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    await Promise.all(workers.map((parser) => parser.worker.terminate()));
  }
}
