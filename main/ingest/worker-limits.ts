/**
 * The heaps of the workers that read untrusted files. A cap is not a reservation: it is where V8 stops
 * that worker (ERR_WORKER_OUT_OF_MEMORY, a FILE_TOO_LARGE error for its call or run) instead of the
 * whole process dying with a fatal out-of-memory error.
 *
 * Only a backstop: Node stops a worker at its cap by granting it 16 MB more to unwind, so a single
 * allocation larger than that at the cap (a whole sheet turned into one string) still aborts the
 * process (nodejs/node#47224; seen here with a 32 MB cap and a 26 MB sheet). The byte and cell limits
 * of formats/xlsx-limits.ts, checked before the library allocates anything, are the real defence.
 */
import type { ResourceLimits } from 'node:worker_threads';

/**
 * A worker reading text holds a few chunks and its caches (about 60 MB live); left to itself V8 let each
 * heap grow to 300 MB before collecting, which on a 1 M-row import was most of the process's memory.
 */
export const TEXT_PARSE_HEAP: ResourceLimits = { maxOldGenerationSizeMb: 112, maxYoungGenerationSizeMb: 16 };

/**
 * read-excel-file holds a whole workbook, as strings and then as rows: about 2.4 KB of heap a row of 12
 * columns once read (240 MB for 100,000 rows); the text workers' 112 MB read 30,000 such rows and ran
 * out at 100,000. Measured on a 1,048,576-row, 12-column workbook (within xlsx-limits.ts): the process grew past
 * 4.5 GB before the library itself gave up (a RangeError, call stack exceeded). 4 GB is V8's own default
 * on a 64-bit machine: a workbook that read before still reads, and what the limits of xlsx-limits.ts did
 * not foresee stops this worker there, not the process.
 */
export const WORKBOOK_HEAP: ResourceLimits = { maxOldGenerationSizeMb: 4096, maxYoungGenerationSizeMb: 32 };

/** A preview of a workbook unpacks all of it, so it gets the workbook's heap whatever the file turns out to be. */
export const PREVIEW_WORKER_HEAP: ResourceLimits = WORKBOOK_HEAP;

export function parseWorkerHeap(workbook: boolean): ResourceLimits {
  return workbook ? WORKBOOK_HEAP : TEXT_PARSE_HEAP;
}
