/**
 * Worker-thread entry: reads every page of vault.db (checking its HMAC) on a read-only connection of its own,
 * so a check of a large vault never holds up the thread that answers the user.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { parentPort, workerData } from 'node:worker_threads';
import { applyKey } from './connection';
import { pageProblems } from './integrity-problems';

export interface IntegrityWorkerInput {
  readonly dbFile: string;
  readonly key: Uint8Array;
}

const input = workerData as IntegrityWorkerInput;
const port = parentPort!;
try {
  const db = new Database(input.dbFile, { readonly: true, fileMustExist: true });
  try {
    applyKey(db, Buffer.from(input.key));
    port.postMessage({ problems: pageProblems(db) });
  } finally {
    db.close();
  }
} catch (error) {
  port.postMessage({ error: error instanceof Error ? error.message : String(error) });
}
