/**
 * Tests only: writes real .xlsx files part by part, streaming each part through zlib, so that a test can
 * make a workbook whose sheet inflates to hundreds of megabytes without holding them, and can make the
 * ZIP lie (a declared size smaller than the data, an entry its directory does not list).
 */
import fs from 'node:fs';
import zlib from 'node:zlib';

export interface Part {
  readonly name: string;
  /** The part's content, produced chunk by chunk. */
  readonly content: () => Iterable<string | Buffer>;
  /** A size to declare instead of the true one. */
  readonly declaredSize?: number;
  /** Left out of the central directory (its local header and data stay in the file). */
  readonly unlisted?: boolean;
}

interface Written {
  readonly part: Part;
  readonly offset: number;
  readonly crc: number;
  readonly compressed: number;
  readonly size: number;
}

async function deflate(part: Part): Promise<{ data: Buffer; crc: number; size: number }> {
  const deflater = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflater.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = new Promise<void>((resolve, reject) => deflater.on('end', resolve).on('error', reject));
  let crc = 0;
  let size = 0;
  for (const piece of part.content()) {
    const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
    crc = zlib.crc32(chunk, crc);
    size += chunk.length;
    if (!deflater.write(chunk)) await new Promise((resolve) => deflater.once('drain', resolve));
  }
  deflater.end();
  await ended;
  return { data: Buffer.concat(out), crc, size };
}

function header(signature: number, fields: readonly [bytes: 2 | 4, value: number][], name: Buffer): Buffer {
  const head = Buffer.alloc(4 + fields.reduce((sum, [bytes]) => sum + bytes, 0));
  head.writeUInt32LE(signature, 0);
  let at = 4;
  for (const [bytes, value] of fields) {
    if (bytes === 2) head.writeUInt16LE(value, at);
    else head.writeUInt32LE(value, at);
    at += bytes;
  }
  return Buffer.concat([head, name]);
}

/** A ZIP (deflate, no data descriptors, no ZIP64) of `parts`, as Excel writes them. */
export async function writeZip(file: string, parts: readonly Part[]): Promise<void> {
  const out = fs.openSync(file, 'w');
  try {
    let offset = 0;
    const written: Written[] = [];
    for (const part of parts) {
      const { data, crc, size } = await deflate(part);
      const declared = part.declaredSize ?? size;
      const name = Buffer.from(part.name);
      // version, flags (bit 11: UTF-8 name), method 8, time, date, crc, sizes, name length, extra length
      const local = header(
        0x04034b50,
        [
          [2, 20],
          [2, 0x0800],
          [2, 8],
          [2, 0],
          [2, 0x21],
          [4, crc],
          [4, data.length],
          [4, declared],
          [2, name.length],
          [2, 0],
        ],
        name,
      );
      fs.writeSync(out, local);
      fs.writeSync(out, data);
      written.push({ part, offset, crc, compressed: data.length, size: declared });
      offset += local.length + data.length;
    }
    const directoryOffset = offset;
    const listed = written.filter((entry) => !entry.part.unlisted);
    for (const entry of listed) {
      const name = Buffer.from(entry.part.name);
      const central = header(
        0x02014b50,
        // made by, needed, flags, method, time, date, crc, sizes, name/extra/comment lengths, disk, attributes, offset
        [
          [2, 20],
          [2, 20],
          [2, 0x0800],
          [2, 8],
          [2, 0],
          [2, 0x21],
          [4, entry.crc],
          [4, entry.compressed],
          [4, entry.size],
          [2, name.length],
          [2, 0],
          [2, 0],
          [2, 0],
          [2, 0],
          [4, 0],
          [4, entry.offset],
        ],
        name,
      );
      fs.writeSync(out, central);
      offset += central.length;
    }
    const end = header(
      0x06054b50,
      [
        [2, 0],
        [2, 0],
        [2, listed.length],
        [2, listed.length],
        [4, offset - directoryOffset],
        [4, directoryOffset],
        [2, 0],
      ],
      Buffer.alloc(0),
    );
    fs.writeSync(out, end);
  } finally {
    fs.closeSync(out);
  }
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function once(text: string): () => Iterable<string> {
  return () => [text];
}

/** The parts of a one-sheet workbook around `sheet` (the sheet's whole XML) and `sharedStrings`' `<si>` items. */
export function workbookParts(sheet: () => Iterable<string | Buffer>, sharedStrings: () => Iterable<string | Buffer> = () => []): Part[] {
  return [
    {
      name: '[Content_Types].xml',
      content: once(
        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
      ),
    },
    {
      name: '_rels/.rels',
      content: once(
        `<?xml version="1.0"?><Relationships xmlns="${RELATIONSHIPS}"><Relationship Id="rId1" Type="${OFFICE}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
    },
    {
      name: 'xl/workbook.xml',
      content: once(
        `<?xml version="1.0"?><workbook xmlns="${MAIN}" xmlns:r="${OFFICE}"><sheets><sheet name="Clients" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      content: once(
        `<?xml version="1.0"?><Relationships xmlns="${RELATIONSHIPS}"><Relationship Id="rId1" Type="${OFFICE}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${OFFICE}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
      ),
    },
    { name: 'xl/worksheets/sheet1.xml', content: sheet },
    {
      name: 'xl/sharedStrings.xml',
      content: function* () {
        yield `<?xml version="1.0"?><sst xmlns="${MAIN}">`;
        yield* sharedStrings();
        yield '</sst>';
      },
    },
  ];
}

/** A sheet's XML around `rows` (each a whole `<row>` element). */
export function sheetXml(rows: () => Iterable<string | Buffer>): () => Iterable<string | Buffer> {
  return function* () {
    yield `<?xml version="1.0"?><worksheet xmlns="${MAIN}"><sheetData>`;
    yield* rows();
    yield '</sheetData></worksheet>';
  };
}

/** `count` rows of inline-string cells `A`…: `name, email` then generated values; row 1 is the header. */
export function customerRows(count: number): () => Iterable<string> {
  const cell = (reference: string, text: string) => `<c r="${reference}" t="inlineStr"><is><t>${text}</t></is></c>`;
  return function* () {
    yield `<row r="1">${cell('A1', 'name')}${cell('B1', 'email')}</row>`;
    for (let row = 2; row <= count + 1; row++) yield `<row r="${row}">${cell(`A${row}`, `Client ${row}`)}${cell(`B${row}`, `client${row}@example.com`)}</row>`;
  };
}

/**
 * About `megabytes` MB of sheet XML from a few kilobytes repeated: deflate shrinks it about a thousand
 * times, the proportion of a ZIP bomb. The cells are all in row 1, so that only the size is at stake.
 */
export function bombRows(megabytes: number): () => Iterable<Buffer> {
  const block = Buffer.from(`<c t="inlineStr"><is><t>${'x'.repeat(1000)}</t></is></c>`.repeat(1024));
  return function* () {
    yield Buffer.from('<row r="1">');
    for (let written = 0; written < megabytes * 1024 * 1024; written += block.length) yield block;
    yield Buffer.from('</row>');
  };
}
