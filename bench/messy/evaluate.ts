/**
 * Imports each messy export into a new source of a fresh vault, the way a Québec organisation would
 * start (default country CA, the suggested mapping, no read option), and collects what the run counted,
 * what the vault holds, and why rows were rejected or values flagged.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunSummary } from '../../main/api/contract';
import { Backend } from '../../main/backend/backend';
import { runJob, unwrap } from '../../main/backend/run-job';
import { generateCustomers } from '../generator';
import { expectedFrom, MESSY_KINDS, type Expected, type MessyKind, type Sidecar } from './kinds';

const ADMIN = { adminName: 'Messy Admin', passphrase: 'messy imports passphrase 2026' };
const DECLARATION = { purposes: ['customer relationship'], lawfulBasis: 'contract', defaultCountry: 'CA' } as const;
export const MESSY_SEED = 2026;

export interface Tally {
  /** A reject's code and column, or a flag's field and code. */
  readonly label: string;
  readonly count: number;
  /** One raw value or reason, so a reader sees what it looked like. */
  readonly example: string;
}

export interface KindResult {
  readonly kind: MessyKind;
  readonly rows: number;
  readonly run: RunSummary;
  /** Records the source holds after the run. */
  readonly records: number;
  readonly expected: Expected;
  readonly rejectReasons: readonly Tally[];
  readonly flagCodes: readonly Tally[];
  /** Columns of a delimited export the suggested mapping left out: their values stay only in the raw row. */
  readonly unmapped: readonly string[];
  readonly importMs: number;
}

async function rejectReasons(backend: Backend, runId: number): Promise<Tally[]> {
  const tallies = new Map<string, { count: number; example: string }>();
  for (let offset = 0; ;) {
    const page = unwrap(await backend.call('import.rejects', { runId, offset, limit: 1000 }));
    for (const row of page.rows) {
      row.reasons.forEach((reason, index) => {
        const detail = row.details?.[index] ?? null;
        const column = detail?.params['column'];
        const label = detail ? `${detail.code}${column === undefined ? '' : ` (${column})`}` : reason;
        const tally = tallies.get(label) ?? { count: 0, example: reason };
        tally.count += 1;
        tallies.set(label, tally);
      });
    }
    offset += page.rows.length;
    if (page.rows.length === 0 || offset >= page.total) break;
  }
  return [...tallies].map(([label, { count, example }]) => ({ label, count, example })).sort((a, b) => b.count - a.count);
}

// No API lists flags yet (the quality view is to come): read the table the run wrote.
function flagCodes(backend: Backend, runId: number): Tally[] {
  const rows = backend.vaults
    .current()
    .raw.prepare(
      `SELECT field, code, count(*) AS count, min(column_name || ': ' || raw) AS example
       FROM record_flag WHERE run_id = ? GROUP BY field, code ORDER BY count DESC, field, code`,
    )
    .all(runId) as { field: string; code: string; count: number; example: string }[];
  return rows.map((row) => ({ label: `${row.field} / ${row.code}`, count: row.count, example: row.example }));
}

function recordCount(backend: Backend, sourceId: number): number {
  return backend.vaults.current().raw.prepare('SELECT count(*) FROM source_record WHERE source_id = ?').pluck().get(sourceId) as number;
}

async function evaluateKind(backend: Backend, kind: MessyKind, rows: number, dir: string): Promise<KindResult> {
  const file = path.join(dir, kind.fileName);
  const counts = `${file}.counts.json`;
  const generated = await generateCustomers({ count: rows, seed: MESSY_SEED, format: kind.format, out: file, counts });
  const sidecar = JSON.parse(fs.readFileSync(counts, 'utf8')) as Sidecar;
  const start = process.hrtime.bigint();
  const run = unwrap(await runJob(backend, 'import.file', { file, source: kind.source, options: {}, declaration: DECLARATION }));
  const importMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 'completed') throw new Error(`${kind.label}: the import ended ${run.status}: ${run.error ?? ''}`);
  const mapping = unwrap(await backend.call('sources.list')).find((source) => source.id === run.sourceId)?.mapping;
  const mapped = new Set(mapping?.columns.map((column) => column.column) ?? []);
  // JSON headers are top-level objects whose paths are mapped one by one: only a delimited file's columns compare.
  const unmapped = generated.delimiter === null ? [] : generated.headers.filter((header) => !mapped.has(header));
  return {
    kind,
    rows: sidecar.rows,
    run,
    records: recordCount(backend, run.sourceId),
    expected: expectedFrom(kind.format, sidecar),
    rejectReasons: await rejectReasons(backend, run.id),
    flagCodes: flagCodes(backend, run.id),
    unmapped,
    importMs,
  };
}

/** Every kind, `rows` rows each, into one temporary vault removed afterwards. */
export async function evaluateMessyImports(rows: number, kinds: readonly MessyKind[] = MESSY_KINDS): Promise<KindResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-messy-'));
  const backend = new Backend({ vaultDir: path.join(dir, 'vault') });
  try {
    unwrap(await backend.call('vault.create', ADMIN));
    const results: KindResult[] = [];
    for (const kind of kinds) results.push(await evaluateKind(backend, kind, rows, dir));
    return results;
  } finally {
    await backend.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
