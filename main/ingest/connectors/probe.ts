/**
 * Testing a connector: connect, read the first 20 rows, and show them with their headers and the mapping
 * the source has (or would get). Nothing is written except the audit entry saying the test was made.
 */
import { AppError } from '../../core/errors';
import { previewFile } from '../preview-isolated';
import type { Mapping } from '../mapping/fields';
import { suggestMapping } from '../mapping/suggest';
import type { RawRow, ReadProblem } from '../types';
import type { ConnectorSpec } from './config';
import { newestProcessed, PROCESSED, readyFiles } from './folder';
import { readBatches } from './readers';
import { headersOf } from './sync';

export const PROBE_ROWS = 20;
const PROBE_TIMEOUT_MS = 60_000;

export interface ProbeResult {
  readonly headers: string[];
  readonly rows: Array<{ line: number; values: Record<string, unknown> }>;
  readonly problems: ReadProblem[];
  readonly mapping: Mapping;
  readonly mappingFrom: 'source' | 'suggested';
  /** A remark for the person testing, in English (the command line prints it): an empty folder, files still arriving, rows from a file already imported. */
  readonly note: string | null;
  /** The same remark for the interface to say in the steward's language. */
  readonly noteDetail: ProbeNote | null;
}

export type ProbeNote =
  | { readonly code: 'folderEmpty'; readonly params: { readonly path: string } }
  | { readonly code: 'fromProcessed'; readonly params: { readonly file: string; readonly folder: string } }
  | { readonly code: 'readFrom'; readonly params: { readonly file: string; readonly others: number } }
  | { readonly code: 'nothingYet'; readonly params: Record<string, never> };

interface Sample {
  readonly rows: RawRow[];
  readonly problems: ReadProblem[];
  readonly note: string | null;
  readonly noteDetail: ProbeNote | null;
}

async function sample(spec: ConnectorSpec, signal: AbortSignal): Promise<Sample> {
  if (spec.kind === 'folder') {
    const { ready, waiting } = readyFiles({ ...spec.config, settleSeconds: 0 }, new Date());
    const file = ready[0];
    if (!file) {
      // Every file was imported and moved aside: the last one imported still shows the columns the folder gets.
      const imported = newestProcessed(spec.config.path);
      if (!imported) {
        return {
          rows: [],
          problems: [],
          note: `The folder is empty: drop a file into ${spec.config.path} to see its columns.`,
          noteDetail: { code: 'folderEmpty', params: { path: spec.config.path } },
        };
      }
      const preview = await previewFile(imported.path, spec.config.options, PROBE_ROWS);
      return {
        rows: [...preview.rows],
        problems: [...preview.problems],
        note: `No file is waiting in the folder: these rows come from ${imported.name}, already imported (in ${PROCESSED}/).`,
        noteDetail: { code: 'fromProcessed', params: { file: imported.name, folder: PROCESSED } },
      };
    }
    const preview = await previewFile(file.path, spec.config.options, PROBE_ROWS);
    const others = ready.length - 1 + waiting;
    return {
      rows: [...preview.rows],
      problems: [...preview.problems],
      note: `Read from ${file.name}${others > 0 ? ` (${others} other file${others === 1 ? '' : 's'} waiting)` : ''}.`,
      noteDetail: { code: 'readFrom', params: { file: file.name, others } },
    };
  }
  const rows: RawRow[] = [];
  const problems: ReadProblem[] = [];
  for await (const batch of readBatches(spec, null, signal, PROBE_ROWS)) {
    for (const item of batch.items) {
      if (item.kind === 'row') rows.push(item.row);
      else problems.push(item.problem);
    }
    if (rows.length + problems.length >= PROBE_ROWS) break;
  }
  const empty = rows.length === 0 && problems.length === 0;
  return {
    rows: rows.slice(0, PROBE_ROWS),
    problems,
    note: empty ? 'The connection works, but there is nothing to read yet.' : null,
    noteDetail: empty ? { code: 'nothingYet', params: {} } : null,
  };
}

export async function probeConnector(spec: ConnectorSpec, saved: Mapping | null, defaultCountry: string | null): Promise<ProbeResult> {
  const signal = AbortSignal.timeout(PROBE_TIMEOUT_MS);
  let read: Awaited<ReturnType<typeof sample>>;
  try {
    read = await sample(spec, signal);
  } catch (error) {
    if (signal.aborted) throw new AppError('CONNECTOR_FAILED', `The test did not finish within ${PROBE_TIMEOUT_MS / 1000} s.`, { kind: spec.kind });
    if (error instanceof AppError) throw error;
    throw new AppError('CONNECTOR_FAILED', error instanceof Error ? error.message : String(error), { kind: spec.kind });
  }
  const headers = headersOf(read.rows);
  return {
    headers,
    rows: read.rows.map((row) => ({ line: row.line, values: { ...row.values } })),
    problems: read.problems,
    mapping: saved ?? suggestMapping(headers, read.rows, defaultCountry ? { defaultCountry } : {}),
    mappingFrom: saved ? 'source' : 'suggested',
    note: read.note,
    noteDetail: read.noteDetail,
  };
}
