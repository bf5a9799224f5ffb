import fs from 'node:fs';
import path from 'node:path';
import type { SliceHandlers } from '../core/handlers';
import type { CapabilityContext } from '../vault/index';
import type { ingestMethods } from './contract';
import { findRecordsPaths } from './formats/json';
import { importFile } from './import-file';
import { previewFile } from './preview-isolated';
import { previewWithSaved } from './read-options';
import { suggestMapping } from './mapping/suggest';
import { exportRejects, listRejects, listRuns, rejectsCsv } from './runs';
import { saveSourceEdited } from './source-save';
import { undoRunJob } from './undo-job';
import { planUndo } from './undo-run';
import { findSource, listSources } from './sources';

export const ingestHandlers: SliceHandlers<typeof ingestMethods, CapabilityContext> = {
  'sources.list': (_input, { vaults }) => listSources(vaults.current().db),
  'sources.save': (input, { vaults, now }) => saveSourceEdited(vaults, input, now().toISOString()),
  'import.preview': async ({ file, options, source }, { vaults }) => {
    const known = source ? findSource(vaults.current().db, source) : null;
    const { preview, use } =
      options === undefined && known?.readOptions
        ? await previewWithSaved(file, known.readOptions, 20)
        : { preview: await previewFile(file, options, 20), use: null };
    const saved = known?.mapping;
    return {
      format: preview.format,
      encoding: preview.encoding,
      delimiter: preview.delimiter,
      headers: [...preview.headers],
      sheets: [...preview.sheets],
      rows: preview.rows.map((row) => ({ line: row.line, values: { ...row.values } })),
      problems: [...preview.problems],
      recordsPaths: preview.format === 'json' ? await findRecordsPaths(file, preview.encoding) : [],
      // A known source's country settles what the values cannot (an ambiguous day/month, a national phone).
      mapping: saved ?? suggestMapping([...preview.headers], [...preview.rows], known?.defaultCountry ? { defaultCountry: known.defaultCountry } : {}),
      mappingFrom: saved ? ('source' as const) : ('suggested' as const),
      savedOptions: use,
    };
  },
  'import.file': async (input, { vaults, now }, job) => {
    const vault = vaults.current();
    try {
      await vaults.pages.assertIntact(vault);
      return await importFile(vault, input, now, job);
    } finally {
      // A copy staged from the browser holds personal data in the clear: it goes once the run is over.
      const folder = path.dirname(path.resolve(input.file));
      if (path.dirname(folder) === vault.files.staging) fs.rmSync(folder, { recursive: true, force: true });
    }
  },
  'import.runs': ({ sourceId, limit }, { vaults }) => listRuns(vaults.current().db, sourceId, limit),
  'import.undoPlan': ({ runId }, { vaults, now }) => planUndo(vaults.current().db, runId, now()),
  'import.undo': ({ runId }, { vaults, now }, job) => undoRunJob(vaults, runId, now, job),
  'import.rejects': ({ runId, offset, limit }, { vaults }) => listRejects(vaults.current().db, runId, offset, limit),
  'import.exportRejects': ({ runId, outFile, overwrite, language }, { vaults }) =>
    vaults.mutate<{ file: string; rows: number }>(
      ({ rows }) => ({ action: 'import.rejects_exported', objectType: 'import_run', objectId: runId, details: { rows } }),
      ({ db }) => exportRejects(db, runId, outFile, { overwrite, language }),
    ),
  'import.rejectsCsv': ({ runId, language }, { vaults }) =>
    vaults.mutate<{ csv: string; rows: number }>(
      ({ rows }) => ({ action: 'import.rejects_exported', objectType: 'import_run', objectId: runId, details: { rows } }),
      ({ db }) => {
        let csv = '';
        let rows = 0;
        for (const chunk of rejectsCsv(db, runId, { language })) {
          csv += chunk.text;
          rows += chunk.rows;
        }
        return { csv, rows };
      },
    ),
};
