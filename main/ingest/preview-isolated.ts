/**
 * The backend's previewFile: the same answer as formats/previewFile, read in a worker thread of its own
 * (preview-worker.ts) with a capped heap. A preview reads a file nobody has checked yet, and a workbook is
 * unpacked whole to show its first rows: were that done on the backend's thread, a file that exhausts
 * memory would end the backend, and in browser mode the whole server with it.
 */
import type { ResourceLimits } from 'node:worker_threads';
import { startWorker } from '../platform/worker-entry';
import type { XlsxLimits } from './formats/xlsx-limits';
import type { PreviewWorkerInput } from './preview-worker';
import type { FilePreview, ReadOptions } from './types';
import { workerCrash, workerFailure, type WorkerError } from './worker-failure';
import { PREVIEW_WORKER_HEAP } from './worker-limits';

export interface IsolatedPreviewOptions {
  /** Tests only: smaller limits than the defaults. */
  readonly limits?: XlsxLimits;
  readonly resourceLimits?: ResourceLimits;
}

type Message = { preview: FilePreview } | { error: WorkerError };

export async function previewFile(file: string, options: ReadOptions = {}, rows = 20, isolation: IsolatedPreviewOptions = {}): Promise<FilePreview> {
  const resourceLimits = isolation.resourceLimits ?? PREVIEW_WORKER_HEAP;
  const input: PreviewWorkerInput = { file, options, rows, ...(isolation.limits ? { limits: isolation.limits } : {}) };
  const worker = startWorker({ built: 'preview.js', source: 'ingest/preview-worker.ts' }, input, resourceLimits);
  try {
    return await new Promise<FilePreview>((resolve, reject) => {
      worker.once('message', (message: Message) => ('preview' in message ? resolve(message.preview) : reject(workerFailure(message.error))));
      worker.once('error', (error) => reject(workerCrash(error, resourceLimits)));
      // Only reached without an answer: an answer settles the promise first, and a later exit changes nothing.
      worker.once('exit', () => reject(new Error('The file reader stopped unexpectedly.')));
    });
  } finally {
    await worker.terminate();
  }
}
