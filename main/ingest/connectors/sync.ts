/**
 * A sync: read what a connector has that the vault has not, through the same run-and-batches path as a
 * file import (run-batches.ts). Databases and APIs make one run per sync, resuming from the position the
 * last run stored; a watched folder makes one run per file.
 *
 * Whatever happens, the good rows of earlier batches stay and the run says what went wrong in one line.
 * A failure counts towards the connector's retry delay (1, 2, 4 … 60 minutes); a success clears it. With
 * several connectors, each one runs on its own: a failing one never stops the others.
 */
import type { RunSummary } from '../contract';
import type { SyncOutcome } from './contract';
import type { JobControl } from '../../core/job-control';
import { AppError } from '../../core/errors';
import type { OpenVault } from '../../vault/index';
import { hashFile } from '../formats';
import { previewFile } from '../preview-isolated';
import type { Mapping } from '../mapping/fields';
import { suggestMapping } from '../mapping/suggest';
import { estimateRows } from '../formats/estimate';
import { loadKnownRows } from '../known-rows';
import { parsedBatches } from '../parsed-batches';
import { closeRun, openRun, writeBatches, type Batch } from '../run-batches';
import { getRun, recordDelimiter } from '../runs';
import { storedError, type StoredError } from '../stored-error';
import { saveSourceAudited } from '../source-audit';
import { findSource, type SourceInput } from '../sources';
import type { RawRow } from '../types';
import type { FolderConfig } from './config';
import type { ReadBatch } from './cursor';
import { FAILED, moveAside, PROCESSED, readyFiles, type ReadyFile } from './folder';
import { isBatchSpec, isIncremental, readBatches, type BatchSpec } from './readers';
import {
  findConnector,
  isDue,
  lastCursor,
  listConnectors,
  recordFailure,
  recordSuccess,
  releaseLease,
  renewLease,
  takeLease,
  type StoredConnector,
} from './store';

const FILE_BATCH = 5_000;

export type SyncRequest = { readonly name: string } | { readonly all: true; readonly dueOnly?: boolean };

function isCancel(error: unknown): boolean {
  return error instanceof AppError && error.code === 'CANCELLED';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function connectorNamed(vault: OpenVault, name: string): StoredConnector {
  const source = findSource(vault.db, name);
  const connector = source ? findConnector(vault.db, source.id) : null;
  if (!connector) throw new AppError('NOT_FOUND', `There is no connector named ${name}.`);
  return connector;
}

export async function syncConnectors(vault: OpenVault, request: SyncRequest, now: () => Date, job: JobControl): Promise<{ outcomes: SyncOutcome[] }> {
  const targets =
    'name' in request
      ? [connectorNamed(vault, request.name)]
      : listConnectors(vault.db).filter((connector) => connector.enabled && (!request.dueOnly || isDue(connector, now())));
  const outcomes: SyncOutcome[] = [];
  for (const connector of targets) {
    job.checkpoint();
    outcomes.push(await syncOne(vault, connector, now, job));
  }
  return { outcomes };
}

async function syncOne(vault: OpenVault, connector: StoredConnector, now: () => Date, job: JobControl): Promise<SyncOutcome> {
  const { db } = vault;
  const base = { name: connector.source.name, kind: connector.spec.kind };
  // One sync per connector at a time, whichever window or process started it.
  const held = db.transaction(() => takeLease(db, connector.id, now()));
  if (held) {
    const skipped = leaseHeld(held.heldUntil);
    return {
      ...base,
      status: 'skipped',
      runs: [],
      error: skipped.text,
      errorDetail: skipped.detail,
      consecutiveFailures: connector.consecutiveFailures,
      nextAttemptAt: connector.nextAttemptAt,
      waitingFiles: 0,
    };
  }
  const runIds: number[] = [];
  let waitingFiles = 0;
  let error: StoredError | null;
  try {
    if (isBatchSpec(connector.spec)) {
      await syncBatches(vault, connector, connector.spec, now, job, runIds);
      error = null;
    } else {
      const folder = await syncFolder(vault, connector, connector.spec.config, now, job, runIds);
      waitingFiles = folder.waiting;
      error = folder.error;
    }
  } catch (caught) {
    if (isCancel(caught)) throw caught;
    error = storedError(caught);
  } finally {
    db.transaction(() => releaseLease(db, connector.id));
  }
  const runs: RunSummary[] = runIds.map((id) => getRun(db, id));
  if (error === null) {
    db.transaction(() => recordSuccess(db, connector.id, now().toISOString()));
    return { ...base, status: 'completed', runs, error: null, errorDetail: null, consecutiveFailures: 0, nextAttemptAt: null, waitingFiles };
  }
  const failure = error;
  const retry = db.transaction(() => {
    const scheduled = recordFailure(db, connector.id, failure, now());
    vault.audit.append({
      action: 'sync.retry_scheduled',
      actorId: vault.user.id,
      objectType: 'connector',
      objectId: connector.id,
      details: { sourceId: connector.source.id, runId: runIds.at(-1) ?? null, failures: scheduled.failures, retryInMinutes: scheduled.retryInMinutes },
    });
    return scheduled;
  });
  return {
    ...base,
    status: 'failed',
    runs,
    error: failure.text,
    errorDetail: failure.detail,
    consecutiveFailures: retry.failures,
    nextAttemptAt: retry.nextAttemptAt,
    waitingFiles,
  };
}

/** Said as a CONFLICT with its own reason, so the interface words it in the steward's language. */
function leaseHeld(heldUntil: string): StoredError {
  return storedError(
    new AppError('CONFLICT', `A sync of this connector is already running (its lease runs until ${heldUntil}).`, { reason: 'syncRunning', heldUntil }),
  );
}

/** Headers in the order they first appear in the sample: what a suggestion and a test preview show. */
export function headersOf(rows: readonly RawRow[]): string[] {
  const headers = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row.values)) headers.add(key);
  return [...headers];
}

