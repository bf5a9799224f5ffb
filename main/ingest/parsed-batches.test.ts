import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../core/errors';
import { tempDir } from '../test-support/temp-vault';
import { suggestMapping } from './mapping/suggest';
import { parsedBatches, workerFailure } from './parsed-batches';
import { openReader } from './formats';
import { prepareItems, type WriteItem } from './write-items';
import { customerRows, sheetXml, workbookParts, writeZip } from './formats/test-workbook';

const HEADER = 'customer_no,first_name,last_name,email';

/** 25 customers; line 8 has a stray field, line 15 an email that is not one. */
function customersCsv(): string {
  const lines = [HEADER];
  for (let n = 1; n <= 25; n += 1) {
    const line = n + 1;
    if (line === 8) lines.push(`C${n},Extra,Field,x${n}@example.ca,surplus`);
    else if (line === 15) lines.push(`C${n},Bad,Email,not-an-email`);
    else lines.push(`C${n},Given${n},Family${n},person${n}@example.ca`);
  }
  return lines.join('\n') + '\n';
}

async function collect(file: string, workers: number, batchSize: number): Promise<WriteItem[][]> {
  const mapping = suggestMapping(HEADER.split(','), []);
  const batches: WriteItem[][] = [];
  for await (const batch of parsedBatches(file, {}, mapping, batchSize, new AbortController().signal, null, workers)) {
    const items = [...batch.items];
    expect(items).toHaveLength(batch.size);
    batches.push(items);
  }
  return batches;
}

describe('parse workers', () => {
  it('share a file batch by batch and hand the rows over in file order', async () => {
    const file = path.join(tempDir(), 'customers.csv');
    fs.writeFileSync(file, customersCsv());
    const one = await collect(file, 1, 4);
    const three = await collect(file, 3, 4);
    expect(three).toEqual(one);
    expect(three.map((batch) => batch.length)).toEqual([4, 4, 4, 4, 4, 4, 1]);
    const items = three.flat();
    expect(items.map((item) => item.line)).toEqual(Array.from({ length: 25 }, (_, index) => index + 2));
    expect(items.filter((item) => item.kind === 'reject').map((item) => item.line)).toEqual([8]);
    // A bad email is a flag on a record that is kept, not a reason to drop the person.
    expect(items.find((item) => item.line === 15)).toMatchObject({ kind: 'record', record: { flags: [{ field: 'email', raw: 'not-an-email' }] } });
    // A ragged row's reason carries its code, for the interface to translate.
    expect(items.find((item) => item.line === 8)).toMatchObject({ kind: 'reject', details: [{ code: 'fieldCount', params: { expected: 4, found: 5 } }] });
    // Whether the worker or the writer prepared a chunk (the writer does when it runs short), the items
    // are those of preparing the file's rows directly.
    const direct: WriteItem[] = [];
    const reader = await openReader(file, {});
    for await (const chunk of reader.batches(new AbortController().signal, 4)) direct.push(...prepareItems(chunk, suggestMapping(HEADER.split(','), [])));
    expect(items).toEqual(direct);
    const first = items[0]!;
    expect(first.kind === 'record' && first.record).toMatchObject({
      key: 'C1',
      displayName: 'Given1 Family1',
      identifiers: ['email', 'person1@example.ca', 'person1@example.ca'],
    });
  });

  it('report a reading error from whichever worker meets it', async () => {
    const file = path.join(tempDir(), 'empty.csv');
    fs.writeFileSync(file, '');
    const failure = await collect(file, 2, 4).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).code).toBe('FILE_EMPTY');
  });

  it('keep their own errors as they are and turn anything else into an error the backend logs and maps', () => {
    const empty = workerFailure({ code: 'FILE_EMPTY', message: 'The file is empty.' });
    expect(empty).toBeInstanceOf(AppError);
    expect((empty as AppError).code).toBe('FILE_EMPTY');
    // A file removed half-way: the backend maps the errno to IO_ERROR (see Backend.mapError).
    const gone = workerFailure({ code: 'ENOENT', message: 'ENOENT: no such file or directory', stack: 'Error: ENOENT\n    at read (reader.ts:1:1)' });
    expect(gone).not.toBeInstanceOf(AppError);
    expect(gone).toMatchObject({ code: 'ENOENT', message: 'ENOENT: no such file or directory', stack: 'Error: ENOENT\n    at read (reader.ts:1:1)' });
    // A bug: no code, its stack kept for custodia.log.
    const bug = workerFailure({ message: "Cannot read properties of undefined (reading 'x')", stack: 'TypeError: …\n    at apply (apply.ts:9:9)' });
    expect(bug).not.toBeInstanceOf(AppError);
    expect(bug.stack).toContain('apply.ts:9:9');
  });
});

describe('parse workers out of memory', () => {
  it('end the run with FILE_TOO_LARGE (memory), not the process', async () => {
    const file = path.join(tempDir(), 'large.xlsx');
    // 26 MB of sheet XML: its text fits a 64 MB heap, the rows the library makes of it do not.
    await writeZip(file, workbookParts(sheetXml(customerRows(200_000))));
    const mapping = suggestMapping(['name', 'email'], []);
    const limits = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 };
    const failure = await (async () => {
      for await (const batch of parsedBatches(file, {}, mapping, 1_000, new AbortController().signal, null, 1, limits)) void batch;
    })().catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'FILE_TOO_LARGE', params: { reason: 'memory', max: 64 } });
    expect(failure).toBeInstanceOf(AppError);
  }, 60_000);
});
