import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import writeExcelFile from 'write-excel-file/node';
import type { Backend } from '../backend/backend';
import { runJob, unwrap } from '../backend/run-job';
import { createVault, ok, tempDir } from '../test-support/temp-vault';

const HEADER = ['no_client', 'prénom', 'nom', 'courriel'];
const NOTES = [
  ['Sujet', 'Remarque'],
  ['Inventaire', 'Compter les cartons'],
];

async function workbook(name: string, sheets: Readonly<Record<string, readonly (readonly string[])[]>>): Promise<string> {
  const file = path.join(tempDir(), name);
  await writeExcelFile(Object.entries(sheets).map(([sheet, data]) => ({ sheet, data: data.map((row) => [...row]) }))).toFile(file);
  return file;
}

function written(name: string, content: string | Buffer): string {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, content);
  return file;
}

async function readOptionsOf(backend: Backend, source: string) {
  return (await ok(backend, 'sources.list')).find((candidate) => candidate.name === source)?.readOptions;
}

const firstNames = (rows: readonly { values: Readonly<Record<string, unknown>> }[]): unknown[] => rows.map((row) => row.values['prénom']);

describe('the read options a source remembers', () => {
  it('reads the next workbook of a source from the sheet chosen for the first, unless other options are given', async () => {
    const { backend } = await createVault();
    const first = await workbook('mars.xlsx', { Notes: NOTES, Clients: [HEADER, ['1', 'Hélène', 'Tremblay', 'helene@exemple.ca']] });
    unwrap(await runJob(backend, 'import.file', { file: first, source: 'Boutique', options: { sheet: 'Clients' } }));
    expect(await readOptionsOf(backend, 'Boutique')).toEqual({ sheet: 'Clients' });

    const next = await workbook('avril.xlsx', { Notes: NOTES, Clients: [HEADER, ['2', 'Łukasz', 'Wójcik', 'lukasz@wp.pl']] });
    const preview = await ok(backend, 'import.preview', { file: next, source: 'Boutique' });
    expect(preview).toMatchObject({ format: 'xlsx', headers: HEADER, savedOptions: { used: { sheet: 'Clients' }, missing: {} } });
    expect(firstNames(preview.rows)).toEqual(['Łukasz']);

    // Options given are the steward's, even none: the first sheet again.
    const chosen = await ok(backend, 'import.preview', { file: next, source: 'Boutique', options: {} });
    expect(chosen).toMatchObject({ headers: ['Sujet', 'Remarque'], savedOptions: null });
    // Another source has nothing saved.
    expect(await ok(backend, 'import.preview', { file: next, source: 'Autre' })).toMatchObject({ headers: ['Sujet', 'Remarque'], savedOptions: null });
  });

  it('ignores a saved sheet for a CSV and keeps it, and falls back to the first sheet of a workbook without it', async () => {
    const { backend } = await createVault();
    const first = await workbook('mars.xlsx', { Notes: NOTES, Clients: [HEADER, ['1', 'Hélène', 'Tremblay', 'helene@exemple.ca']] });
    unwrap(await runJob(backend, 'import.file', { file: first, source: 'Boutique', options: { sheet: 'Clients' } }));

    // A French Excel export in Windows-1252: the sheet means nothing to it, and is not forgotten by importing it.
    const csv = written('avril.csv', iconv.encode(`${HEADER.join(';')}\n2;François;Côté;francois@exemple.ca\n`, 'windows-1252'));
    expect(await ok(backend, 'import.preview', { file: csv, source: 'Boutique' })).toMatchObject({ format: 'csv', savedOptions: null });
    unwrap(await runJob(backend, 'import.file', { file: csv, source: 'Boutique', options: { encoding: 'windows-1252', sheet: 'Ignored' } }));
    expect(await readOptionsOf(backend, 'Boutique')).toEqual({ sheet: 'Clients', encoding: 'windows-1252' });

    const renamed = await workbook('mai.xlsx', { Clientèle: [HEADER, ['3', 'Zoë', 'Müller', 'zoe@exemple.ch']] });
    const preview = await ok(backend, 'import.preview', { file: renamed, source: 'Boutique' });
    expect(preview).toMatchObject({ format: 'xlsx', sheets: ['Clientèle'], savedOptions: { used: {}, missing: { sheet: 'Clients' } } });
    expect(firstNames(preview.rows)).toEqual(['Zoë']);
    // Imported from its first sheet (as previewed), the workbook leaves no sheet saved; the encoding stays.
    unwrap(await runJob(backend, 'import.file', { file: renamed, source: 'Boutique', options: preview.savedOptions!.used }));
    expect(await readOptionsOf(backend, 'Boutique')).toEqual({ encoding: 'windows-1252' });
  });

  it('reads the next JSON document of a source at the records path chosen for the first, or as detected when it has none there', async () => {
    const { backend } = await createVault();
    const document = (customers: unknown[], key = 'customers') => JSON.stringify({ meta: { page: 1 }, data: { [key]: customers } });
    const first = written('mars.json', document([{ id: 'c-1', prénom: 'Hélène', email: 'helene@exemple.fr' }]));
    unwrap(await runJob(backend, 'import.file', { file: first, source: 'CRM', options: { recordsPath: 'data.customers' } }));
    expect(await readOptionsOf(backend, 'CRM')).toEqual({ recordsPath: 'data.customers' });

    const next = written('avril.json', document([{ id: 'c-2', prénom: 'Anna', email: 'anna@wp.pl' }]));
    const preview = await ok(backend, 'import.preview', { file: next, source: 'CRM' });
    expect(preview).toMatchObject({ format: 'json', problems: [], savedOptions: { used: { recordsPath: 'data.customers' }, missing: {} } });
    expect(firstNames(preview.rows)).toEqual(['Anna']);

    const moved = written('mai.json', document([{ id: 'c-3', prénom: 'Agnès', email: 'agnes@exemple.fr' }], 'clients'));
    expect(await ok(backend, 'import.preview', { file: moved, source: 'CRM' })).toMatchObject({
      recordsPaths: ['data.clients'],
      savedOptions: { used: {}, missing: { recordsPath: 'data.customers' } },
    });
  });

  it('is not saved by an import that does not complete', async () => {
    const { backend } = await createVault();
    const lines = [HEADER.join(';')];
    for (let index = 0; index < 20_000; index += 1) lines.push(`${index};Prénom${index};Nom${index};p${index}@exemple.ca`);
    const file = written('clients.csv', lines.join('\n'));
    const { jobId } = await ok(backend, 'import.file', { file, source: 'Boutique', options: { delimiter: ';' } });
    await new Promise<void>((resolve) => {
      const stop = backend.onEvent((event) => {
        if (event.type === 'job.progress' && event.jobId === jobId && event.done > 0) {
          stop();
          void backend.call('jobs.cancel', { jobId }).then(() => resolve());
        }
      });
    });
    await expect.poll(async () => (await ok(backend, 'jobs.get', { jobId })).status).toBe('cancelled');
    expect((await ok(backend, 'sources.list'))[0]).toMatchObject({ name: 'Boutique', lastRun: { status: 'cancelled' }, readOptions: null });
  });
});
