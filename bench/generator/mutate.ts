/**
 * "The next export": a copy of a generated file where a fraction of the customers changed their phone
 * number or moved (new street line). Everything else stays byte for byte the same, so a re-import
 * should update about `fraction` of the records and leave the rest untouched.
 *
 * Which customers change is decided by a hash of (seed, customer number), so every row of the same
 * customer (till exports, duplicate rows) changes the same way. Lines are handled as bytes: only the
 * changed ones are decoded and re-encoded, in the file's own encoding.
 */
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { STREETS, type Group } from './data';
import { FORMAT_SPECS, FORMATS, type Format } from './generate';
import { streetLine } from './people';
import { hash32, Rng } from './random';
import { fitToEncoding, quoteField, splitRawFields, unquoteField } from './text';

export interface MutateOptions {
  /** Where to write the updated export; default `<name>.updated<ext>` beside the input. */
  readonly out?: string;
  /** The file's format; sniffed from its first line when absent. */
  readonly format?: Format;
}

export interface MutateResult {
  readonly file: string;
  readonly out: string;
  readonly format: Format;
  /** Data rows read (lines after the header, JSON records). */
  readonly rows: number;
  readonly changed: number;
  readonly changedPhones: number;
  readonly changedStreets: number;
  readonly ms: number;
}

/** Recognizes our formats from the first bytes: JSON shape, then the header line. */
export function sniffFormat(head: Buffer): Format {
  const text = head.toString('latin1').replace(/^\ufeff|^\xef\xbb\xbf/, '');
  const first = text.trimStart()[0];
  if (first === '[') return 'json';
  if (first === '{') return 'ndjson';
  const header = text.slice(0, text.indexOf('\n') >= 0 ? text.indexOf('\n') : text.length);
  if (header.startsWith('loyalty_card,')) return 'till';
  if (header.startsWith('no_carte;')) return 'till-fr';
  if (header.includes('\t')) return 'tsv';
  if (header.startsWith('pr\xe9nom;')) return 'csv-fr';
  if (header.startsWith('imi\xea;')) return 'csv-pl';
  return 'csv';
}

function defaultOut(file: string): string {
  const extension = path.extname(file);
  return path.join(path.dirname(file), `${path.basename(file, extension)}.updated${extension}`);
}

/** Copies byte ranges into a 1 MiB buffer and writes it when full. */
class ByteWriter {
  private readonly buffer = Buffer.allocUnsafe(1 << 20);
  private offset = 0;

  constructor(private readonly handle: fs.promises.FileHandle) {}

  async add(source: Buffer, start = 0, end = source.length): Promise<void> {
    if (this.offset + (end - start) > this.buffer.length) await this.flush();
    if (end - start > this.buffer.length) {
      await this.handle.write(source, start, end - start);
      return;
    }
    source.copy(this.buffer, this.offset, start, end);
    this.offset += end - start;
  }

  async flush(): Promise<void> {
    if (this.offset === 0) return;
    await this.handle.write(this.buffer, 0, this.offset);
    this.offset = 0;
  }
}

/** A different phone: the last four digits replaced, the formatting kept. */
export function changePhone(phone: string, draw: number): string {
  const positions: number[] = [];
  for (let index = phone.length - 1; index >= 0 && positions.length < 4; index -= 1) if (phone[index]! >= '0' && phone[index]! <= '9') positions.unshift(index);
  if (positions.length < 4) return phone;
  const old = positions.map((index) => phone[index]).join('');
  let digits = String(draw % 10_000).padStart(4, '0');
  if (digits === old) digits = String((Number(old) + 1) % 10_000).padStart(4, '0');
  const chars = [...phone];
  positions.forEach((position, index) => {
    chars[position] = digits[index]!;
  });
  return chars.join('');
}

// Case-sensitive: French street types are written in lower case ("rue", "avenue"), English ones capitalized ("Avenue").
const FRENCH_STREET = /(?:^|[\s,\d])(?:rue|avenue|boulevard|chemin|place|allée|impasse|quai|cours|montée|rang|côte|bis|ter|app\.|Bât\.|Appt)(?=\s|$)/;
const POLISH_STREET = new RegExp(
  `^(ul|al|os|pl)\\. |^(${STREETS.pl.map((street) => street.replace(/^(ul|al|os|pl)\. /, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')}) `,
);

function streetGroup(street: string, postal: string): Group {
  if (POLISH_STREET.test(street)) return 'pl';
  if (FRENCH_STREET.test(street)) return /^[a-z]\d[a-z]/i.test(postal.trim()) ? 'qc' : 'fr';
  return 'en';
}

/** A new street line of the same country's style (the customer moved). */
export function changeStreet(street: string, postal: string, seed: string): string {
  const rng = new Rng(seed);
  const group = streetGroup(street, postal);
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const next = streetLine(rng, group);
    if (next !== street) return next;
  }
  return `${street} ${rng.int(2, 9)}`;
}

interface Columns {
  readonly key: number;
  readonly phone: number;
  readonly street: number;
  readonly postal: number;
}

function findColumns(headers: readonly string[]): Columns {
  const find = (pattern: RegExp): number => headers.findIndex((header) => pattern.test(header.trim().toLowerCase()));
  return {
    key: find(/customer|client|klient|loyalty|carte/),
    phone: find(/phone|téléphone|telefon/),
    street: find(/street|adresse|ulica/),
    postal: find(/postal|zip|kod_pocztowy/),
  };
}

const JSON_ID = /^\s*\{"customer":\{"id":(?:null|"((?:[^"\\]|\\.)*)")/;

interface Decision {
  readonly what: 'phone' | 'street';
  readonly draw: number;
  readonly seed: string;
}

