import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import writeExcelFile from 'write-excel-file/node';
import { describeFile } from './detect';
import { previewFile } from './index';
import { appErrorOf, readAll, tempDir } from './test-helpers';
import { formatCell } from './xlsx';

const dir = tempDir();
let workbook = '';

beforeAll(async () => {
  workbook = `${dir.path}/customers.xlsx`;
  await writeExcelFile([
    {
      sheet: 'Clients',
      data: [
        // Row 1 left empty on purpose: line numbers must stay sheet row numbers.
        [null, null, null, null, null, null, null, null],
        ['Nom', 'Email', 'Téléphone', 'Montant', 'Inscrit le', 'Dernier contact', 'Actif', 'Code'],
        [
          'Hélène Lefèvre',
          'helene@example.fr',
          '+33 6 12 34 56 78',
          0.1 + 0.2,
          { value: new Date(Date.UTC(2024, 2, 5)), format: 'dd/mm/yyyy' },
          { value: new Date(Date.UTC(2024, 2, 5, 14, 30, 0)), format: 'dd/mm/yyyy hh:mm' },
          true,
          '0012',
        ],
        [null, null, null, null, null, null, null, null],
        ['=1+2', '@handle', 48601234567, -5, null, null, false, '-0'],
      ],
    },
    {
      sheet: 'Notes',
      data: [
        ['sujet', 'texte'],
        ['rappel', 'Appeler Łukasz'],
      ],
    },
  ]).toFile(workbook);
});
afterAll(() => dir.remove());

describe('XLSX', () => {
  it('lists the sheets and reads the first one: header row, values as a user sees them, sheet row numbers', async () => {
    const { description, rows, problems } = await readAll(workbook);
    // Blank rows do not count: the progress bar's total is the rows the import will read.
    expect(description).toMatchObject({ format: 'xlsx', delimiter: null, hasBom: false, sheets: ['Clients', 'Notes'], rowCount: 2 });
    expect(description.headers).toEqual(['Nom', 'Email', 'Téléphone', 'Montant', 'Inscrit le', 'Dernier contact', 'Actif', 'Code']);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      {
        line: 3,
        values: {
          Nom: 'Hélène Lefèvre',
          Email: 'helene@example.fr',
          Téléphone: '+33 6 12 34 56 78',
          Montant: '0.3',
          'Inscrit le': '2024-03-05',
          'Dernier contact': '2024-03-05T14:30:00',
          Actif: 'TRUE',
          Code: '0012',
        },
      },
      {
        line: 5,
        values: { Nom: '=1+2', Email: '@handle', Téléphone: '48601234567', Montant: '-5', 'Inscrit le': '', 'Dernier contact': '', Actif: 'FALSE', Code: '-0' },
      },
    ]);
  });

  it('reads the sheet the steward chose, and refuses one that does not exist', async () => {
    expect(await readAll(workbook, { sheet: 'Notes' })).toMatchObject({
      description: { headers: ['sujet', 'texte'], sheets: ['Clients', 'Notes'] },
      rows: [{ line: 2, values: { sujet: 'rappel', texte: 'Appeler Łukasz' } }],
    });
    const error = await appErrorOf(describeFile(workbook, { sheet: 'Archive' }));
    expect(error).toMatchObject({ code: 'INVALID_INPUT', params: { sheet: 'Archive' } });
  });

  it('is recognised by content even when renamed .csv, and previews only the rows asked for', async () => {
    const renamed = `${dir.path}/export.csv`;
    fs.copyFileSync(workbook, renamed);
    const preview = await previewFile(renamed, {}, 1);
    expect(preview).toMatchObject({ format: 'xlsx', sheets: ['Clients', 'Notes'], problems: [] });
    expect(preview.rows).toEqual([expect.objectContaining({ line: 3 })]);
  });

  it('refuses a text file passed as xlsx, and a damaged workbook', async () => {
    const text = `${dir.path}/not.xlsx`;
    fs.writeFileSync(text, 'a,b\n1,2\n');
    expect((await appErrorOf(describeFile(text, { format: 'xlsx' }))).code).toBe('FILE_UNSUPPORTED');
    const damaged = `${dir.path}/damaged.xlsx`;
    fs.writeFileSync(damaged, fs.readFileSync(workbook).subarray(0, 400));
    expect((await appErrorOf(describeFile(damaged))).code).toBe('FILE_UNSUPPORTED');
  });

  it('formats cells without float noise and with ISO dates', () => {
    expect(formatCell(1.1 * 3)).toBe('3.3');
    expect(formatCell(123456789012345680000)).toBe('123456789012346000000');
    expect(formatCell(1e-7)).toBe('1e-7');
    expect(formatCell(new Date(Date.UTC(1899, 11, 30, 8, 15)))).toBe('08:15:00'); // a time-only cell
    expect(formatCell(new Date(Date.UTC(2023, 11, 31, 23, 59, 59, 999)))).toBe('2024-01-01');
    expect(formatCell(null)).toBe('');
  });
});
