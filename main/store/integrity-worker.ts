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
let answer: { problems: string[] } | { error: string };
try {
  const db = new Database(input.dbFile, { readonly: true, fileMustExist: true });
  try {
    applyKey(db, Buffer.from(input.key));
    answer = { problems: pageProblems(db) };
  } finally {
    // Closed before answering: the vault may lock right after, and its connection must be the last one
    // open for SQLite to fold the WAL back into vault.db.
    db.close();
  }
} catch (error) {
  answer = { error: error instanceof Error ? error.message : String(error) };
}
port.postMessage(answer);