export async function mutate(file: string, fraction: number, seed: number | string, options: MutateOptions = {}): Promise<MutateResult> {
  if (!(fraction >= 0 && fraction <= 1)) throw new Error(`fraction must be within 0..1, got ${fraction}`);
  const started = process.hrtime.bigint();
  const out = options.out ?? defaultOut(file);
  const input = await fs.promises.open(file, 'r');
  let format: Format;
  try {
    const head = Buffer.alloc(4096);
    const { bytesRead } = await input.read(head, 0, head.length, 0);
    format = options.format ?? sniffFormat(head.subarray(0, bytesRead));
  } finally {
    await input.close();
  }
  if (!FORMATS.includes(format)) throw new Error(`unknown format ${String(format)}`);
  const spec = FORMAT_SPECS[format];
  const encoding = spec.encoding;
  const threshold = fraction * 4_294_967_296;
  const decide = (key: string): Decision | null => {
    const selector = hash32(`${seed}\u0000${key}`);
    if (selector >= threshold) return null;
    const draw = hash32(`${key}\u0000${seed}\u0000change`);
    return { what: format === 'till' || format === 'till-fr' || (draw & 1) === 0 ? 'phone' : 'street', draw, seed: `${seed}:${key}` };
  };
  const decode = (bytes: Buffer): string => (encoding === 'utf-8' ? bytes.toString('utf8') : iconv.decode(bytes, encoding));
  const encode = (text: string): Buffer => (encoding === 'utf-8' ? Buffer.from(text, 'utf8') : iconv.encode(fitToEncoding(text, encoding), encoding));

  let rows = 0;
  let changedPhones = 0;
  let changedStreets = 0;
  let columns: Columns | null = null;
  let lineNumber = 0;

  /** The rewritten line (without its `\n`), or null to copy the original bytes. */
  const rewrite = (bytes: Buffer): string | null => {
    lineNumber += 1;
    if (spec.delimiter === null) {
      const latin = bytes.toString('latin1');
      if (!latin.trimStart().startsWith('{')) return null;
      rows += 1;
      const id = JSON_ID.exec(latin);
      const decision = decide(id?.[1] ?? `line ${lineNumber}`);
      if (!decision) return null;
      const text = decode(bytes);
      const crlf = text.endsWith('\r');
      const body = crlf ? text.slice(0, -1) : text;
      const comma = body.trimEnd().endsWith(',');
      const record = JSON.parse(comma ? body.trimEnd().slice(0, -1) : body) as {
        customer?: { contact?: { phones?: string[] } };
        address?: { street?: string; postalCode?: string };
      };
      const phones = record.customer?.contact?.phones;
      if ((decision.what === 'phone' || !record.address?.street) && phones && phones.length > 0) {
        phones[0] = changePhone(phones[0]!, decision.draw);
        changedPhones += 1;
      } else if (record.address?.street) {
        record.address.street = changeStreet(record.address.street, record.address.postalCode ?? '', decision.seed);
        changedStreets += 1;
      } else return null;
      return `${JSON.stringify(record)}${comma ? ',' : ''}${crlf ? '\r' : ''}`;
    }
    const delimiter = spec.delimiter;
    if (columns === null) {
      const header = decode(bytes)
        .replace(/\r$/, '')
        .replace(/^\ufeff/, '');
      columns = findColumns(splitRawFields(header, delimiter).map(unquoteField));
      if (columns.key < 0 || columns.phone < 0) throw new Error(`${file}: no customer number or phone column in the header`);
      return null;
    }
    if (bytes.length === 0 || (bytes.length === 1 && bytes[0] === 13)) return null;
    rows += 1;
    const latinFields = splitRawFields(bytes.toString('latin1'), delimiter);
    const key = unquoteField(latinFields[columns.key] ?? '').replace(/\r$/, '');
    const decision = decide(key || `line ${lineNumber}`);
    if (!decision) return null;
    const text = decode(bytes);
    const crlf = text.endsWith('\r');
    const fields = splitRawFields(crlf ? text.slice(0, -1) : text, delimiter);
    const phone = unquoteField(fields[columns.phone] ?? '');
    const street = columns.street >= 0 ? unquoteField(fields[columns.street] ?? '') : '';
    if ((decision.what === 'phone' || !street) && /\d{4}/.test(phone.replace(/\D/g, ''))) {
      fields[columns.phone] = quoteField(changePhone(phone, decision.draw), delimiter);
      changedPhones += 1;
    } else if (street) {
      const postal = columns.postal >= 0 ? unquoteField(fields[columns.postal] ?? '') : '';
      fields[columns.street] = quoteField(changeStreet(street, postal, decision.seed), delimiter);
      changedStreets += 1;
    } else return null;
    return fields.join(delimiter) + (crlf ? '\r' : '');
  };

  const handle = await fs.promises.open(out, 'w');
  const writer = new ByteWriter(handle);
  const newline = Buffer.from('\n');
  try {
    let carry: Buffer = Buffer.alloc(0);
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      const buffer = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      let start = 0;
      for (let end = buffer.indexOf(10, start); end >= 0; end = buffer.indexOf(10, start)) {
        const line = buffer.subarray(start, end);
        const replaced = rewrite(line);
        if (replaced === null) await writer.add(buffer, start, end + 1);
        else {
          await writer.add(encode(replaced));
          await writer.add(newline);
        }
        start = end + 1;
      }
      carry = Buffer.from(buffer.subarray(start));
    }
    if (carry.length > 0) {
      const replaced = rewrite(carry);
      await writer.add(replaced === null ? carry : encode(replaced));
    }
    await writer.flush();
  } finally {
    await handle.close();
  }
  return {
    file,
    out,
    format,
    rows,
    changed: changedPhones + changedStreets,
    changedPhones,
    changedStreets,
    ms: Number(process.hrtime.bigint() - started) / 1e6,
  };
}
