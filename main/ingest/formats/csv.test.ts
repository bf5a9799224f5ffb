import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvScanner, type CsvRecord } from './csv-scanner';
import { readAll, tempDir } from './test-helpers';
import { MAX_RECORD_CHARS } from './text';

const dir = tempDir();
afterAll(() => dir.remove());

/** Scans `text` fed in the given pieces; the records must not depend on where the pieces are cut. */
function scan(pieces: readonly string[], delimiter = ','): CsvRecord[] {
  const scanner = new CsvScanner(delimiter);
  const out: CsvRecord[] = [];
  for (const piece of pieces) scanner.push(piece, out);
  scanner.end(out);
  return out;
}

/** Deterministic pseudo-random cut points. */
function cut(text: string, seed: number): string[] {
  const pieces: string[] = [];
  let state = seed;
  for (let at = 0; at < text.length;) {
    state = (state * 1_103_515_245 + 12_345) & 0x7fffffff;
    const size = 1 + (state % 7);
    pieces.push(text.slice(at, at + size));
    at += size;
  }
  return pieces;
}

describe('CSV values and columns', () => {
  it('keeps values verbatim: formulas, signs, @, leading zeros, spaces, quotes', async () => {
    const file = dir.write(
      'verbatim.csv',
      'formula,phone,negative,handle,code,spaced,quoted\n=1+2,+48 601 234 567,-5,@foo,0012,  padded  ,"say ""hi"""\n"=HYPERLINK(""http://x"")",+33612345678,-0,@,007,,""\n',
    );
    const { rows } = await readAll(file);
    expect(rows).toEqual([
      {
        line: 2,
        values: { formula: '=1+2', phone: '+48 601 234 567', negative: '-5', handle: '@foo', code: '0012', spaced: '  padded  ', quoted: 'say "hi"' },
      },
      { line: 3, values: { formula: '=HYPERLINK("http://x")', phone: '+33612345678', negative: '-0', handle: '@', code: '007', spaced: '', quoted: '' } },
    ]);
  });

  it('names columns: trimmed, duplicates numbered, blanks by position', async () => {
    const file = dir.write('headers.csv', ' email ,Name,email,,email_2,\n1,2,3,4,5,6\n');
    const { description, rows } = await readAll(file);
    expect(description.headers).toEqual(['email', 'Name', 'email_3', 'column_4', 'email_2', 'column_6']);
    expect(rows[0]?.values).toEqual({ email: '1', Name: '2', email_3: '3', column_4: '4', email_2: '5', column_6: '6' });
  });

  it('a column literally named __proto__ is stored, not turned into a prototype', async () => {
    const { rows } = await readAll(dir.write('proto.csv', '__proto__,a\nx,y\n'));
    expect(Object.keys(rows[0]!.values)).toEqual(['__proto__', 'a']);
    expect(rows[0]!.values['__proto__']).toBe('x');
    expect(Object.getPrototypeOf(rows[0]!.values)).toBe(Object.prototype);
  });

  it('a header-only file has columns, zero rows and no problem', async () => {
    const result = await readAll(dir.write('header-only.csv', 'id;email;name\r\n'));
    expect(result.description.headers).toEqual(['id', 'email', 'name']);
    expect(result.items).toEqual([]);
    // Even without a final line break.
    expect((await readAll(dir.write('header-only-2.csv', 'id,email'))).description.headers).toEqual(['id', 'email']);
  });

  it('skips empty lines and Excel padding rows but keeps physical line numbers', async () => {
    const file = dir.write('blank-lines.csv', '\n\nname;city\r\n\r\nAda;Paris\r\n;;\r\n   \r\nBob;Lyon\r\n\r\n');
    const { description, rows, problems } = await readAll(file);
    expect(description.headers).toEqual(['name', 'city']);
    expect(rows).toEqual([
      { line: 5, values: { name: 'Ada', city: 'Paris' } },
      { line: 8, values: { name: 'Bob', city: 'Lyon' } },
    ]);
    expect(problems).toEqual([]);
  });

  it('delivers batches of the requested size', async () => {
    const file = dir.write('batches.csv', 'n\n1\n2\n3\n4\n5\n');
    const { batchSizes, rows } = await readAll(file, {}, 2);
    expect(batchSizes).toEqual([2, 2, 1]);
    expect(rows.map((row) => row.values.n)).toEqual(['1', '2', '3', '4', '5']);
  });
});

