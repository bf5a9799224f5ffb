/**
 * Undo benchmark: a fresh vault on the backend worker thread (as the app runs it), one generated CSV of
 * BENCH_UNDO_ROWS customers (default 80,000) imported, then `import.undo` of that run timed. While the
 * undo runs, `profiles.count` is asked every 100 ms, and the longest wait for an answer is reported: it
 * says whether other requests are served during an undo.
 *
 *   node --import tsx bench/undo.ts            BENCH_UNDO_ROWS=20000 for a quick look
 *
 * It runs against older code too (where `import.undo` answered the counts directly instead of being a
 * job), so the same script measures before and after.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { contract } from '../main/api/contract';
import { WorkerBackend } from '../main/backend/worker-client';
import { runJob, unwrap } from '../main/backend/run-job';
import { generateCustomers } from './generator';

const ROWS = Number((process.env.BENCH_UNDO_ROWS ?? '80000').replace(/_/g, ''));
const ADMIN = { adminName: 'Bench Admin', passphrase: 'benchmark passphrase 2026' };
const PING_MS = 100;

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-bench-undo-'));
  const backend = new WorkerBackend(path.join(dir, 'vault'));
  try {
    const csv = path.join(dir, 'customers.csv');
    await generateCustomers({ count: ROWS, seed: 2026, format: 'csv', out: csv });
    unwrap(await backend.call('vault.create', ADMIN));
    const importStart = process.hrtime.bigint();
    const run = unwrap(await runJob(backend, 'import.file', { file: csv, source: 'bench', options: {} }));
    console.log(`import: ${run.inserted} records inserted (${run.rejected} rejected) in ${seconds(importStart).toFixed(1)} s`);

    const plan = unwrap(await backend.call('import.undoPlan', { runId: run.id }));
    let undoing = true;
    let longestWait = 0;
    let answered = 0;
    const pings = (async () => {
      while (undoing) {
        await new Promise((resolve) => setTimeout(resolve, PING_MS));
        if (!undoing) break;
        const start = process.hrtime.bigint();
        unwrap(await backend.call('profiles.count'));
        longestWait = Math.max(longestWait, seconds(start));
        answered += 1;
      }
    })();
    const asJob = 'job' in contract['import.undo'] && contract['import.undo'].job === true;
    const undoStart = process.hrtime.bigint();
    const counts = asJob
      ? unwrap(await runJob(backend, 'import.undo' as never, { runId: run.id }))
      : unwrap(await backend.call('import.undo', { runId: run.id }));
    const undoSeconds = seconds(undoStart);
    undoing = false;
    await pings;
    const { profiles } = unwrap(await backend.call('profiles.count'));
    console.log(`plan: ${JSON.stringify(plan)}`);
    console.log(`undo (${asJob ? 'job' : 'one call'}): ${JSON.stringify(counts)} in ${undoSeconds.toFixed(1)} s; ${profiles} profiles left`);
    console.log(`profiles.count during the undo: ${answered} answered, longest wait ${longestWait.toFixed(2)} s`);
  } finally {
    await backend.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