/**
 * A source without a mapping gets the one suggested from its first rows, saved with it (and audited) so
 * the next sync uses the same and the steward can review it. Without rows there is nothing to suggest.
 */
function mappingFor(vault: OpenVault, connector: StoredConnector, sample: readonly RawRow[], now: () => Date): Mapping {
  const current = findSource(vault.db, connector.source.name)?.mapping ?? null;
  if (current) return current;
  const suggested = suggestMapping(
    headersOf(sample),
    sample.slice(0, 200),
    connector.source.defaultCountry ? { defaultCountry: connector.source.defaultCountry } : {},
  );
  if (sample.length === 0) return suggested;
  const { source } = connector;
  const input: SourceInput = {
    name: source.name,
    kind: source.kind,
    purposes: source.purposes,
    lawfulBasis: source.lawfulBasis,
    defaultCountry: source.defaultCountry,
    mapping: suggested,
  };
  vault.db.transaction(() => saveSourceAudited(vault, input, now().toISOString(), { mappingSuggested: true }));
  return suggested;
}

function rowsOf(batch: ReadBatch | undefined): RawRow[] {
  return (batch?.items ?? []).flatMap((item) => (item.kind === 'row' ? [item.row] : []));
}

/** Databases and APIs: one run, from the position the last run stored (incremental connectors only). */
async function syncBatches(vault: OpenVault, connector: StoredConnector, spec: BatchSpec, now: () => Date, job: JobControl, runIds: number[]): Promise<void> {
  const { db } = vault;
  const sourceId = connector.source.id;
  const cursorBefore = isIncremental(spec) ? lastCursor(db, sourceId) : null;
  const runId = db.transaction(() => openRun(vault, { sourceId, cursorBefore }, now().toISOString()));
  runIds.push(runId);
  job.progress('connecting', 0, null);
  const iterator = readBatches(spec, cursorBefore, job.signal)[Symbol.asyncIterator]();
  let first: IteratorResult<ReadBatch>;
  let mapping: Mapping;
  try {
    // The first batch is read before writing starts: a source without a mapping gets one from it.
    first = await iterator.next();
    mapping = mappingFor(vault, connector, rowsOf(first.done ? undefined : first.value), now);
  } catch (error) {
    await iterator.return?.();
    closeRun(vault, runId, isCancel(error) ? 'cancelled' : 'failed', now, storedError(error));
    throw error;
  }
  async function* batches(): AsyncGenerator<Batch> {
    try {
      if (first.done) return;
      yield first.value;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        renewLease(db, connector.id, now());
        yield next.value;
      }
    } finally {
      // Closes the connection when writing stops early (cancelled, or the vault refused a batch).
      await iterator.return?.();
    }
  }
  await writeBatches(vault, batches(), { sourceId, runId, mapping, job, now });
}

