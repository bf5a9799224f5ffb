/**
 * Reference D of the import benchmark: the import's reading and preparation alone — the same parse
 * workers (`parsedBatches`: CSV reading, mapping, normalization, hashes, search terms) on the same file,
 * every prepared item turned back into an object as the writer would, and nothing written. It is the
 * other floor of the pipeline (reference C is the writing floor): an import cannot be faster than
 * either. Its CPU time per row, measured for the whole process (every thread, garbage collectors
 * included), says how much of the machine preparation takes before a single row is written.
 */
import { parsedBatches } from '../main/ingest/parsed-batches';
import { previewFile } from '../main/ingest/formats';
import { suggestMapping } from '../main/ingest/mapping/suggest';

export interface ReferenceD {
  readonly rows: number;
  readonly records: number;
  readonly ms: number;
  /** User + system CPU of the whole process, over the rows read. */
  readonly cpuMicrosPerRow: number;
}

const BATCH = 5_000;

export async function referencePreparation(csv: string): Promise<ReferenceD> {
  const preview = await previewFile(csv, {}, 200);
  const mapping = suggestMapping([...preview.headers], [...preview.rows]);
  const cpuBefore = process.cpuUsage();
  const start = process.hrtime.bigint();
  let rows = 0;
  let records = 0;
  for await (const batch of parsedBatches(csv, {}, mapping, BATCH, new AbortController().signal)) {
    rows += batch.size;
    for (const item of batch.items) if (item.kind === 'record') records += 1;
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const cpu = process.cpuUsage(cpuBefore);
  return { rows, records, ms, cpuMicrosPerRow: (cpu.user + cpu.system) / rows };
}
