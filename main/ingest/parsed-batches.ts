/** The database thread's side of the parse worker: an async iterable of mapped batches. */
import type { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../api/errors';
import { startWorker } from '../platform/worker-entry';
import type { MappedItem } from './mapped-items';
import type { Mapping } from './mapping/fields';
import type { ParseWorkerInput } from './parse-worker';
import type { ReadOptions } from './types';

type Message = { batch: MappedItem[] } | { done: true } | { error: { code: string; message: string; params?: Record<string, string | number> } };

export async function* parsedBatches(file: string, options: ReadOptions, mapping: Mapping, batchSize: number, signal: AbortSignal): AsyncGenerator<MappedItem[]> {
  const input: ParseWorkerInput = { file, options, mapping, batchSize, inFlight: 4 };
  const worker: Worker = startWorker({ built: 'parse.js', source: 'ingest/parse-worker.ts' }, input);
  const queue: Message[] = [];
  let wake: (() => void) | null = null;
  let exited: Error | null = null;
  worker.on('message', (message: Message) => {
    queue.push(message);
    wake?.();
  });
  worker.on('error', (error) => {
    exited = error;
    wake?.();
  });
  worker.on('exit', () => {
    exited ??= new Error('The file reader stopped unexpectedly.');
    wake?.();
  });
  const onAbort = (): void => worker.postMessage('stop');
  signal.addEventListener('abort', onAbort);
  try {
    for (;;) {
      while (queue.length === 0) {
        if (signal.aborted) throw new AppError('CANCELLED', 'Cancelled.');
        if (exited && queue.length === 0) throw exited;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
      }
      const message = queue.shift()!;
      if ('done' in message) return;
      if ('error' in message) throw new AppError(message.error.code as ErrorCode, message.error.message, message.error.params);
      worker.postMessage('ack');
      yield message.batch;
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    await worker.terminate();
  }
}
