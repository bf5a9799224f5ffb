import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appErrorOf, tempDir } from './formats/test-helpers';
import { bombRows, customerRows, sheetXml, workbookParts, writeZip } from './formats/test-workbook';
import { previewFile } from './preview-isolated';

const dir = tempDir();
const file = (name: string): string => path.join(dir.path, name);

beforeAll(async () => {
  await writeZip(file('normal.xlsx'), workbookParts(sheetXml(customerRows(3))));
  await writeZip(file('bomb.xlsx'), workbookParts(sheetXml(bombRows(600))));
  // 26 MB of sheet XML: its text fits a 64 MB heap, the rows the library makes of it do not.
  await writeZip(file('large.xlsx'), workbookParts(sheetXml(customerRows(200_000))));
}, 60_000);
afterAll(() => dir.remove());

describe('previews in a worker', () => {
  it('gives the same preview as the readers, for a workbook and for text', async () => {
    expect(await previewFile(file('normal.xlsx'), {}, 2)).toMatchObject({
      format: 'xlsx',
      sheets: ['Clients'],
      headers: ['name', 'email'],
      rows: [
        { line: 2, values: { name: 'Client 2', email: 'client2@example.com' } },
        { line: 3, values: { name: 'Client 3', email: 'client3@example.com' } },
      ],
    });
    const csv = dir.write('clients.csv', 'id;name\n1;Hélène\n');
    expect(await previewFile(csv)).toMatchObject({ format: 'csv', delimiter: ';', rows: [{ line: 2, values: { id: '1', name: 'Hélène' } }] });
  });

  it('refuses a ZIP bomb with FILE_TOO_LARGE, and previews the next file', async () => {
    expect(await appErrorOf(previewFile(file('bomb.xlsx')))).toMatchObject({ code: 'FILE_TOO_LARGE', params: { reason: 'xlsxPart', max: 512 } });
    expect((await previewFile(file('normal.xlsx'))).rows).toHaveLength(3);
  });

  it('turns a worker that runs out of memory into FILE_TOO_LARGE (memory), and previews the next file', async () => {
    const error = await appErrorOf(previewFile(file('large.xlsx'), {}, 20, { resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 } }));
    expect(error).toMatchObject({ code: 'FILE_TOO_LARGE', params: { reason: 'memory', max: 64 } });
    expect(error.message).toBe('Reading this file needed more than the 64 MB of memory Custodia gives the reading of one file.');
    expect((await previewFile(file('normal.xlsx'))).rows).toHaveLength(3);
  }, 60_000);
});
