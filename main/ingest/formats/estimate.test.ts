import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test-support/temp-vault';
import { estimateRows } from './estimate';
import { previewFile } from './index';

function customers(count: number): string {
  const lines = ['no_client;prénom;nom;courriel;ville'];
  for (let n = 1; n <= count; n += 1) lines.push(`${String(n).padStart(6, '0')};Hélène;Tremblay-${n % 97};helene${n % 1000}@exemple.ca;Montréal`);
  return lines.join('\r\n') + '\r\n';
}

async function estimateFor(name: string, bytes: Buffer): Promise<number | null> {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, bytes);
  return estimateRows(await previewFile(file, {}, 200), bytes.length);
}

describe('row estimates', () => {
  it('come within a few percent of the real count for CSV in UTF-8, cp1252 and UTF-16', async () => {
    const text = customers(20_000);
    for (const bytes of [Buffer.from(text, 'utf8'), iconv.encode(text, 'windows-1252'), iconv.encode(text, 'utf-16le', { addBOM: true })]) {
      const estimate = (await estimateFor('clients.csv', bytes))!;
      expect(Math.abs(estimate - 20_000) / 20_000).toBeLessThan(0.05);
    }
  });

  it("take a workbook's own row count, its size saying nothing about it", () => {
    const preview = {
      format: 'xlsx',
      encoding: 'binary',
      delimiter: null,
      hasBom: false,
      headers: ['a'],
      sheets: ['S'],
      rowCount: 1234,
      rows: [],
      problems: [],
    } as const;
    expect(estimateRows(preview, 10)).toBe(1234);
  });

  it('size JSON records by their JSON text', async () => {
    const records = Array.from({ length: 5_000 }, (_, n) => ({ id: 10_000 + n, name: `Łukasz ${n % 100}`, emails: [`l${n % 100}@wp.pl`] }));
    const estimate = (await estimateFor('clients.ndjson', Buffer.from(records.map((record) => JSON.stringify(record)).join('\n'))))!;
    expect(Math.abs(estimate - 5_000) / 5_000).toBeLessThan(0.05);
  });
});
