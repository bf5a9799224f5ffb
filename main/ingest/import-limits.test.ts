/**
 * A workbook that unpacks to far more than it weighs, imported and previewed through the API: refused
 * with the limit it went past, and the backend goes on serving.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJob, unwrap } from '../backend/run-job';
import { tempDir } from './formats/test-helpers';
import { bombRows, customerRows, sheetXml, workbookParts, writeZip } from './formats/test-workbook';
import { createVault } from '../test-support/temp-vault';

const dir = tempDir();
const bomb = path.join(dir.path, 'bomb.xlsx');
const sparse = path.join(dir.path, 'sparse.xlsx');
const normal = path.join(dir.path, 'clients.xlsx');

beforeAll(async () => {
  await writeZip(bomb, workbookParts(sheetXml(bombRows(600))));
  // One value at XFD1048576: 17 billion cells for the library to pad, in a sheet of a few hundred bytes.
  await writeZip(
    sparse,
    workbookParts(sheetXml(() => ['<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row>', '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'])),
  );
  await writeZip(normal, workbookParts(sheetXml(customerRows(3))));
}, 60_000);
afterAll(() => dir.remove());

describe('workbooks past the limits, through the API', () => {
  it('refuses their preview and their import with FILE_TOO_LARGE, opens no run, and imports a normal workbook after them', async () => {
    const { backend } = await createVault();
    const preview = await backend.call('import.preview', { file: bomb });
    expect(preview).toMatchObject({ ok: false, error: { code: 'FILE_TOO_LARGE', params: { reason: 'xlsxPart', part: 'xl/worksheets/sheet1.xml', max: 512 } } });
    expect(await runJob(backend, 'import.file', { file: bomb, source: 'Boutique' })).toMatchObject({
      ok: false,
      error: { code: 'FILE_TOO_LARGE', params: { reason: 'xlsxPart' } },
    });
    expect(await runJob(backend, 'import.file', { file: sparse, source: 'Boutique' })).toMatchObject({
      ok: false,
      error: { code: 'FILE_TOO_LARGE', params: { reason: 'xlsxCells', max: 16_777_216 } },
    });
    expect(unwrap(await backend.call('import.runs', {}))).toEqual([]);

    expect(unwrap(await backend.call('import.preview', { file: normal })).rows).toHaveLength(3);
    expect(unwrap(await runJob(backend, 'import.file', { file: normal, source: 'Boutique' }))).toMatchObject({ status: 'completed', inserted: 3, rejected: 0 });
  }, 60_000);
});