/** Watched folder: one run per file ready now, each file then moved to processed/ or failed/. */
async function syncFolder(
  vault: OpenVault,
  connector: StoredConnector,
  config: FolderConfig,
  now: () => Date,
  job: JobControl,
  runIds: number[],
): Promise<{ error: StoredError | null; waiting: number }> {
  const { ready, waiting } = readyFiles(config, now());
  const failures: string[] = [];
  const failedNames: string[] = [];
  for (const file of ready) {
    job.checkpoint();
    renewLease(vault.db, connector.id, now());
    const run = await importFolderFile(vault, connector, config, file, now, job);
    if (run === null) continue;
    runIds.push(run.id);
    const failed = run.status === 'failed';
    try {
      moveAside(file.path, failed ? FAILED : PROCESSED, now());
    } catch (error) {
      failures.push(`${file.name} could not be moved to ${failed ? FAILED : PROCESSED}/ (${(error as NodeJS.ErrnoException).code ?? messageOf(error)})`);
      failedNames.push(file.name);
      continue;
    }
    if (failed) {
      failures.push(`${file.name}: ${run.error ?? 'failed'}`);
      failedNames.push(file.name);
    }
  }
  if (failures.length === 0) return { error: null, waiting };
  return { error: folderFailure(failures, failedNames, ready.length), waiting };
}

/**
 * One sentence for the connector; each file's own reason is in its run, translated there. The names go in
 * the parameters, so a steward reading it in French still learns which files to look at.
 */
function folderFailure(failures: readonly string[], names: readonly string[], total: number): StoredError {
  const count = failures.length === 1 ? '1 file' : `${failures.length} files`;
  const text = `${count} of ${total} failed (see ${FAILED}/): ${failures.join('; ')}`;
  return storedError(
    new AppError('CONNECTOR_FAILED', text, { kind: 'folder', reason: 'filesFailed', failed: names.length, total, files: names.join(', '), folder: FAILED }),
  );
}

/** One file, one run. Null when the file went away before it could be read (another sync took it). */
async function importFolderFile(
  vault: OpenVault,
  connector: StoredConnector,
  config: FolderConfig,
  file: ReadyFile,
  now: () => Date,
  job: JobControl,
): Promise<RunSummary | null> {
  const { db } = vault;
  const sourceId = connector.source.id;
  let fileSha256: string;
  try {
    fileSha256 = await hashFile(file.path, job.signal);
  } catch (error) {
    // No run is open yet: a cancel stops the whole sync with the file left in place, as a cancel while writing does.
    if (isCancel(error)) throw error;
    return null;
  }
  const runId = db.transaction(() => openRun(vault, { sourceId, fileName: file.name, fileSha256, fileBytes: file.bytes }, now().toISOString()));
  job.progress('reading', 0, null);
  let mapping: Mapping;
  let batches: AsyncIterable<Batch>;
  let estimatedRows: number | null = null;
  try {
    const preview = await previewFile(file.path, config.options, 200);
    recordDelimiter(db, runId, preview.delimiter);
    estimatedRows = estimateRows(preview, file.bytes);
    mapping = mappingFor(vault, connector, preview.rows, now);
    const fileMapping = mapping;
    // Read and mapped in a worker thread, as file imports are; this thread only writes.
    batches = (async function* () {
      const known = loadKnownRows(db, sourceId);
      for await (const { items: prepared, size } of parsedBatches(file.path, config.options, fileMapping, FILE_BATCH, job.signal, known))
        yield { prepared, size };
    })();
  } catch (error) {
    closeRun(vault, runId, isCancel(error) ? 'cancelled' : 'failed', now, storedError(error));
    if (isCancel(error)) throw error;
    return getRun(db, runId);
  }
  try {
    await writeBatches(vault, batches, { sourceId, runId, mapping, job, now, estimatedRows });
  } catch (error) {
    // writeBatches has closed the run with the reason; a cancel stops the whole sync, leaving the file in place.
    if (isCancel(error)) throw error;
  }
  return getRun(db, runId);
}
