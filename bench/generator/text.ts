/**
 * Text helpers: ASCII folding for e-mail addresses, the typos real exports carry, CSV quoting, and the
 * "best fit" a Windows export applies to letters its code page lacks (Ł → L in Windows-1252, è → e in
 * Windows-1250), which is what a French tool does to a Polish customer's name.
 */
import iconv from 'iconv-lite';
import type { Rng } from './random';

const SPECIAL_FOLD: Readonly<Record<string, string>> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Œ: 'OE', œ: 'oe', Æ: 'AE', æ: 'ae', ß: 'ss', Ø: 'O', ø: 'o' };
const foldCache = new Map<string, string>();

/** Removes accents and folds Polish letters: "Wiśniewska" → "Wisniewska", "Łódź" → "Lodz". */
export function stripAccents(text: string): string {
  let cached = foldCache.get(text);
  if (cached === undefined) {
    cached = text
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/[ŁłĐđŒœÆæßØø]/g, (char) => SPECIAL_FOLD[char] ?? char);
    if (foldCache.size < 50_000) foldCache.set(text, cached);
  }
  return cached;
}

const emailParts = new Map<string, string>();
const emailPartsWithHyphen = new Map<string, string>();

/** Lower-case ASCII letters and digits only, for e-mail local parts: "D'Amours" → "damours", "Marc-André" → "marc-andre". */
export function emailPart(text: string, keepHyphen: boolean): string {
  const cache = keepHyphen ? emailPartsWithHyphen : emailParts;
  let part = cache.get(text);
  if (part === undefined) {
    const folded = stripAccents(text).toLowerCase();
    part = keepHyphen ? folded.replace(/[^a-z0-9-]/g, '') : folded.replace(/[^a-z0-9]/g, '');
    if (cache.size < 50_000) cache.set(text, part);
  }
  return part;
}

export function transpose(rng: Rng, text: string): string {
  if (text.length < 4) return text;
  const at = rng.int(1, text.length - 3);
  return text.slice(0, at) + text[at + 1] + text[at] + text.slice(at + 2);
}

export function extraSpaces(rng: Rng, text: string): string {
  switch (rng.int(0, 3)) {
    case 0:
      return ` ${text}`;
    case 1:
      return `${text}  `;
    case 2: {
      const space = text.indexOf(' ');
      return space > 0 ? `${text.slice(0, space)}  ${text.slice(space + 1)}` : `  ${text} `;
    }
    default:
      return ` ${text} `;
  }
}

const NEEDS_QUOTES: Readonly<Record<string, RegExp>> = { ',': /[",\r\n]/, ';': /[";\r\n]/, '\t': /["\t\r\n]/ };

/** CSV/TSV field: quoted only when it must be (delimiter, quote, line break), as Excel and most tools do. */
export function quoteField(value: string, delimiter: string): string {
  const pattern = NEEDS_QUOTES[delimiter];
  const needs = pattern ? pattern.test(value) : value.includes(delimiter) || value.includes('"') || value.includes('\n') || value.includes('\r');
  return needs ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Splits one CSV line (no embedded line breaks) into raw fields, keeping each field's quoting as it was. */
export function splitRawFields(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let start = 0;
  let inQuotes = false;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index];
    if (char === '"') {
      if (inQuotes && line[index + 1] === '"') index += 1;
      else if (inQuotes) inQuotes = false;
      else if (index === start) inQuotes = true;
    } else if (char === delimiter && !inQuotes) {
      fields.push(line.slice(start, index));
      start = index + 1;
    }
  }
  fields.push(line.slice(start));
  return fields;
}

export function unquoteField(raw: string): string {
  return raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw;
}

const encodableTables = new Map<string, Uint8Array>();

function encodableTable(encoding: string): Uint8Array {
  let table = encodableTables.get(encoding);
  if (!table) {
    table = new Uint8Array(65_536);
    for (let code = 0; code < 0x80; code += 1) table[code] = 1;
    for (let byte = 0x80; byte <= 0xff; byte += 1) {
      const char = iconv.decode(Buffer.from([byte]), encoding);
      if (char.length === 1 && char !== '\ufffd') table[char.charCodeAt(0)] = 1;
    }
    encodableTables.set(encoding, table);
  }
  return table;
}

/**
 * Replaces the characters `encoding` cannot hold with their closest fit (Windows "best fit" behaviour):
 * accents dropped, Ł → L, œ → oe; '?' when nothing fits. UTF-8 text is returned unchanged.
 */
export function fitToEncoding(text: string, encoding: string): string {
  if (/^utf-?8$/i.test(encoding)) return text;
  const table = encodableTable(encoding);
  return text.replace(/[\u0080-\uffff]/g, (char) => {
    if (table[char.charCodeAt(0)]) return char;
    const folded = stripAccents(char);
    for (let index = 0; index < folded.length; index += 1) if (!table[folded.charCodeAt(index)]) return '?';
    return folded;
  });
}
