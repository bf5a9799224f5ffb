/**
 * Worker-thread entry: previews one file (format, encoding, headers, the first rows) for the backend.
 * Reading an untrusted file is done here, in a worker with a capped heap (preview-isolated.ts), so that a
 * file that takes too much memory to read ends this worker with an error, and the backend keeps serving.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { previewFile } from './formats';
import type { XlsxLimits } from './formats/xlsx-limits';
import type { ReadOptions } from './types';
import { toWorkerError } from './worker-failure';

export interface PreviewWorkerInput {
  readonly file: string;
  readonly options: ReadOptions;
  readonly rows: number;
  readonly limits?: XlsxLimits;
}

const input = workerData as PreviewWorkerInput;
const port = parentPort!;

try {
  port.postMessage({ preview: await previewFile(input.file, input.options, input.rows, input.limits) });
} catch (error) {
  port.postMessage({ error: toWorkerError(error) });
} finally {
  port.close();
}
