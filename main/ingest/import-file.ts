/**
 * A file import as a job: read the file in streamed batches, map and normalize each row, write each
 * batch in one transaction. A crash or a cancel leaves the vault as it was after the last complete
 * batch; running the same file again redoes the rest with no duplicates, because records are keyed
 * by (source, external id). The audit trail records the run's start (with the file's hash) and its end
 * (with the counts), never the content.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { RunSummary } from './contract';
import type { JobControl } from '../core/job-control';
import { AppError } from '../core/errors';
import type { OpenVault } from '../vault/index';
import { hashFile } from './formats/bytes';
import { estimateRows } from './formats/estimate';
import { previewFile } from './preview-isolated';
import type { Mapping } from './mapping/fields';
import { suggestMapping } from './mapping/suggest';
import { loadKnownRows } from './known-rows';
import { parsedBatches } from './parsed-batches';
import { openRun, writeBatches, type Batch } from './run-batches';
import { rememberedOptions, saveReadOptions } from './read-options';
import { getRun } from './runs';
import { sameMapping, saveSourceAudited } from './source-audit';
import { findSource, inDeclaredCountry, saveSource, type SourceInput } from './sources';
import type { ReadOptions } from './types';

const BATCH = 5_000;

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

export async function importFile(vault: OpenVault, input: ImportFileInput, now: () => Date, job: JobControl): Promise<RunSummary> {
  const { db } = vault;
  const file = path.resolve(input.file);
  if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', `There is no file at ${file}.`);
  job.progress('reading', 0, null);
  const preview = await previewFile(file, input.options, 200);
  job.checkpoint();
  const existing = findSource(db, input.source);
  // Phone numbers and postal codes are read in the mapping's country: a suggestion starts from the declared one.
  const country = input.declaration?.defaultCountry ?? existing?.defaultCountry ?? null;
  const base = input.mapping ?? existing?.mapping ?? suggestMapping([...preview.headers], [...preview.rows], country ? { defaultCountry: country } : {});
  // A country declared again for a source with a saved mapping moves the mapping too; a mapping given with
  // the import is taken as it is.
  const mapping = input.mapping ? base : inDeclaredCountry(base, input.declaration?.defaultCountry ?? null);
  const declared =
    input.declaration ??
    (existing ? { purposes: existing.purposes, lawfulBasis: existing.lawfulBasis, defaultCountry: existing.defaultCountry } : DEFAULT_DECLARATION);
  // A new source declared without a country takes the one its rows are read in.
  const declaration = !existing && declared.defaultCountry === null ? { ...declared, defaultCountry: mapping.defaultCountry } : declared;
  const fileSha256 = await hashFile(file, job.signal);
  const fileBytes = fs.statSync(file).size;
  const estimatedRows = estimateRows(preview, fileBytes);

  const stamp = now().toISOString();
  const { sourceId, runId } = db.transaction(() => {
    const changed = !existing || !sameMapping(existing.mapping, mapping) || input.declaration;
    const sourceInput = { name: input.source, kind: 'file' as const, ...declaration, mapping };
    const mappingSuggested = input.mapping === undefined && !existing?.mapping;
    const source = changed ? saveSourceAudited(vault, sourceInput, stamp, { mappingSuggested }) : saveSource(db, sourceInput, stamp);
    return {
      sourceId: source.id,
      runId: openRun(vault, { sourceId: source.id, fileName: path.basename(file), fileSha256, fileBytes, delimiter: preview.delimiter }, stamp),
    };
  });

  // Reading and mapping run in a worker thread; this thread only writes. The workers are sized for the
  // format before they read anything: a workbook whose name does not say so still needs a workbook's heap.
  const readAs: ReadOptions = preview.format === 'xlsx' ? { ...input.options, format: 'xlsx' } : input.options;
  async function* batches(): AsyncIterable<Batch> {
    const known = loadKnownRows(db, sourceId);
    for await (const { items: prepared, size } of parsedBatches(file, readAs, mapping, BATCH, job.signal, known)) yield { prepared, size };
  }
  await writeBatches(vault, batches(), { sourceId, runId, mapping, job, now, estimatedRows });
  // Only once the whole file was read: options that failed to read one are not offered for the next.
  db.transaction(() => saveReadOptions(db, sourceId, rememberedOptions(existing?.readOptions ?? null, input.options, preview.format)));
  return getRun(db, runId);
}
