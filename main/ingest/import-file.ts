/**
 * A file import as a job: read the file in streamed batches, map and normalize each row, write each
 * batch in one transaction. A crash or a cancel leaves the vault as it was after the last complete
 * batch; running the same file again redoes the rest with no duplicates, because records are keyed
 * by (source, external id). The audit trail records the run's start (with the file's hash) and its end
 * (with the counts), never the content.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { RunSummary } from '../api/contract';
import type { JobControl } from '../api/dispatch';
import { AppError } from '../api/errors';
import { yieldToEventLoop } from '../jobs/jobs';
import { sql } from '../store/sql';
import type { OpenVault } from '../vault/vault-service';
import { hashFile } from './formats/bytes';
import { openReader, previewFile } from './formats';
import { applyMapping } from './mapping/apply';
import type { Mapping } from './mapping/fields';
import { suggestMapping } from './mapping/suggest';
import { RecordWriter, type BatchCounts } from './record-writer';
import { getRun } from './runs';
import { findSource, saveSource, type SourceInput } from './sources';
import type { ReadOptions } from './types';

const BATCH = 2_000;

export interface ImportFileInput {
  readonly file: string;
  readonly source: string;
  readonly options: ReadOptions;
  readonly mapping?: Mapping;
  readonly declaration?: Pick<SourceInput, 'purposes' | 'lawfulBasis' | 'defaultCountry'>;
}

/** Until the steward declares otherwise, a new file source serves the customer relationship under contract. */
export const DEFAULT_DECLARATION: Pick<SourceInput, 'purposes' | 'lawfulBasis' | 'defaultCountry'> = {
  purposes: ['customer relationship'],
  lawfulBasis: 'contract',
  defaultCountry: null,
};

function hasEventColumns(mapping: Mapping): boolean {
  return mapping.columns.some((column) => column.field.startsWith('event.')) || Boolean(mapping.eventsPath);
}

export async function importFile(vault: OpenVault, input: ImportFileInput, now: () => Date, job: JobControl): Promise<RunSummary> {
  const { db, audit, user } = vault;
  const file = path.resolve(input.file);
  if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', `There is no file at ${file}.`);
  job.progress('reading', 0, null);
  const preview = await previewFile(file, input.options, 200);
  const existing = findSource(db, input.source);
  const mapping = input.mapping ?? existing?.mapping ?? suggestMapping([...preview.headers], [...preview.rows]);
  const declaration =
    input.declaration ?? (existing ? { purposes: existing.purposes, lawfulBasis: existing.lawfulBasis, defaultCountry: existing.defaultCountry } : DEFAULT_DECLARATION);
  const fileSha256 = await hashFile(file);
  const fileBytes = fs.statSync(file).size;
  const sampleBytes = preview.rows.length > 0 ? Math.max(1, JSON.stringify(preview.rows.map((row) => row.values)).length / preview.rows.length) : 0;
  const estimatedRows = sampleBytes > 0 ? Math.max(preview.rows.length, Math.round(fileBytes / sampleBytes)) : null;

  const stamp = now().toISOString();
  const { sourceId, runId } = db.transaction(() => {
    const source = saveSource(db, { name: input.source, kind: 'file', ...declaration, mapping }, stamp);
    if (!existing || JSON.stringify(existing.mapping) !== JSON.stringify(mapping) || input.declaration) {
      audit.append({ action: 'source.saved', actorId: user.id, objectType: 'source', objectId: source.id, details: { kind: 'file', lawfulBasis: source.lawfulBasis } });
    }
    // Runs left "running" by a crash are over: say so, so nobody waits for them.
    const stale = db.all<{ id: number }>(sql`SELECT id FROM import_run WHERE source_id = ${source.id} AND status = 'running'`);
    for (const run of stale) {
      db.run(sql`UPDATE import_run SET status = 'interrupted', finished_at = ${stamp} WHERE id = ${run.id}`);
      audit.append({ action: 'import.interrupted', actorId: user.id, objectType: 'import_run', objectId: run.id, details: { sourceId: source.id } });
    }
    const run = Number(
      db.run(sql`
        INSERT INTO import_run (source_id, started_by, started_at, status, file_name, file_sha256, file_bytes)
        VALUES (${source.id}, ${user.id}, ${stamp}, 'running', ${path.basename(file)}, ${fileSha256}, ${fileBytes})`).lastInsertRowid,
    );
    audit.append({ action: 'import.started', actorId: user.id, objectType: 'import_run', objectId: run, details: { sourceId: source.id, fileSha256, fileBytes } });
    return { sourceId: source.id, runId: run };
  });

  const writer = new RecordWriter(db, sourceId, runId, now, hasEventColumns(mapping));
  let read = 0;
  try {
    const reader = await openReader(file, input.options);
    for await (const items of reader.batches(job.signal, BATCH)) {
      job.checkpoint();
      // Mapping and normalization happen before the transaction opens, so it stays short.
      const mapped = items.map((item) =>
        item.kind === 'row' ? ({ kind: 'row', row: item.row, result: applyMapping(item.row, mapping) } as const) : ({ kind: 'problem', problem: item.problem } as const),
      );
      const counts: BatchCounts = { inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
      let lastLine = 0;
      db.transaction(() => {
        for (const entry of mapped) {
          if (entry.kind === 'problem') {
            writer.reject(counts, { line: entry.problem.line, reasons: [entry.problem.reason], raw: entry.problem.raw });
            lastLine = Math.max(lastLine, entry.problem.line);
          } else if (entry.result.ok) {
            writer.write(counts, entry.row, entry.result.record);
            lastLine = Math.max(lastLine, entry.row.line);
          } else {
            writer.reject(counts, { line: entry.row.line, reasons: entry.result.reasons, raw: JSON.stringify(entry.row.values) });
            lastLine = Math.max(lastLine, entry.row.line);
          }
        }
        db.run(sql`
          UPDATE import_run SET rows_read = rows_read + ${items.length}, inserted = inserted + ${counts.inserted}, updated = updated + ${counts.updated},
            unchanged = unchanged + ${counts.unchanged}, rejected = rejected + ${counts.rejected}, last_line = max(last_line, ${lastLine})
          WHERE id = ${runId}`);
      });
      read += items.length;
      job.progress('importing', read, estimatedRows === null ? null : Math.max(read, estimatedRows));
      await yieldToEventLoop();
    }
  } catch (error) {
    const cancelled = error instanceof AppError && error.code === 'CANCELLED';
    finishRun(vault, runId, cancelled ? 'cancelled' : 'failed', now, error instanceof Error ? error.message : String(error));
    throw error;
  }
  finishRun(vault, runId, 'completed', now, null);
  job.progress('done', read, read);
  return getRun(db, runId);
}

function finishRun(vault: OpenVault, runId: number, status: 'completed' | 'failed' | 'cancelled', now: () => Date, error: string | null): void {
  const { db, audit, user } = vault;
  db.transaction(() => {
    db.run(sql`UPDATE import_run SET status = ${status}, finished_at = ${now().toISOString()}, error = ${error} WHERE id = ${runId}`);
    const run = getRun(db, runId);
    audit.append({
      action: status === 'completed' ? 'import.completed' : status === 'cancelled' ? 'import.cancelled' : 'import.failed',
      actorId: user.id,
      objectType: 'import_run',
      objectId: runId,
      details: { sourceId: run.sourceId, read: run.read, inserted: run.inserted, updated: run.updated, unchanged: run.unchanged, rejected: run.rejected, fileSha256: run.fileSha256 },
    });
  });
}
