/**
 * Reference C of the import benchmark: the vault's own writer (`writeBatches` and `RecordWriter`: the
 * same statements, bulk mode and rollback journal as an import) fed from the same CSV with every cell
 * taken as it is: no phone, email, name or date normalization, no hashing, search terms split on
 * spaces. It is the floor of the vault's data model, about eight rows per record (profile, source
 * record, membership, identifiers, consent, full-text row), where reference A writes one row. The
 * pipeline's ratio to it says how much of the import is reading and normalizing that the parse workers
 * do not hide.
 */
import fs from 'node:fs';
import type { JobControl } from '../main/api/dispatch';
import { Backend } from '../main/backend/backend';
import { unwrap } from '../main/backend/run-job';
import { openReader, previewFile } from '../main/ingest/formats';
import { estimateRows } from '../main/ingest/formats/estimate';
import type { Mapping } from '../main/ingest/mapping/fields';
import { suggestMapping } from '../main/ingest/mapping/suggest';
import { openRun, writeBatches, type Batch } from '../main/ingest/run-batches';
import { saveSource } from '../main/ingest/sources';
import { RECORD_COLUMNS, type WriteItem } from '../main/ingest/write-items';

export interface ReferenceC {
  readonly rows: number;
  readonly records: number;
  readonly ms: number;
}

const BATCH = 5_000;

function cellsFor(mapping: Mapping, row: Readonly<Record<string, unknown>>): (field: string) => string[] {
  return (field) =>
    mapping.columns
      .filter((column) => column.field === field)
      .map((column) => String(row[column.column] ?? '').trim())
      .filter((value) => value !== '');
}

/** A row as a record, cells as they are; the line number is the key, so every row is a new record. */
function asIs(mapping: Mapping, line: number, values: Readonly<Record<string, unknown>>): WriteItem {
  const cells = cellsFor(mapping, values);
  const columns = RECORD_COLUMNS.map((field) => cells(field)[0] ?? null);
  const identifiers = [...cells('email').flatMap((email) => ['email', email, email]), ...cells('phone').flatMap((phone) => ['phone', phone, phone])];
  const name = [columns[0], columns[1]].filter(Boolean).join(' ');
  const words = [...columns, ...cells('email'), ...cells('phone')]
    .filter((value): value is string => value !== null)
    .join(' ')
    .toLowerCase();
  return {
    kind: 'record',
    line,
    record: {
      key: String(line),
      hash: '',
      columns,
      raw: JSON.stringify(values),
      rowHash: '',
      displayName: name,
      sortKey: name.toLowerCase(),
      terms: words,
      identifiers,
      consents: [],
      events: [],
      flags: [],
    },
  };
}

export async function referenceVaultWriter(csv: string, vaultDir: string): Promise<ReferenceC> {
  const backend = new Backend({ vaultDir });
  try {
    unwrap(await backend.call('vault.create', { adminName: 'Bench Admin', passphrase: 'benchmark passphrase 2026' }));
    const vault = backend.vaults.current();
    const preview = await previewFile(csv, {}, 200);
    const mapping = suggestMapping([...preview.headers], [...preview.rows]);
    const stamp = new Date().toISOString();
    const { sourceId, runId } = vault.db.transaction(() => {
      const source = saveSource(
        vault.db,
        { name: 'reference C', kind: 'file', purposes: ['bench'], lawfulBasis: 'contract', defaultCountry: null, mapping },
        stamp,
      );
      return { sourceId: source.id, runId: openRun(vault, { sourceId: source.id }, stamp) };
    });
    const reader = await openReader(csv, {});
    let rows = 0;
    async function* batches(): AsyncGenerator<Batch> {
      for await (const items of reader.batches(new AbortController().signal, BATCH)) {
        const prepared = items.flatMap((item) => (item.kind === 'row' ? [asIs(mapping, item.row.line, item.row.values)] : []));
        rows += items.length;
        yield { prepared, size: prepared.length };
      }
    }
    const job: JobControl = { signal: new AbortController().signal, progress: () => undefined, checkpoint: () => undefined };
    const start = process.hrtime.bigint();
    await writeBatches(vault, batches(), { sourceId, runId, mapping, job, now: () => new Date(), estimatedRows: estimateRows(preview, fs.statSync(csv).size) });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const records = (vault.db.raw.prepare('SELECT count(*) AS n FROM source_record').get() as { n: number }).n;
    return { rows, records, ms };
  } finally {
    await backend.close();
    fs.rmSync(vaultDir, { recursive: true, force: true });
  }
}
