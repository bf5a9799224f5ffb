/** Worker-thread entry: verifies one range of the audit chain on a read-only connection of its own. */
import Database from 'better-sqlite3-multiple-ciphers';
import { parentPort, workerData } from 'node:worker_threads';
import { applyKey } from '../store/connection';
import { verifyRange } from './verify-range';

export interface VerifyWorkerInput {
  readonly dbFile: string;
  readonly key: Uint8Array;
  readonly from: number;
  readonly to: number;
  readonly watchSeq?: number;
}

const input = workerData as VerifyWorkerInput;
const port = parentPort!;
const db = new Database(input.dbFile, { readonly: true, fileMustExist: true });
try {
  applyKey(db, Buffer.from(input.key));
  const result = await verifyRange(db, input.from, input.to, { watchSeq: input.watchSeq, onPage: (checked) => port.postMessage({ checked }) });
  port.postMessage({ result });
} catch (error) {
  port.postMessage({ error: error instanceof Error ? error.message : String(error) });
} finally {
  db.close();
}
