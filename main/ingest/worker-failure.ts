/**
 * How a failure crosses from a reading worker (parse-worker.ts, preview-worker.ts) to the backend, and
 * what a worker that died says. Untrusted files are read in workers with a capped heap precisely so that
 * running out of memory ends that one reading, as an error for its call or run, not the process.
 */
import type { ResourceLimits } from 'node:worker_threads';
import { AppError, ERROR_CODES, type ErrorCode } from '../core/errors';

export type WorkerError = { code?: string; message: string; params?: Record<string, string | number>; stack?: string };

/** What a worker posts when its reading throws: plain data, as errors do not survive postMessage whole. */
export function toWorkerError(error: unknown): WorkerError {
  const { code, message, params, stack } = error as { code?: string; message?: string; params?: Record<string, string | number>; stack?: string };
  return { code, message: message ?? String(error), params, stack };
}

/**
 * One of ours (an unreadable file, a cancelled run) stays an AppError. Anything else, a bug or the
 * system's own error, is rebuilt as a plain error with the worker's stack and code: the backend then
 * logs it to custodia.log as it does any unexpected error, and maps an errno (a file removed mid-import)
 * to IO_ERROR rather than passing `ENOENT` on as if it were an API code.
 */
export function workerFailure(error: WorkerError): Error {
  if (error.code !== undefined && (ERROR_CODES as readonly string[]).includes(error.code)) {
    return new AppError(error.code as ErrorCode, error.message, error.params);
  }
  return Object.assign(new Error(error.message), { code: error.code, stack: error.stack ?? error.message });
}

/** Node's word for a worker stopped at its `resourceLimits`. */
const OUT_OF_MEMORY = 'ERR_WORKER_OUT_OF_MEMORY';

/** The `error` event of a reading worker, as the error its caller sees. */
export function workerCrash(error: Error, limits: ResourceLimits): Error {
  if ((error as { code?: string }).code !== OUT_OF_MEMORY) return error;
  const max = limits.maxOldGenerationSizeMb ?? 0;
  return new AppError('FILE_TOO_LARGE', `Reading this file needed more than the ${max} MB of memory Custodia gives the reading of one file.`, {
    reason: 'memory',
    max,
  });
}
