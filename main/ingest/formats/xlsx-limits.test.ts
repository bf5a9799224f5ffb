import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewFile } from './index';
import { appErrorOf, tempDir } from './test-helpers';
import { bombRows, customerRows, sheetXml, workbookParts, writeZip } from './test-workbook';
import type { XlsxLimits } from './xlsx-limits';

const dir = tempDir();
const file = (name: string): string => path.join(dir.path, name);
/** Sheet XML past the default 512 MiB a part, but kept as a few hundred kilobytes of ZIP. */
const BOMB_MB = 600;
const MiB = 1024 * 1024;

beforeAll(async () => {
  await writeZip(file('normal.xlsx'), workbookParts(sheetXml(customerRows(3))));
  await writeZip(file('bomb.xlsx'), workbookParts(sheetXml(bombRows(BOMB_MB))));
  // The same data, its size declared as one kilobyte in both the directory and the local header.
  await writeZip(
    file('lying.xlsx'),
    workbookParts(sheetXml(bombRows(BOMB_MB))).map((part) => (part.name === 'xl/worksheets/sheet1.xml' ? { ...part, declaredSize: 1024 } : part)),
  );
}, 60_000);
afterAll(() => dir.remove());

describe('XLSX limits', () => {
  it('refuses a sheet that unpacks past 512 MB from the ZIP directory alone, at once, and still reads a normal workbook after it', async () => {
    const started = Date.now();
    const error = await appErrorOf(previewFile(file('bomb.xlsx')));
    expect(error).toMatchObject({ code: 'FILE_TOO_LARGE', params: { reason: 'xlsxPart', part: 'xl/worksheets/sheet1.xml', max: 512 } });
    expect(error.message).toBe(
      "This workbook's part xl/worksheets/sheet1.xml unpacks to more than 512 MB, the most Custodia reads from one sheet or its shared strings.",
    );
    expect(Date.now() - started).toBeLessThan(2_000);
    const preview = await previewFile(file('normal.xlsx'));
    expect(preview.rows.map((row) => row.values)).toEqual([
      { name: 'Client 2', email: 'client2@example.com' },
      { name: 'Client 3', email: 'client3@example.com' },
      { name: 'Client 4', email: 'client4@example.com' },
    ]);
  });

  it('stops inflating a part as soon as it holds more than its ZIP directory declares', async () => {
    const started = Date.now();
    const error = await appErrorOf(previewFile(file('lying.xlsx')));
    expect(error).toMatchObject({ code: 'FILE_UNSUPPORTED', params: { detected: 'damaged-xlsx' } });
    expect(error.message).toMatch(/the part xl\/worksheets\/sheet1\.xml holds more than its ZIP directory declares/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('refuses a small sheet whose last value makes the grid of cells too large (the library pads every row up to it)', async () => {
    // 26 columns × 700,000 rows: 18.2 million cells, past the default 16.8 million, in a 1 kB sheet.
    const sparse = file('sparse.xlsx');
    await writeZip(
      sparse,
      workbookParts(sheetXml(() => ['<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row>', '<row r="700000"><c r="Z700000"><v>1</v></c></row>'])),
    );
    expect(await appErrorOf(previewFile(sparse))).toMatchObject({ code: 'FILE_TOO_LARGE', params: { reason: 'xlsxCells', max: 16_777_216 } });
  });

  it('refuses a workbook whose parts together unpack past the total limit', async () => {
    const limits: XlsxLimits = { partBytes: 4 * MiB, totalBytes: 3 * MiB, cells: 1e9 };
    const big = file('big.xlsx');
    const strings = () => Array.from({ length: 20_000 }, (_, index) => `<si><t>value ${index} ${'y'.repeat(80)}</t></si>`);
    // 1.3 MB of sheet and 2.2 MB of shared strings: each part within 4 MiB, together past 3 MiB.
    await writeZip(big, workbookParts(sheetXml(customerRows(10_000)), strings));
    expect(await appErrorOf(previewFile(big, {}, 20, limits))).toMatchObject({ code: 'FILE_TOO_LARGE', params: { reason: 'xlsxTotal', max: 3 } });
    expect((await previewFile(big, {}, 1, { ...limits, totalBytes: 8 * MiB })).rows).toHaveLength(1);
  });

  it('refuses a ZIP with an entry its central directory does not list (a streaming unzipper would read it)', async () => {
    const hidden = file('hidden.xlsx');
    const parts = workbookParts(sheetXml(customerRows(2)));
    await writeZip(hidden, [...parts.slice(0, 4), { name: 'xl/worksheets/sheet0.xml', content: sheetXml(bombRows(1)), unlisted: true }, ...parts.slice(4)]);
    const error = await appErrorOf(previewFile(hidden));
    expect(error).toMatchObject({ code: 'FILE_UNSUPPORTED', params: { detected: 'damaged-xlsx' } });
    expect(error.message).toMatch(/unlisted bytes/i);
  });
});
