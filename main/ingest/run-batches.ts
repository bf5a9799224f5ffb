/**
 * The shared middle of every import and sync: open a run, write batches of read items into the vault
 * (one transaction per batch, with the run's counters and cursor in the same transaction), and close the
 * run with its audit entry. Files and connectors differ only in where their batches come from.
 */
import type { JobControl } from '../core/job-control';
import { AppError } from '../core/errors';
import { yieldToEventLoop } from '../jobs/index';
import { bulkIndexesPresent } from '../store/bulk-indexes';
import { enterBulkMode, leaveBulkMode } from '../store/bulk-mode';
import { sql, type SqlRunner } from '../store/sql';
import type { OpenVault } from '../vault/index';
import type { ReadItem } from './types';
import type { Mapping } from './mapping/fields';
import { emptyCounts, RecordWriter, type BatchCounts } from './record-writer';
import { getRun } from './runs';
import { claimRun, releaseRun, RUN_OWNER, runIsAlive, type RunningRun } from './run-owner';
import { detailJson, storedError, type StoredError } from './stored-error';
import { prepareItems, remapRaw, type WriteItem } from './write-items';

/**
 * Raw items are mapped here; parse workers hand over items they have already prepared, as an iterable
 * the writer walks once (see parsed-batches.ts), with the number of rows it holds.
 */
export type Batch = ({ readonly items: readonly ReadItem[] } | { readonly prepared: Iterable<WriteItem>; readonly size: number }) & {
  /** Where an incremental source stands after this batch; stored with it, so a crash resumes here. */
  readonly cursor?: string | null;
};

export interface RunStart {
  readonly sourceId: number;
  readonly fileName?: string | null;
  readonly fileSha256?: string | null;
  readonly fileBytes?: number | null;
  readonly cursorBefore?: string | null;
  /** The delimiter the file is read with (CSV, TSV), for writing its rejected rows back the same way. */
  readonly delimiter?: string | null;
}

/** What a steward needs to know about a run that never finished: nothing is lost, and how to finish it. */
const INTERRUPTED = storedError(
  new AppError(
    'CANCELLED',
    'The import stopped before it finished: Custodia was closed or stopped while it ran. The batches it wrote are kept; importing the file (or syncing) again adds the rest, without duplicates.',
    { reason: 'interrupted' },
  ),
);

function markInterrupted(vault: OpenVault, runId: number, sourceId: number, stamp: string): void {
  vault.db.run(sql`
    UPDATE import_run SET status = 'interrupted', finished_at = ${stamp}, error = ${INTERRUPTED.text}, error_detail = ${detailJson(INTERRUPTED.detail)}
    WHERE id = ${runId}`);
  vault.audit.append({ action: 'import.interrupted', actorId: vault.user.id, objectType: 'import_run', objectId: runId, details: { sourceId } });
}

/**
 * At unlock: runs still marked "running" whose process is gone (killed, crashed, the machine lost power)
 * are marked interrupted at once, so the history tells the truth and their undo is possible, rather than
 * waiting for the next import of the same source to notice. Returns how many.
 */
export function interruptAbandonedRuns(vault: OpenVault, now: Date): number {
  const running = vault.db.all<RunningRun & { sourceId: number }>(
    sql`SELECT id, source_id AS sourceId, owner, heartbeat_at AS heartbeatAt, started_at AS startedAt FROM import_run WHERE status = 'running'`,
  );
  const abandoned = running.filter((run) => !runIsAlive(run, now));
  if (abandoned.length === 0) return 0;
  vault.db.transaction(() => {
    for (const run of abandoned) markInterrupted(vault, run.id, run.sourceId, now.toISOString());
  });
  return abandoned.length;
}

/**
 * Opens a run inside the caller's transaction. A run of the same source still going on elsewhere (another
 * window, a cron job) refuses the new one; runs a crash left "running" are marked interrupted.
 */
export function openRun(vault: OpenVault, start: RunStart, stamp: string): number {
  const { db, audit, user } = vault;
  const running = db.all<RunningRun>(
    sql`SELECT id, owner, heartbeat_at AS heartbeatAt, started_at AS startedAt FROM import_run WHERE source_id = ${start.sourceId} AND status = 'running'`,
  );
  const live = running.find((run) => runIsAlive(run, new Date(stamp)));
  if (live) {
    throw new AppError(
      'CONFLICT',
      `Another import of this source is running (run ${live.id}, started ${live.startedAt}). Wait for it to finish or cancel it.`,
      {
        reason: 'importRunning',
        runId: live.id,
        startedAt: live.startedAt,
      },
    );
  }
  for (const run of running) markInterrupted(vault, run.id, start.sourceId, stamp);
  const runId = Number(
    db.run(sql`
      INSERT INTO import_run (source_id, started_by, started_at, status, file_name, file_sha256, file_bytes, cursor_before, cursor_after, owner, heartbeat_at, delimiter)
      VALUES (${start.sourceId}, ${user.id}, ${stamp}, 'running', ${start.fileName ?? null}, ${start.fileSha256 ?? null}, ${start.fileBytes ?? null},
              ${start.cursorBefore ?? null}, ${start.cursorBefore ?? null}, ${RUN_OWNER}, ${stamp}, ${start.delimiter ?? null})`).lastInsertRowid,
  );
  claimRun(runId);
  audit.append({
    action: 'import.started',
    actorId: user.id,
    objectType: 'import_run',
    objectId: runId,
    details: { sourceId: start.sourceId, fileSha256: start.fileSha256 ?? null, fileBytes: start.fileBytes ?? null },
  });
  return runId;
}

function hasEventColumns(mapping: Mapping): boolean {
  return mapping.columns.some((column) => column.field.startsWith('event.')) || Boolean(mapping.eventsPath);
}

