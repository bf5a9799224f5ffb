/**
 * `import.undo` as a job. Removing tens of thousands of records in one transaction held the vault (and
 * so every other request to the backend) for minutes; here each batch is its own transaction, and the
 * event loop gets a turn between batches, so searches, counts and Cancel are answered meanwhile.
 *
 * A batch leaves the vault consistent on its own (see removeRecordBatch). A cancelled or failed undo
 * keeps the batches done and does not mark the run undone: the history still offers the undo, its plan
 * counts what is left, and running it again finishes the rest. The audit trail records, counts only:
 * `import.undo_started` with the plan before anything goes, then `import.undone` (in the transaction that
 * marks the run) or `import.undo_cancelled` / `import.undo_failed` with what was removed and what is left.
 * If the process dies between batches, the started entry stands without its end, and the rest is undone
 * by running the undo again.
 */
import type { JobControl } from '../core/job-control';
import { AppError } from '../core/errors';
import { yieldToEventLoop } from '../jobs/index';
import type { OpenVault, VaultService } from '../vault/index';
import { assertNoImportRunning, markUndone, planUndo, removeRecordBatch, removeRejectBatch, undoableRun, type UndoCounts } from './undo-run';

/**
 * Records per transaction: large enough that commits (each encrypts and writes its pages) stay a small
 * part of the work, small enough that a batch takes a fraction of a second and other requests wait no longer.
 */
export const UNDO_BATCH = 2_000;

/** Runs being undone by this process: a second undo of the same run would race the first one's batches. */
const undoing = new WeakMap<OpenVault, Set<number>>();

function claim(vault: OpenVault, runId: number): () => void {
  const runs = undoing.get(vault) ?? new Set<number>();
  undoing.set(vault, runs);
  if (runs.has(runId)) throw new AppError('CONFLICT', `What import run ${runId} added is being removed already.`, { reason: 'undoRunning', runId });
  runs.add(runId);
  return () => runs.delete(runId);
}

export async function undoRunJob(vaults: VaultService, runId: number, now: () => Date, job: JobControl, batchSize = UNDO_BATCH): Promise<UndoCounts> {
  const vault = vaults.current();
  const release = claim(vault, runId);
  try {
    const plan = vaults.mutate<UndoCounts>(
      (counts) => ({ action: 'import.undo_started', objectType: 'import_run', objectId: runId, details: { ...counts } }),
      ({ db }) => planUndo(db, runId, now()),
    );
    const total = plan.removed + plan.rejectsRemoved;
    let removed = 0;
    let rejectsRemoved = 0;
    try {
      const run = vault.db.transaction(() => undoableRun(vault.db, runId, now()));
      for (let after = 0; ;) {
        job.checkpoint();
        const batch = vault.db.transaction(() => {
          // Checked in each batch: an import of the source started since would trust records that are going.
          assertNoImportRunning(vault.db, run.sourceId, now());
          return removeRecordBatch(vault.db, run, after, batchSize, now());
        });
        if (batch.records === 0) break;
        removed += batch.records;
        after = batch.lastId;
        job.progress('removing', removed, total);
        await yieldToEventLoop();
      }
      // The run's rejected rows, last: while records are left the run must stay as it was, its rows included.
      for (;;) {
        job.checkpoint();
        const count = vault.db.transaction(() => removeRejectBatch(vault.db, runId, batchSize * 5));
        if (count === 0) break;
        rejectsRemoved += count;
        job.progress('removing', removed + rejectsRemoved, total);
        await yieldToEventLoop();
      }
      job.checkpoint();
      const counts: UndoCounts = { removed, keptChanged: plan.keptChanged, keptLater: plan.keptLater, rejectsRemoved };
      vaults.mutate(
        () => ({ action: 'import.undone', objectType: 'import_run', objectId: runId, details: { ...counts } }),
        ({ db }) => markUndone(db, runId, now()),
      );
      return counts;
    } catch (error) {
      throw stopped(vaults, runId, error, {
        removed,
        rejectsRemoved,
        remaining: plan.removed - removed,
        rejectsRemaining: plan.rejectsRemoved - rejectsRemoved,
      });
    }
  } finally {
    release();
  }
}

interface StopCounts {
  readonly removed: number;
  readonly rejectsRemoved: number;
  readonly remaining: number;
  readonly rejectsRemaining: number;
}

/** Audits an undo that stopped part-way, and says in the error what was removed and what is left. */
function stopped(vaults: VaultService, runId: number, error: unknown, partial: StopCounts): unknown {
  const cancelled = error instanceof AppError && error.code === 'CANCELLED';
  try {
    vaults.mutate(
      () => ({
        action: cancelled ? 'import.undo_cancelled' : 'import.undo_failed',
        objectType: 'import_run',
        objectId: runId,
        details: { ...partial, ...(cancelled ? {} : { code: error instanceof AppError ? error.code : 'INTERNAL' }) },
      }),
      () => undefined,
    );
  } catch {
    // The vault closed under us: the started entry stands alone, as after a crash. The error says why.
  }
  if (!cancelled) return error;
  return new AppError(
    'CANCELLED',
    `Cancelled: ${partial.removed} records and ${partial.rejectsRemoved} rejected rows were removed; ${partial.remaining} records and ${partial.rejectsRemaining} rejected rows are left. Undo the run again to remove them.`,
    { ...partial, runId },
  );
}
