import fs from 'node:fs';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { findRecordsPaths } from './json';
import { fixture, readAll, tempDir } from './test-helpers';

const dir = tempDir();
afterAll(() => dir.remove());

describe('JSON arrays', () => {
  it('streams each element as a row, nested objects and arrays kept as parsed', async () => {
    const records = [
      { id: 1, name: 'Hélène', address: { city: 'Québec', lines: ['12 rue X', 'App. 3'] }, tags: ['vip'], consent: { email: true, at: null } },
      { id: 2, name: 'Łukasz', address: null, tags: [], score: 1.5e3, big: 2 ** 70 },
    ];
    const { description, rows, problems } = await readAll(dir.write('customers.json', JSON.stringify(records, null, 2)));
    expect(description).toMatchObject({
      format: 'json',
      encoding: 'utf-8',
      delimiter: null,
      headers: ['id', 'name', 'address', 'tags', 'consent', 'score', 'big'],
    });
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { line: 1, values: records[0] },
      { line: 2, values: records[1] },
    ]);
  });

  it('reads the records at recordsPath and ignores the rest of the document', async () => {
    const { description, rows } = await readAll(fixture('crm-export.json'), { recordsPath: 'data.customers' });
    expect(description.headers).toEqual(['id', 'name', 'email', 'address', 'orders']);
    expect(rows.map((row) => [row.line, row.values.id, row.values.address])).toEqual([
      [1, 'c-1', { city: 'Québec', lines: ['12 rue X', 'App. 3'] }],
      [2, 'c-2', { city: 'Łódź', lines: [] }],
    ]);
    expect(rows[0]?.values.orders).toEqual([{ sku: 'A1', qty: 2 }]);
  });

  it('says so when recordsPath finds nothing, or the document is not an array', async () => {
    expect((await readAll(fixture('crm-export.json'), { recordsPath: 'data.clients' })).problems).toEqual([
      { line: 1, reason: 'no array of records at "data.clients"', raw: '', detail: { code: 'recordsPathMissing', params: { path: 'data.clients' } } },
    ]);
    const { problems } = await readAll(fixture('crm-export.json'));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.reason).toBe('expected an array of records at the top level');
    expect(problems[0]?.detail).toEqual({ code: 'recordsNotArray', params: {} });
    const meta = (await readAll(fixture('crm-export.json'), { recordsPath: 'meta' })).problems[0];
    expect(meta?.reason).toBe('expected an array of records at "meta"');
    expect(meta?.detail).toEqual({ code: 'recordsPathNotArray', params: { path: 'meta' } });
  });

  it('reports elements that are not objects and carries on', async () => {
    const { items } = await readAll(dir.write('mixed.json', '[{"a":1}, 42, "x", [1,2], null, {"a":2}, false]'));
    const notObject = (found: string) => ({ code: 'elementNotObject', params: { found } });
    expect(items).toEqual([
      { kind: 'row', row: { line: 1, values: { a: 1 } } },
      { kind: 'problem', problem: { line: 2, reason: 'element is a number, not an object', raw: '42', detail: notObject('number') } },
      { kind: 'problem', problem: { line: 3, reason: 'element is a string, not an object', raw: '"x"', detail: notObject('string') } },
      { kind: 'problem', problem: { line: 4, reason: 'element is an array, not an object', raw: '[1,2]', detail: notObject('array') } },
      { kind: 'problem', problem: { line: 5, reason: 'element is null, not an object', raw: 'null', detail: notObject('null') } },
      { kind: 'row', row: { line: 6, values: { a: 2 } } },
      { kind: 'problem', problem: { line: 7, reason: 'element is a boolean, not an object', raw: 'false', detail: notObject('boolean') } },
    ]);
  });

  it('a truncated file keeps every complete record and ends with one problem giving the position', async () => {
    const { rows, problems } = await readAll(dir.write('truncated.json', '[\n  {"id": 1},\n  {"id": 2},\n  {"id": 3, "name": "Ad'));
    expect(rows.map((row) => row.values.id)).toEqual([1, 2]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 3 });
    expect(problems[0]?.reason).toMatch(/^malformed JSON at line 4, column \d+: /);
    const column = Number(/column (\d+)/.exec(problems[0]!.reason)![1]);
    expect(column).toBeGreaterThan(0);
    expect(problems[0]?.detail).toEqual({ code: 'malformedJsonAt', params: { line: 4, character: column } });
    expect(problems[0]?.raw).toContain('"name": "Ad');
  });

  it('malformed JSON deep in a large file: all records before it are kept, none after', async () => {
    const good = Array.from({ length: 30_000 }, (_, i) => JSON.stringify({ id: i, email: `user${i}@example.com`, note: 'x'.repeat(20) }));
    // Far beyond the first 256 KiB chunk, in the middle of a chunk.
    const text = `[\n${good.join(',\n')},\n{"id": 30000, "email" "missing colon"},\n{"id": 30001}\n]`;
    const { rows, problems } = await readAll(dir.write('broken-late.json', text));
    expect(rows).toHaveLength(30_000);
    expect(rows.at(-1)).toEqual({ line: 30_000, values: { id: 29_999, email: 'user29999@example.com', note: 'x'.repeat(20) } });
    expect(problems).toEqual([
      {
        line: 30_001,
        reason: expect.stringMatching(/^malformed JSON at line 30002, column 23: expected ':'/),
        raw: expect.stringContaining('"email" "missing colon"'),
        detail: { code: 'malformedJsonAt', params: { line: 30_002, character: 23 } },
      },
    ]);
  });

  it('decodes a non-UTF-8 JSON file (UTF-16LE with BOM)', async () => {
    const file = dir.write('utf16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('[{"miasto":"Łódź"}]', 'utf-16le')]));
    const { description, rows } = await readAll(file);
    expect(description).toMatchObject({ format: 'json', encoding: 'utf-16le', hasBom: true });
    expect(rows).toEqual([{ line: 1, values: { miasto: 'Łódź' } }]);
  });

  it('reports an element over 1 MiB (one long value, many small ones, a long key, a long string element) and keeps the others', async () => {
    const mib = 1024 * 1024;
    const small = Array.from({ length: 30_000 }, (_, i) => ({ v: `value-${i}-${'z'.repeat(30)}` }));
    const elements = [
      '{"id":1}',
      `{"id":2,"profile":{"blob":"${'y'.repeat(2 * mib)}","after":true},"tail":1}`,
      '{"id":3}',
      JSON.stringify({ id: 4, list: small }),
      '{"id":5}',
      `{"${'k'.repeat(mib + 1)}":1,"id":6}`,
      `"${'s'.repeat(mib + 1)}"`,
      `{"id":8,"nested":[[{"x":"${'w'.repeat(600_000)}"}],[{"x":"${'w'.repeat(600_000)}"}]],"more":[1,2]}`,
      '{"id":9}',
    ];
    const tooLong = (line: number) => ({ line, reason: 'element longer than 1 MiB', detail: { code: 'elementTooLong', params: { maxMiB: 1 } } });
    for (const [name, text, options] of [
      ['long-elements.json', `[${elements.join(',\n')}]`, {}],
      // Before the records, a long value outside them costs no more than one inside.
      ['long-wrapped.json', `{"meta":{"note":"${'m'.repeat(2 * mib)}"},"data":{"customers":[${elements.join(',')}]}}`, { recordsPath: 'data.customers' }],
    ] as const) {
      const { items } = await readAll(dir.write(name, text), options);
      expect(items.map((item) => (item.kind === 'row' ? item.row : item.problem))).toEqual([
        { line: 1, values: { id: 1 } },
        { ...tooLong(2), raw: '{"id":2,"profile":{}}' },
        { line: 3, values: { id: 3 } },
        { ...tooLong(4), raw: expect.stringMatching(/^\{"id":4,"list":\[\{"v":"value-0-z+"\},/) },
        { line: 5, values: { id: 5 } },
        { ...tooLong(6), raw: '{}' },
        { ...tooLong(7), raw: 'null' },
        { ...tooLong(8), raw: expect.stringMatching(/^\{"id":8,"nested":\[\[\{"x":"w{9975}$/) },
        { line: 9, values: { id: 9 } },
      ]);
      const raws = items.flatMap((item) => (item.kind === 'problem' ? [item.problem.raw.length] : []));
      expect(Math.max(...raws)).toBe(10_000);
    }
  });

  it('keeps a "__proto__" key as data', async () => {
    const { rows } = await readAll(dir.write('proto.json', '[{"__proto__": {"admin": true}, "a": 1}]'));
    const values = rows[0]!.values as Record<string, unknown>;
    expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
    expect(Object.keys(values)).toEqual(['__proto__', 'a']);
  });
});

describe('where the records may be', () => {
  const paths = (name: string, text: string) => findRecordsPaths(dir.write(name, text), 'utf-8');

  it('offers the arrays of objects reached through object keys, in document order', async () => {
    expect(await findRecordsPaths(fixture('crm-export.json'), 'utf-8')).toEqual(['data.customers']);
    const text = JSON.stringify({
      meta: { tags: ['a', 'b'], pages: [], ids: [1, 2] },
      customers: [{ id: 1, orders: [{ sku: 'A1' }] }],
      'odd.key': [{ id: 1 }],
      '': [{ id: 1 }],
      response: { data: { page: { items: [{ id: 2 }] }, deeper: { still: { too: { far: [{ id: 3 }] } } } } },
      grid: [[{ id: 4 }]],
      mixed: [null, { id: 5 }],
      last: [{ id: 6 }],
    });
    expect(await paths('wrapped.json', text)).toEqual(['customers', 'response.data.page.items', 'last']);
  });

  it('offers nothing for a top-level array, a scalar or a broken document, and what it saw before an error', async () => {
    expect(await paths('array.json', '[{"id":1}]')).toEqual([]);
    expect(await paths('scalar.json', '"text"')).toEqual([]);
    expect(await paths('empty-object.json', '{}')).toEqual([]);
    expect(await paths('broken.json', '{"customers":[{"id":1}], "x": nope}')).toEqual(['customers']);
  });

  it('reads no value whole: a 2 MiB string before the records costs nothing', async () => {
    expect(await paths('long-meta.json', `{"note":"${'n'.repeat(2 * 1024 * 1024)}","${'k'.repeat(300)}":[{"a":1}],"data":[{"id":1}]}`)).toEqual(['data']);
  });
});

describe('JSON at scale', () => {
  it('streams a 300 MB string in one element: one problem, elements before and after kept, bounded memory', { timeout: 120_000 }, async () => {
    const file = `${dir.path}/huge-element.json`;
    const fd = fs.openSync(file, 'w');
    try {
      fs.writeSync(fd, '[\n{"id":1,"name":"small"},\n{"id":2,"payload":"');
      const megabyte = Buffer.alloc(1024 * 1024, 'x');
      for (let i = 0; i < 300; i++) fs.writeSync(fd, megabyte);
      fs.writeSync(fd, '","name":"huge"},\n{"id":3,"name":"after"},\n"not an object"\n]');
    } finally {
      fs.closeSync(fd);
    }
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const started = performance.now();
    try {
      const { items } = await readAll(file);
      peak = Math.max(peak, process.memoryUsage().rss);
      const seconds = (performance.now() - started) / 1000;
      console.info(`300 MB JSON element: ${seconds.toFixed(2)} s, RSS growth ${((peak - before) / 1024 / 1024).toFixed(0)} MB`);
      expect(items).toEqual([
        { kind: 'row', row: { line: 1, values: { id: 1, name: 'small' } } },
        {
          kind: 'problem',
          problem: { line: 2, reason: 'element longer than 1 MiB', raw: '{"id":2}', detail: { code: 'elementTooLong', params: { maxMiB: 1 } } },
        },
        { kind: 'row', row: { line: 3, values: { id: 3, name: 'after' } } },
        expect.objectContaining({
          kind: 'problem',
          problem: expect.objectContaining({ line: 4, detail: { code: 'elementNotObject', params: { found: 'string' } } }),
        }),
      ]);
      expect(peak - before).toBeLessThan(200 * 1024 * 1024);
    } finally {
      clearInterval(sampler);
      fs.rmSync(file, { force: true });
    }
  });
});

describe('NDJSON', () => {
  it('reads line by line: blank lines skipped, a bad line reported with its number, CRLF accepted', async () => {
    const { description, items } = await readAll(fixture('events.ndjson'));
    expect(description).toMatchObject({ format: 'ndjson', headers: ['id', 'email', 'tags', 'meta'] });
    expect(items).toEqual([
      { kind: 'row', row: { line: 1, values: { id: 1, email: 'a@example.com', tags: ['x'] } } },
      {
        kind: 'problem',
        problem: {
          line: 3,
          reason: expect.stringMatching(/^malformed JSON: /),
          raw: '{"id":2,"email":"b@example.com",}',
          detail: { code: 'malformedJson', params: {} },
        },
      },
      { kind: 'row', row: { line: 4, values: { id: 3, email: 'c@example.com', meta: { src: 'web' } } } },
    ]);
  });

  it('reports lines that are not objects and lines over 1 MiB, and keeps the lines after them', async () => {
    const huge = `{"blob":"${'y'.repeat(2 * 1024 * 1024)}"}`;
    const file = dir.write('odd.ndjson', `[1,2]\n"text"\n${huge}\n{"ok":true}`);
    const { items } = await readAll(file);
    expect(
      items.map((item) =>
        item.kind === 'row' ? ['row', item.row.line] : [item.problem.reason, item.problem.line, item.problem.raw.length, item.problem.detail],
      ),
    ).toEqual([
      ['line is not a JSON object', 1, 5, { code: 'lineNotObject', params: {} }],
      ['line is not a JSON object', 2, 6, { code: 'lineNotObject', params: {} }],
      ['line longer than 1 MiB', 3, 10_000, { code: 'lineTooLong', params: { maxMiB: 1 } }],
      ['row', 4],
    ]);
    fs.rmSync(file);
  });
});