describe('CSV line numbers and damaged records', () => {
  it('counts the lines inside quoted fields, for LF and CRLF files', async () => {
    for (const newline of ['\n', '\r\n']) {
      const text =
        ['id,address,note', '1,"12 rue X', 'App. 3', '75001 Paris",ok', '2,"one line",fine', '3,"two', '', 'blank inside",x', '4,last,row'].join(newline) +
        newline;
      const { rows, problems } = await readAll(dir.write(`multiline-${newline.length}.csv`, text));
      expect(problems).toEqual([]);
      expect(rows.map((row) => [row.line, row.values.id])).toEqual([
        [2, '1'],
        [5, '2'],
        [6, '3'],
        [9, '4'],
      ]);
      expect(rows[0]?.values.address).toBe(`12 rue X${newline}App. 3${newline}75001 Paris`);
    }
  });

  it('reports ragged rows with their line and raw text, and carries on', async () => {
    const file = dir.write('ragged.csv', 'a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n');
    const { items } = await readAll(file);
    expect(items).toEqual([
      { kind: 'row', row: { line: 2, values: { a: '1', b: '2', c: '3' } } },
      {
        kind: 'problem',
        problem: { line: 3, reason: 'expected 3 fields, found 2', raw: '4,5', detail: { code: 'fieldCount', params: { expected: 3, found: 2 } } },
      },
      {
        kind: 'problem',
        problem: { line: 4, reason: 'expected 3 fields, found 4', raw: '6,7,8,9', detail: { code: 'fieldCount', params: { expected: 3, found: 4 } } },
      },
      { kind: 'row', row: { line: 5, values: { a: '10', b: '11', c: '12' } } },
    ]);
  });

  it('reports a malformed quote (closed later on the line) as one problem', async () => {
    const file = dir.write('bad-quote.csv', 'name,city\n"Bob "the builder" Smith",Leeds\nAda,Paris\n');
    const { items } = await readAll(file);
    expect(items[0]).toEqual({
      kind: 'problem',
      problem: {
        line: 2,
        reason: 'malformed quote (a quote inside a quoted field must be doubled)',
        raw: '"Bob "the builder" Smith",Leeds',
        detail: { code: 'malformedQuote', params: {} },
      },
    });
    expect(items[1]).toEqual({ kind: 'row', row: { line: 3, values: { name: 'Ada', city: 'Paris' } } });
  });

  it('a stray opening quote costs its own line only, not the rest of the file', async () => {
    const file = dir.write('stray-quote.csv', 'name,city\nAda,Paris\n"Bob,Leeds\nCy,Rome\nDi,Oslo\n');
    const { items } = await readAll(file);
    expect(items).toEqual([
      { kind: 'row', row: { line: 2, values: { name: 'Ada', city: 'Paris' } } },
      { kind: 'problem', problem: { line: 3, reason: 'unterminated quote', raw: '"Bob,Leeds', detail: { code: 'unterminatedQuote', params: {} } } },
      { kind: 'row', row: { line: 4, values: { name: 'Cy', city: 'Rome' } } },
      { kind: 'row', row: { line: 5, values: { name: 'Di', city: 'Oslo' } } },
    ]);
  });

  it('an unterminated quote on the last line is a problem', async () => {
    const { items } = await readAll(dir.write('open-end.csv', 'a,b\n1,2\n3,"four'));
    expect(items.at(-1)).toEqual({
      kind: 'problem',
      problem: { line: 3, reason: 'unterminated quote', raw: '3,"four', detail: { code: 'unterminatedQuote', params: {} } },
    });
  });

  it('a damaged header row still names the columns, and its problem has a header code', async () => {
    const malformed = await readAll(dir.write('header-bad-quote.csv', '"full "nick" name",city\nAda,Paris\n'));
    expect(malformed.description.headers).toEqual(['full "nick" name', 'city']);
    expect(malformed.items).toEqual([
      {
        kind: 'problem',
        problem: {
          line: 1,
          reason: 'header row: malformed quote (a quote inside a quoted field must be doubled)',
          raw: '"full "nick" name",city',
          detail: { code: 'headerMalformedQuote', params: {} },
        },
      },
      { kind: 'row', row: { line: 2, values: { 'full "nick" name': 'Ada', city: 'Paris' } } },
    ]);
    const open = await readAll(dir.write('header-open-quote.csv', 'id,"name'));
    expect(open.description.headers).toEqual(['id', 'name']);
    expect(open.items).toEqual([
      {
        kind: 'problem',
        problem: { line: 1, reason: 'header row: unterminated quote', raw: 'id,"name', detail: { code: 'headerUnterminatedQuote', params: {} } },
      },
    ]);
  });

  it('gives the same records whatever the chunk boundaries (CRLF split, quotes split, escaped quotes split)', () => {
    const text = 'id,text\r\n1,"a ""quoted""\r\nvalue"\r\n2,plain\r\n\r\n3,"x,y"\r\n4,"bad"q,z\r\n5,"open\r\n6,end\r\n';
    const whole = scan([text]);
    const unterminated = { code: 'unterminatedQuote', params: {} };
    expect(whole.map((record) => [record.line, record.fields, record.problem, record.detail])).toEqual([
      [1, ['id', 'text'], null, null],
      [2, ['1', 'a "quoted"\r\nvalue'], null, null],
      [4, ['2', 'plain'], null, null],
      [5, [''], null, null],
      [6, ['3', 'x,y'], null, null],
      // papaparse: `"bad"q` does not close; it runs to the end of the file and is recovered line by line.
      [7, null, 'unterminated quote', unterminated],
      [8, null, 'unterminated quote', unterminated],
      [9, ['6', 'end'], null, null],
    ]);
    for (let seed = 1; seed <= 30; seed++) expect(scan(cut(text, seed))).toEqual(whole);
    expect(scan(text.split(''))).toEqual(whole);
  });

  it('removes the CR of CRLF line ends, but keeps a CR that is data inside quotes or a quote ending a field', () => {
    const records = scan(['a,b\r\n1,"x\r"\r\n2,y"\r\n3,z\n']);
    expect(records.map((record) => record.fields)).toEqual([
      ['a', 'b'],
      ['1', 'x\r'],
      ['2', 'y"'],
      ['3', 'z'],
    ]);
  });

  it('handles old Mac line breaks (CR only)', async () => {
    const { rows } = await readAll(dir.write('mac.csv', 'a,b\r1,"x\ry"\r2,z\r'));
    expect(rows).toEqual([
      { line: 2, values: { a: '1', b: 'x\ry' } },
      { line: 4, values: { a: '2', b: 'z' } },
    ]);
  });

  it('a quoted field left open for more than 1 MiB: first line reported, reading resumes on the next line', async () => {
    const filler = Array.from({ length: 40_000 }, (_, i) => `${i},row ${i}`).join('\n'); // ~0.5 MB of good rows
    const text = `id,name\n1,"never closed\n${filler}\n${filler}\n${filler}\nlast,one\n`;
    const { problems, rows } = await readAll(dir.write('open-quote-big.csv', text));
    expect(problems[0]).toEqual({
      line: 2,
      reason: 'quoted field not closed within 1 MiB (unterminated quote?)',
      raw: '1,"never closed',
      detail: { code: 'quoteNotClosed', params: { maxMiB: 1 } },
    });
    expect(problems).toHaveLength(1);
    expect(rows).toHaveLength(3 * 40_000 + 1);
    expect(rows[0]).toEqual({ line: 3, values: { id: '0', name: 'row 0' } });
    expect(rows.at(-1)).toEqual({ line: 3 + 3 * 40_000, values: { id: 'last', name: 'one' } });
  });

  it('stays linear when every line has a stray quote (skips whole blocks once the recovery budget is spent)', async () => {
    const line = (i: number) => `${i},"stray ${'x'.repeat(40)}`;
    const body = Array.from({ length: 120_000 }, (_, i) => line(i)).join('\n'); // ~6 MB
    const started = Date.now();
    const { rows, problems } = await readAll(dir.write('stray-everywhere.csv', `id,text\n${body}\n9,ok\n`));
    expect(Date.now() - started).toBeLessThan(15_000);
    // Every damaged line is accounted for: reported alone or inside a skipped block, never silently lost.
    const covered = problems.reduce((sum, problem) => {
      const block = /lines (\d+)–(\d+) skipped/.exec(problem.reason);
      return sum + (block ? Number(block[2]) - Number(block[1]) + 1 : 1);
    }, 0);
    // The code carries what the English says: the block's first and last lines, or the single line's kind.
    const blocks = problems.filter((problem) => problem.detail?.code === 'quoteBlockSkipped');
    expect(blocks.length).toBeGreaterThan(0);
    for (const problem of problems) {
      const block = /lines (\d+)–(\d+) skipped$/.exec(problem.reason);
      if (block) expect(problem.detail).toEqual({ code: 'quoteBlockSkipped', params: { first: Number(block[1]), last: Number(block[2]) } });
      else if (problem.reason === 'unterminated quote') expect(problem.detail).toEqual({ code: 'unterminatedQuote', params: {} });
      else expect(problem.detail).toEqual({ code: 'quoteNotClosed', params: { maxMiB: 1 } });
    }
    expect(covered + rows.length).toBe(120_000 + 1); // + the "9,ok" line, which the last stray quote may swallow
    expect(problems.length).toBeLessThan(1_000);
    expect(problems.every((problem) => problem.raw.length <= 10_000)).toBe(true);
  });
});

