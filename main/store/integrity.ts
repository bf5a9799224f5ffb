/**
 * The background page check. SQLite reads only the pages a query needs, so a damaged page in the middle
 * of vault.db can go unnoticed while imports keep writing to the file: after each unlock, and before each
 * bulk write, every page's HMAC is checked in a worker thread.
 */
import { startWorker } from '../platform/worker-entry';
import type { IntegrityWorkerInput } from './integrity-worker';

export interface PageCheck {
  /** The pages that failed their check (empty when the file is intact). */
  readonly result: Promise<string[]>;
  /** Ends the check early (the vault is locking); resolves once the worker and its connection are gone. */
  stop(): Promise<void>;
}

export function checkPagesInBackground(dbFile: string, key: Buffer): PageCheck {
  let worker!: ReturnType<typeof startWorker>;
  const result = new Promise<string[]>((resolve, reject) => {
    worker = startWorker({ built: 'integrity.js', source: 'store/integrity-worker.ts' }, { dbFile, key } satisfies IntegrityWorkerInput);
    let settled = false;
    worker.on('message', (message: { problems?: string[]; error?: string }) => {
      settled = true;
      if (message.problems) resolve(message.problems);
      else reject(new Error(message.error ?? 'The integrity check failed.'));
      void worker.terminate();
    });
    worker.on('error', (error) => {
      if (!settled) reject(error);
      settled = true;
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`The integrity check stopped (exit code ${code}).`));
      settled = true;
    });
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    result,
    stop: async () => {
      await worker.terminate();
      await exited;
    },
  };
}
