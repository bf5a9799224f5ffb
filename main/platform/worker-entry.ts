/**
 * Starts one of our worker threads whether the code runs bundled (out/main/<name>.js, beside this module
 * or one level up from out/main/chunks) or from source through tsx (main/<source>.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

export interface WorkerEntry {
  /** File name of the bundled entry, e.g. `worker.js`. */
  readonly built: string;
  /** Path of the TypeScript source below main/, e.g. `backend/worker.ts`. */
  readonly source: string;
}

export function startWorker(entry: WorkerEntry, workerData: unknown): Worker {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const built of [path.join(here, entry.built), path.join(here, '..', entry.built)]) {
    if (fs.existsSync(built)) return new Worker(built, { workerData });
  }
  // Loader flags in execArgv do not reach workers on Node 20, so tsx registers itself inside the worker.
  const source = pathToFileURL(path.join(here, '..', entry.source)).href;
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}
