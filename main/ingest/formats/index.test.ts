import crypto from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadItem } from '../types';
import { hashFile } from './bytes';
import { describeFile, openReader, previewFile } from './index';
import { appErrorOf, eventually, fixture, openDescriptorsOf, tempDir } from './test-helpers';

const dir = tempDir();
let big = '';
const BIG_ROWS = 100_000;

beforeAll(() => {
  big = dir.write('big.csv', 'id,email\n' + Array.from({ length: BIG_ROWS }, (_, i) => `${i + 1},user${i + 1}@example.com`).join('\n') + '\n');
});
afterAll(() => dir.remove());

describe('previewFile', () => {
  it('returns the first rows and closes the file without reading on', async () => {
    const preview = await previewFile(big, {}, 5);
    expect(preview).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ',', headers: ['id', 'email'], sheets: [], problems: [] });
    expect(preview.rows.map((row) => [row.line, row.values.id])).toEqual([
      [2, '1'],
      [3, '2'],
      [4, '3'],
      [5, '4'],
      [6, '5'],
    ]);
    expect(await eventually(() => openDescriptorsOf(big) === 0)).toBe(true);
  });

  it('includes the problems met before the rows, and the JSON keys as headers', async () => {
    const file = dir.write('preview.csv', 'a,b\n1\n2,3\n');
    expect(await previewFile(file, {}, 1)).toMatchObject({
      rows: [{ line: 3, values: { a: '2', b: '3' } }],
      problems: [{ line: 2, reason: 'expected 2 fields, found 1' }],
    });
    const json = await previewFile(fixture('crm-export.json'), { recordsPath: 'data.customers' }, 1);
    expect(json).toMatchObject({ format: 'json', headers: ['id', 'name', 'email', 'address', 'orders'] });
    expect(json.rows).toHaveLength(1);
  });

  it('rows = 0 still gives the column names', async () => {
    expect(await previewFile(big, {}, 0)).toMatchObject({ headers: ['id', 'email'], rows: [], problems: [] });
  });
});

describe('openReader', () => {
  it('describes the file, then streams every row in batches; each call reads from the start', async () => {
    const reader = await openReader(big);
    expect(reader.description).toEqual({ format: 'csv', encoding: 'utf-8', delimiter: ',', hasBom: false, headers: ['id', 'email'], sheets: [] });
    for (let pass = 0; pass < 2; pass++) {
      const sizes: number[] = [];
      let last: ReadItem | undefined;
      for await (const batch of reader.batches()) {
        sizes.push(batch.length);
        last = batch.at(-1);
      }
      expect(sizes).toEqual([...Array<number>(50).fill(2_000)]);
      expect(last).toEqual({ kind: 'row', row: { line: BIG_ROWS + 1, values: { id: String(BIG_ROWS), email: `user${BIG_ROWS}@example.com` } } });
    }
  });

  it('stops with CANCELLED when the signal aborts between batches, and closes the file', async () => {
    const reader = await openReader(big);
    const controller = new AbortController();
    let batches = 0;
    const error = await appErrorOf(
      (async () => {
        for await (const _batch of reader.batches(controller.signal, 1_000)) {
          batches++;
          if (batches === 3) controller.abort();
        }
      })(),
    );
    expect(error.code).toBe('CANCELLED');
    expect(batches).toBe(3);
    expect(await eventually(() => openDescriptorsOf(big) === 0)).toBe(true);
  });

  it('an already aborted signal reads nothing', async () => {
    const reader = await openReader(big);
    const controller = new AbortController();
    controller.abort();
    const iterator = reader.batches(controller.signal)[Symbol.asyncIterator]();
    expect((await appErrorOf(iterator.next())).code).toBe('CANCELLED');
  });

  it('stops promptly inside a long stretch without rows (a skipped giant line)', async () => {
    const file = `${dir.path}/giant-line.csv`;
    const fd = fs.openSync(file, 'w');
    fs.writeSync(fd, 'a\n');
    const block = Buffer.alloc(1024 * 1024, 'z');
    for (let i = 0; i < 64; i++) fs.writeSync(fd, block);
    fs.closeSync(fd);
    const reader = await openReader(file);
    const controller = new AbortController();
    const iterator = reader.batches(controller.signal)[Symbol.asyncIterator]();
    const pending = iterator.next();
    setTimeout(() => controller.abort(), 5);
    expect((await appErrorOf(pending)).code).toBe('CANCELLED');
    expect(await eventually(() => openDescriptorsOf(file) === 0)).toBe(true);
  });

  it('refuses a bad batch size', async () => {
    const reader = await openReader(big);
    expect(() => reader.batches(undefined, 0)).toThrow(RangeError);
  });

  it('surfaces refusals from sniffing', async () => {
    expect((await appErrorOf(openReader(fixture('photo.csv')))).code).toBe('FILE_UNSUPPORTED');
    expect((await appErrorOf(describeFile(dir.write('zero.csv', '')))).code).toBe('FILE_EMPTY');
  });
});

describe('hashFile', () => {
  it('is the SHA-256 of the bytes, streamed', async () => {
    const expected = crypto.createHash('sha256').update(fs.readFileSync(big)).digest('hex');
    expect(await hashFile(big)).toBe(expected);
    expect(await hashFile(dir.write('empty.bin', ''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('stops with CANCELLED when the job is cancelled while it reads', async () => {
    const controller = new AbortController();
    controller.abort();
    expect((await appErrorOf(hashFile(big, controller.signal))).code).toBe('CANCELLED');
  });
});
