/**
 * Starts one of our worker threads whether the code runs bundled (out/main/<name>.js, beside this module
 * or one level up from out/main/chunks) or from source through tsx (main/<source>.ts).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

export interface WorkerEntry {
  /** File name of the bundled entry, e.g. `worker.js`. */
  readonly built: string;
  /** Path of the TypeScript source below main/, e.g. `backend/worker.ts`. */
  readonly source: string;
}

export function startWorker(entry: WorkerEntry, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const built of [path.join(here, entry.built), path.join(here, '..', entry.built)]) {
    if (fs.existsSync(built)) return new Worker(built, { workerData, ...(resourceLimits ? { resourceLimits } : {}) });
  }
  // Loader flags in execArgv do not reach workers on Node 20, so tsx registers itself inside the worker.
  // tsx is resolved here, from the project, not by the worker: its lookup would start in the current folder.
  const tsx = pathToFileURL(tsxEsmApi()).href;
  const source = pathToFileURL(path.join(here, '..', entry.source)).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(bootstrap, { eval: true, workerData, ...(resourceLimits ? { resourceLimits } : {}) });
}

/** The ESM entry of tsx's register API, read from its package exports (require.resolve would give the CommonJS one). */
function tsxEsmApi(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const exports = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports;
  return path.join(path.dirname(manifest), exports['./esm/api']!.import.default);
}