describe('CSV at scale', () => {
  it('streams a 300 MB single field: one problem, rows before and after kept, bounded memory', { timeout: 60_000 }, async () => {
    const file = `${dir.path}/huge-field.csv`;
    const fd = fs.openSync(file, 'w');
    try {
      fs.writeSync(fd, 'id,payload\n1,small\n2,');
      const megabyte = Buffer.alloc(1024 * 1024, 'x');
      for (let i = 0; i < 300; i++) fs.writeSync(fd, megabyte);
      fs.writeSync(fd, '\n3,after\n4,"quoted\nafter"\n');
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
      console.info(`300 MB field: ${seconds.toFixed(2)} s, RSS growth ${((peak - before) / 1024 / 1024).toFixed(0)} MB`);
      expect(items).toHaveLength(4);
      expect(items[0]).toEqual({ kind: 'row', row: { line: 2, values: { id: '1', payload: 'small' } } });
      expect(items[1]).toMatchObject({
        kind: 'problem',
        problem: { line: 3, reason: 'record longer than 1 MiB', detail: { code: 'lineTooLong', params: { maxMiB: 1 } } },
      });
      expect(items[1]?.kind === 'problem' && items[1].problem.raw).toBe('2,' + 'x'.repeat(9_998));
      expect(items[2]).toEqual({ kind: 'row', row: { line: 4, values: { id: '3', payload: 'after' } } });
      expect(items[3]).toEqual({ kind: 'row', row: { line: 5, values: { id: '4', payload: 'quoted\nafter' } } });
      expect(peak - before).toBeLessThan(200 * 1024 * 1024);
    } finally {
      clearInterval(sampler);
      fs.rmSync(file, { force: true });
    }
  });

  it('parses a 200 000-row file (throughput logged)', { timeout: 60_000 }, async () => {
    const file = `${dir.path}/200k.csv`;
    const fd = fs.openSync(file, 'w');
    try {
      fs.writeSync(fd, 'id,first_name,last_name,email,phone,city,postal_code,country,created_at,note\n');
      let chunk = '';
      for (let i = 1; i <= 200_000; i++) {
        chunk += `${i},Jean-${i},"Dupont, ${i}",jean.${i}@example.com,+33 6 12 34 ${String(i % 100).padStart(2, '0')} 78,Paris,750${i % 20},FR,2024-01-15,"said ""hi"""\n`;
        if (chunk.length > 1 << 20) {
          fs.writeSync(fd, chunk);
          chunk = '';
        }
      }
      fs.writeSync(fd, chunk);
    } finally {
      fs.closeSync(fd);
    }
    const started = performance.now();
    let rows = 0;
    let last: unknown = null;
    const { openReader } = await import('./index');
    const reader = await openReader(file);
    for await (const batch of reader.batches()) {
      for (const item of batch) if (item.kind === 'row') rows++;
      last = batch.at(-1);
    }
    const seconds = (performance.now() - started) / 1000;
    console.info(
      `200k rows (${(fs.statSync(file).size / 1e6).toFixed(1)} MB): ${seconds.toFixed(2)} s, ${Math.round(rows / seconds).toLocaleString('en')} rows/s`,
    );
    expect(rows).toBe(200_000);
    expect(last).toMatchObject({ kind: 'row', row: { line: 200_001, values: { id: '200000', last_name: 'Dupont, 200000', note: 'said "hi"' } } });
    fs.rmSync(file, { force: true });
  });

  it('MAX_RECORD_CHARS is 1 MiB', () => {
    expect(MAX_RECORD_CHARS).toBe(1024 * 1024);
  });
});