export interface WriteOptions {
  readonly sourceId: number;
  readonly runId: number;
  readonly mapping: Mapping;
  readonly job: JobControl;
  readonly now: () => Date;
  readonly estimatedRows?: number | null;
  /** See BULK_MIN_ROWS; tests lower it to see bulk mode on small files. */
  readonly bulkMinRows?: number;
}

/** Below this many new records still to come, keeping every index up to date row by row is cheaper. */
export const BULK_MIN_ROWS = 50_000;

/**
 * Mostly new records, and many still to come compared with what the vault holds: building the
 * random-order indexes again at the end (one sort of everything) beats inserting into them row by row.
 */
function worthBulk(db: SqlRunner, counts: BatchCounts, batchRows: number, read: number, estimatedRows: number | null | undefined, minRows: number): boolean {
  if (estimatedRows == null || batchRows === 0 || counts.inserted * 2 < batchRows) return false;
  const expectedNew = ((estimatedRows - read) * counts.inserted) / batchRows;
  if (expectedNew < minRows) return false;
  const held = db.get<{ last: number | null }>(sql`SELECT max(id) AS last FROM profile`)?.last ?? 0;
  return expectedNew * 2 >= held;
}

/** Writes every batch and closes the run: completed, or failed / cancelled with what was done so far. */
export async function writeBatches(vault: OpenVault, batches: AsyncIterable<Batch>, options: WriteOptions): Promise<void> {
  const { db } = vault;
  const { runId, mapping, job } = options;
  const writer = new RecordWriter(db, options.sourceId, runId, hasEventColumns(mapping), (line, raw) => remapRaw(line, raw, mapping), mapping.purposeAliases);
  let read = 0;
  let bulk = false;
  try {
    for await (const batch of batches) {
      job.checkpoint();
      // Mapping happens before the transaction opens, so it stays short.
      const items = 'prepared' in batch ? batch.prepared : prepareItems(batch.items, mapping);
      const size = 'prepared' in batch ? batch.size : batch.items.length;
      const { cursor } = batch;
      const counts = emptyCounts();
      let lastLine = 0;
      const stamp = options.now().toISOString();
      db.transaction(() => {
        for (const item of items) {
          if (item.kind === 'record') writer.write(counts, item.line, item.record, stamp);
          else if (item.kind === 'same') writer.same(counts, item.line, item.key, item.rowHash, item.raw, stamp);
          else if (item.kind === 'anonymous') writer.anonymous(counts);
          else writer.reject(counts, item);
          lastLine = Math.max(lastLine, item.line);
        }
        writer.flush();
        db.run(sql`
          UPDATE import_run SET rows_read = rows_read + ${size}, inserted = inserted + ${counts.inserted}, updated = updated + ${counts.updated},
            unchanged = unchanged + ${counts.unchanged}, rejected = rejected + ${counts.rejected},
            flagged = flagged + ${counts.flagged}, anonymous = anonymous + ${counts.anonymous}, held = held + ${counts.held},
            suppressed = suppressed + ${counts.suppressed}, last_line = max(last_line, ${lastLine}),
            cursor_after = coalesce(${cursor ?? null}, cursor_after), heartbeat_at = ${stamp}
          WHERE id = ${runId}`);
      });
      read += size;
      // Indexes already gone mean another run beside this one (a sync or an import on this connection)
      // is in bulk mode: one run owns it at a time. Runs beside it write correctly without the two
      // indexes (no write reads through them), and its rebuild at the end covers their rows too.
      if (
        !bulk &&
        read === size &&
        worthBulk(db, counts, size, read, options.estimatedRows, options.bulkMinRows ?? BULK_MIN_ROWS) &&
        bulkIndexesPresent(db.raw)
      ) {
        enterBulkMode(db.raw);
        bulk = true;
      }
      job.progress('importing', read, options.estimatedRows == null ? null : Math.max(read, options.estimatedRows));
      await yieldToEventLoop();
    }
  } catch (error) {
    if (bulk) leaveBulk(job, db.raw, read);
    const cancelled = error instanceof AppError && error.code === 'CANCELLED';
    closeRun(vault, runId, cancelled ? 'cancelled' : 'failed', options.now, storedError(error));
    throw error;
  }
  if (bulk) leaveBulk(job, db.raw, read);
  closeRun(vault, runId, 'completed', options.now, null);
  job.progress('done', read, read);
}

function leaveBulk(job: JobControl, db: Parameters<typeof leaveBulkMode>[0], read: number): void {
  job.progress('indexing', read, read);
  leaveBulkMode(db);
}

/** A failed run keeps its error in English for the command line, and its detail for the interface to translate. */
export function closeRun(vault: OpenVault, runId: number, status: 'completed' | 'failed' | 'cancelled', now: () => Date, error: StoredError | null): void {
  const { db, audit, user } = vault;
  db.transaction(() => {
    db.run(sql`
      UPDATE import_run SET status = ${status}, finished_at = ${now().toISOString()}, error = ${error?.text ?? null}, error_detail = ${detailJson(error?.detail ?? null)}
      WHERE id = ${runId}`);
    releaseRun(runId);
    const run = getRun(db, runId);
    audit.append({
      action: status === 'completed' ? 'import.completed' : status === 'cancelled' ? 'import.cancelled' : 'import.failed',
      actorId: user.id,
      objectType: 'import_run',
      objectId: runId,
      details: {
        sourceId: run.sourceId,
        read: run.read,
        inserted: run.inserted,
        updated: run.updated,
        unchanged: run.unchanged,
        rejected: run.rejected,
        flagged: run.flagged,
        anonymous: run.anonymous,
        held: run.held,
        suppressed: run.suppressed,
        fileSha256: run.fileSha256,
      },
    });
  });
}
