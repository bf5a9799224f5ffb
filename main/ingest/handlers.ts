import type { Source } from '../api/contract';
import type { Handlers } from '../backend/context';
import { previewFile } from './formats';
import { importFile } from './import-file';
import { suggestMapping } from './mapping/suggest';
import { exportRejects, listRejects, listRuns } from './runs';
import { findSource, listSources, saveSource } from './sources';

type IngestMethods = 'sources.list' | 'sources.save' | 'import.preview' | 'import.file' | 'import.runs' | 'import.rejects' | 'import.exportRejects';

export const ingestHandlers: Handlers<IngestMethods> = {
  'sources.list': (_input, { vaults }) => listSources(vaults.current().db),
  'sources.save': ({ name, purposes, lawfulBasis, defaultCountry, mapping }, { vaults, now }) =>
    vaults.mutate<Source>(
      (source) => ({ action: 'source.saved', objectType: 'source', objectId: source.id, details: { kind: source.kind, lawfulBasis } }),
      ({ db }) => saveSource(db, { name, kind: findSource(db, name)?.kind ?? 'file', purposes, lawfulBasis, defaultCountry, mapping }, now().toISOString()),
    ),
  'import.preview': async ({ file, options, source }, { vaults }) => {
    const preview = await previewFile(file, options, 20);
    const saved = source ? findSource(vaults.current().db, source)?.mapping : null;
    return {
      format: preview.format,
      encoding: preview.encoding,
      delimiter: preview.delimiter,
      headers: [...preview.headers],
      sheets: [...preview.sheets],
      rows: preview.rows.map((row) => ({ line: row.line, values: { ...row.values } })),
      problems: [...preview.problems],
      mapping: saved ?? suggestMapping([...preview.headers], [...preview.rows]),
      mappingFrom: saved ? ('source' as const) : ('suggested' as const),
    };
  },
  'import.file': (input, { vaults, now }, job) => importFile(vaults.current(), input, now, job),
  'import.runs': ({ sourceId, limit }, { vaults }) => listRuns(vaults.current().db, sourceId, limit),
  'import.rejects': ({ runId, offset, limit }, { vaults }) => listRejects(vaults.current().db, runId, offset, limit),
  'import.exportRejects': ({ runId, outFile }, { vaults }) => {
    const rows = vaults.mutate<number>(
      (count) => ({ action: 'import.rejects_exported', objectType: 'import_run', objectId: runId, details: { rows: count } }),
      ({ db }) => exportRejects(db, runId, outFile),
    );
    return { file: outFile, rows };
  },
};
