/**
 * Verification recomputes the whole chain from the vault's genesis hash and names the first entry that
 * does not hold. A chain alone cannot reveal a cut-off tail or a chain rebuilt from scratch by someone
 * with the key, so a checkpoint taken earlier (kept outside the vault) is checked too: today's chain must
 * still carry that head at that position.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import os from 'node:os';
import type { Checkpoint, VerifyReport } from './contract';
import { startWorker } from '../platform/worker-entry';
import { genesisHash } from './chain';
import { verifyCheckpointSignature } from './checkpoint';
import { verifyRange, type RangeResult } from './verify-range';
import type { VerifyWorkerInput } from './verify-worker';

/** Below this many entries one thread is quicker than starting workers. */
const PARALLEL_FROM = 100_000;

export interface ChainSource {
  readonly raw: Database.Database;
  readonly dbFile: string;
  readonly key: Buffer;
  readonly vaultId: string;
}

export interface VerifyOptions {
  readonly checkpoint?: Checkpoint;
  readonly knownSigningKeys?: ReadonlySet<string>;
  /** Called after each page; may throw (a cancelled job) to stop the verification. */
  readonly onProgress?: (done: number, total: number) => Promise<void> | void;
  readonly threads?: number;
  /** Entry count from which the work is split across threads (tests lower it). */
  readonly parallelFrom?: number;
}

export async function verifyChain(source: ChainSource, options: VerifyOptions = {}): Promise<VerifyReport> {
  const head = source.raw.prepare('SELECT coalesce(max(seq), 0) AS seq, count(*) AS n FROM audit_log').get() as { seq: number; n: number };
  const threads = head.n >= (options.parallelFrom ?? PARALLEL_FROM) ? Math.max(1, Math.min(options.threads ?? os.availableParallelism(), 4)) : 1;
  const bounds = Array.from({ length: threads + 1 }, (_, index) => Math.round((head.seq * index) / threads));
  const watchSeq = options.checkpoint?.seq;
  const progress = (done: number): Promise<void> | void => options.onProgress?.(done, head.n);

  const ranges =
    threads === 1 ? [await verifyRange(source.raw, 0, head.seq, { watchSeq, onPage: progress })] : await verifyInParallel(source, bounds, watchSeq, progress);

  // Join the ranges: each must start from the hash the previous one ended on.
  let running = genesisHash(source.vaultId);
  let checked = 0;
  let firstBroken: VerifyReport['firstBroken'] = null;
  let hashAtCheckpoint: string | null = null;
  for (const [index, range] of ranges.entries()) {
    if (range.firstPrev !== null && range.firstPrev !== running) {
      firstBroken = { seq: bounds[index]! + 1, reason: 'link-mismatch' };
      break;
    }
    checked += range.checked;
    hashAtCheckpoint ??= range.hashAtWatch;
    if (range.firstBroken) {
      firstBroken = range.firstBroken;
      break;
    }
    running = range.lastHash ?? running;
  }
  if (!firstBroken && checked !== head.n) firstBroken = { seq: checked + 1, reason: 'sequence-gap' };

  return {
    intact: firstBroken === null,
    entries: head.n,
    headSeq: head.seq,
    headHash: running,
    firstBroken,
    checkpoint: options.checkpoint
      ? judgeCheckpoint(source.vaultId, options.checkpoint, head.seq, hashAtCheckpoint, firstBroken, options.knownSigningKeys)
      : null,
  };
}

/**
 * The first range is checked on this thread, on the connection whose page cache is already warm, while
 * worker threads (one per other range) start up and check theirs.
 */
async function verifyInParallel(
  source: ChainSource,
  bounds: number[],
  watchSeq: number | undefined,
  progress: (done: number) => Promise<void> | void,
): Promise<RangeResult[]> {
  const done = new Array<number>(bounds.length - 1).fill(0);
  const report = (): Promise<void> | void => progress(done.reduce((sum, value) => sum + value, 0));
  const workers = bounds.slice(2).map((to, index) =>
    startWorker({ built: 'audit-verify.js', source: 'audit/verify-worker.ts' }, {
      dbFile: source.dbFile,
      key: source.key,
      from: bounds[index + 1]!,
      to,
      watchSeq,
    } satisfies VerifyWorkerInput),
  );
  let failed: unknown = null;
  const stopAll = (error: unknown): void => {
    failed ??= error;
    void Promise.all(workers.map((worker) => worker.terminate()));
  };
  const inWorkers = workers.map(
    (worker, index) =>
      new Promise<RangeResult>((resolve, reject) => {
        worker.on('message', (message: { checked?: number; result?: RangeResult; error?: string }) => {
          if (message.result) resolve(message.result);
          else if (message.error) reject(new Error(message.error));
          else if (message.checked !== undefined) {
            done[index + 1] = message.checked;
            Promise.resolve()
              .then(report)
              .catch((error: unknown) => {
                stopAll(error);
                reject(error);
              });
          }
        });
        worker.on('error', reject);
        worker.on('exit', (code) => code !== 0 && reject(failed ?? new Error(`verification worker stopped (${code})`)));
      }),
  );
  try {
    const here = await verifyRange(source.raw, bounds[0]!, bounds[1]!, {
      watchSeq,
      onPage: (checked) => {
        done[0] = checked;
        return report();
      },
    });
    return [here, ...(await Promise.all(inWorkers))];
  } catch (error) {
    stopAll(error);
    await Promise.allSettled(inWorkers);
    throw error;
  }
}

function judgeCheckpoint(
  vaultId: string,
  checkpoint: Checkpoint,
  headSeq: number,
  hashAtCheckpoint: string | null,
  firstBroken: VerifyReport['firstBroken'],
  knownKeys: ReadonlySet<string> = new Set(),
): NonNullable<VerifyReport['checkpoint']> {
  const signed = checkpoint.signature !== undefined;
  const base = {
    seq: checkpoint.seq,
    signed,
    signer: checkpoint.signature?.fingerprint ?? null,
    signerKnown: checkpoint.signature ? knownKeys.has(checkpoint.signature.fingerprint) : false,
  };
  if (checkpoint.vaultId !== vaultId) return { ...base, status: 'other-vault' };
  if (signed && !verifyCheckpointSignature(checkpoint)) return { ...base, status: 'bad-signature' };
  if (checkpoint.seq > headSeq) return { ...base, status: 'truncated' };
  // A break before the checkpoint's position means we never reached it with a trustworthy hash.
  if (firstBroken && firstBroken.seq <= checkpoint.seq) return { ...base, status: 'head-mismatch' };
  if (hashAtCheckpoint !== checkpoint.headHash) return { ...base, status: 'head-mismatch' };
  return { ...base, status: 'extends' };
}
