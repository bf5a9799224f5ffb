/**
 * The page half of the verification scan: vault.db and its -wal decrypted page by page, outside SQLite,
 * so that what SQL no longer shows (free pages, unused space inside pages, old WAL frames) is read too.
 * This build of SQLite has no sqlite_dbpage, hence the decryption here.
 *
 * SQLCipher 4 page layout (defaults, raw key): each 4096-byte page ends with 80 reserved bytes, a 16-byte
 * IV and a 64-byte HMAC-SHA512; bytes [0, 4016) are AES-256-CBC without padding under the raw key itself.
 * Page 1 starts with the 16-byte plaintext salt, so only its bytes [16, 4016) are encrypted. The HMAC
 * covers the ciphertext, the IV and the page number (4 bytes, little-endian), under a key drawn from the
 * raw key by PBKDF2-HMAC-SHA512 (2 iterations, salt XOR 0x3a): checking it proves that each page searched
 * was decrypted, not turned into noise that happens to contain no form.
 *
 * A value split across an overflow chain (a long raw JSON) can straddle two pages, each starting with
 * the next page's number: a form cut by that boundary is not found. Identifier values are short; the raw
 * JSON keeps another copy of most of them next to each other on one page, and the table scan reads the
 * whole value.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import type { JobControl } from '../../core/job-control';
import { BytesMatcher, MULTI_MATCH_FROM } from './multi-match';
import { SQLCIPHER_PAGE_SIZE } from '../../store/connection';

export interface PageScan {
  readonly pagesScanned: number;
  readonly walFramesScanned: number;
  /** Occurrences of any form, counted over every page and frame. */
  readonly hits: number;
  /** How many distinct forms occurred at least once. */
  readonly hitForms: number;
  /** Pages or frames whose HMAC did not match: what they hold was not searched. */
  readonly unreadable: number;
  /** The numbers of the pages a form was found in (a WAL frame counts as the page it holds): where a repair starts. */
  readonly hitPages: readonly number[];
}

const RESERVE = 80;
const IV_BYTES = 16;
const HMAC_BYTES = 64;
const SALT_BYTES = 16;
const WAL_HEADER = 32;
const FRAME_HEADER = 24;
const PENDING_BYTE = 0x40000000;
/** Pages per read: 4 MiB keeps system calls few and the buffers small. */
const PAGES_PER_CHUNK = 1024;

export async function scanPages(file: string, key: Buffer, forms: readonly string[], job?: JobControl): Promise<PageScan> {
  const needles = distinctNeedles(forms);
  const counts = new Array<number>(needles.length).fill(0);
  const search = searcher(needles);
  const pageSize = SQLCIPHER_PAGE_SIZE;
  // Plain text of a chunk's pages, each followed by a NUL so no form is matched across two unrelated pages.
  const plain = Buffer.alloc((pageSize + 1) * PAGES_PER_CHUNK);
  const handle = await fs.open(file, 'r');
  let pagesScanned = 0;
  let walFramesScanned = 0;
  let unreadable = 0;
  const hitPages = new Set<number>();
  /** After a chunk's search found something: which of its pages hold it (rare, so searched again page by page). */
  const notePages = (haystack: Buffer, before: readonly number[], starts: readonly (readonly [number, number])[]): void => {
    if (counts.every((count, index) => count === before[index])) return;
    const found = needles.filter((_needle, index) => counts[index] !== before[index]);
    starts.forEach(([from, pageNumber], index) => {
      const page = haystack.subarray(from, starts[index + 1]?.[0] ?? haystack.length);
      if (found.some((needle) => page.includes(needle))) hitPages.add(pageNumber);
    });
  };
  try {
    const size = (await handle.stat()).size;
    const totalPages = Math.floor(size / pageSize);
    if (totalPages === 0) return { pagesScanned: 0, walFramesScanned: 0, hits: 0, hitForms: 0, unreadable: 0, hitPages: [] };
    const salt = Buffer.alloc(SALT_BYTES);
    await handle.read(salt, 0, SALT_BYTES, 0);
    const decrypt = pageDecryptor(key, hmacKey(key, salt), pageSize);

    // SQLite never writes the page holding byte 2^30 (its file locks live there): it is not encrypted data.
    const lockPage = Math.floor(PENDING_BYTE / pageSize) + 1;
    const walTotal = await walFrameCount(`${file}-wal`, pageSize);
    const total = totalPages + walTotal;
    const chunk = Buffer.alloc(pageSize * PAGES_PER_CHUNK);

    for (let first = 0; first < totalPages; first += PAGES_PER_CHUNK) {
      job?.checkpoint();
      const pages = Math.min(PAGES_PER_CHUNK, totalPages - first);
      const { bytesRead } = await handle.read(chunk, 0, pages * pageSize, first * pageSize);
      const whole = Math.floor(bytesRead / pageSize);
      let length = 0;
      const starts: [number, number][] = [];
      for (let index = 0; index < whole; index += 1) {
        if (first + index + 1 === lockPage) continue;
        starts.push([length, first + index + 1]);
        const written = decrypt(chunk.subarray(index * pageSize, (index + 1) * pageSize), first + index + 1, plain, length);
        if (written < 0) unreadable += 1;
        else length += written;
        plain[length++] = 0;
      }
      pagesScanned += whole - (lockPage > first && lockPage <= first + whole ? 1 : 0);
      const before = counts.slice();
      search(plain.subarray(0, length), needles, counts);
      notePages(plain.subarray(0, length), before, starts);
      job?.progress('pages', pagesScanned, total);
    }

    if (walTotal > 0) {
      const wal = await fs.open(`${file}-wal`, 'r');
      try {
        const frameSize = FRAME_HEADER + pageSize;
        const frames = Buffer.alloc(frameSize * PAGES_PER_CHUNK);
        for (let first = 0; first < walTotal; first += PAGES_PER_CHUNK) {
          job?.checkpoint();
          const count = Math.min(PAGES_PER_CHUNK, walTotal - first);
          const { bytesRead } = await wal.read(frames, 0, count * frameSize, WAL_HEADER + first * frameSize);
          const whole = Math.floor(bytesRead / frameSize);
          let length = 0;
          const starts: [number, number][] = [];
          for (let index = 0; index < whole; index += 1) {
            const frame = frames.subarray(index * frameSize, (index + 1) * frameSize);
            starts.push([length, frame.readUInt32BE(0)]);
            // Old frames of earlier WAL generations stay in the file until overwritten; they are searched too.
            const written = decrypt(frame.subarray(FRAME_HEADER), frame.readUInt32BE(0), plain, length);
            if (written < 0) unreadable += 1;
            else length += written;
            plain[length++] = 0;
          }
          walFramesScanned += whole;
          const before = counts.slice();
          search(plain.subarray(0, length), needles, counts);
          notePages(plain.subarray(0, length), before, starts);
          job?.progress('pages', pagesScanned + walFramesScanned, total);
        }
      } finally {
        await wal.close();
      }
    }
  } finally {
    await handle.close();
    plain.fill(0);
    wipe(needles);
  }
  return {
    pagesScanned,
    walFramesScanned,
    hits: counts.reduce((sum, count) => sum + count, 0),
    hitForms: counts.filter((count) => count > 0).length,
    unreadable,
    hitPages: [...hitPages].sort((a, b) => a - b),
  };
}

/**
 * Decrypts one page into `out` at `at` and returns the bytes written, or -1 when its HMAC does not match.
 * Exported for the test that checks page 1's SQLite header.
 */
export function pageDecryptor(key: Buffer, macKey: Buffer, pageSize: number): (page: Buffer, pageNumber: number, out: Buffer, at: number) => number {
  const pageNumberBytes = Buffer.alloc(4);
  return (page, pageNumber, out, at) => {
    const start = pageNumber === 1 ? SALT_BYTES : 0;
    const end = pageSize - RESERVE;
    const mac = crypto.createHmac('sha512', macKey);
    mac.update(page.subarray(start, pageSize - HMAC_BYTES));
    pageNumberBytes.writeUInt32LE(pageNumber);
    mac.update(pageNumberBytes);
    if (!crypto.timingSafeEqual(mac.digest(), page.subarray(pageSize - HMAC_BYTES))) return -1;
    const decipher = crypto.createDecipheriv('aes-256-cbc', key, page.subarray(end, end + IV_BYTES));
    decipher.setAutoPadding(false);
    let length = 0;
    for (const part of [decipher.update(page.subarray(start, end)), decipher.final()]) {
      part.copy(out, at + length);
      length += part.length;
    }
    return length;
  };
}

/** The key the HMAC of every page is computed with, from the raw key and the salt at the start of vault.db. */
export function hmacKey(key: Buffer, salt: Buffer): Buffer {
  return crypto.pbkdf2Sync(key, Buffer.from(salt.map((byte) => byte ^ 0x3a)), 2, 32, 'sha512');
}

/** ASCII only: folding UTF-8 bytes of other letters would need decoding; forms come in each spelling the vault had. */
export function lowerAscii(buffer: Buffer, from: number, to: number): void {
  let index = from;
  // Four bytes at a time where aligned (a gigabyte of pages goes through here): a byte's bit 7 after
  // adding 0x3f says ≥ 'A', after adding 0x25 says > 'Z'; bytes ≥ 0x80 (UTF-8) are left alone.
  const alignedFrom = (buffer.byteOffset + index + 3) & ~3;
  for (; index < to && buffer.byteOffset + index < alignedFrom; index += 1) lowerByte(buffer, index);
  const words = Math.floor((to - index) / 4);
  if (words > 0) {
    const view = new Uint32Array(buffer.buffer, buffer.byteOffset + index, words);
    for (let word = 0; word < words; word += 1) {
      const value = view[word]!;
      const low = value & 0x7f7f7f7f;
      const upper = (low + 0x3f3f3f3f) & ~(low + 0x25252525) & ~value & 0x80808080;
      if (upper !== 0) view[word] = value | (upper >>> 2);
    }
    index += words * 4;
  }
  for (; index < to; index += 1) lowerByte(buffer, index);
}

function lowerByte(buffer: Buffer, index: number): void {
  const byte = buffer[index]!;
  if (byte >= 0x41 && byte <= 0x5a) buffer[index] = byte | 0x20;
}

function distinctNeedles(forms: readonly string[]): Buffer[] {
  const seen = new Set<string>();
  const needles: Buffer[] = [];
  for (const form of forms) {
    const bytes = Buffer.from(form, 'utf8');
    lowerAscii(bytes, 0, bytes.length);
    const id = bytes.toString('hex');
    if (bytes.length === 0 || seen.has(id)) continue;
    seen.add(id);
    needles.push(bytes);
  }
  return needles;
}

/** One pass for many forms (a bulk erasure's, multi-match.ts), one native search per form for a few. */
function searcher(needles: readonly Buffer[]): (haystack: Buffer, needles: readonly Buffer[], counts: number[]) => void {
  const many = needles.length >= MULTI_MATCH_FROM ? new BytesMatcher(needles) : null;
  return (haystack, forms, counts) => {
    lowerAscii(haystack, 0, haystack.length);
    if (many !== null) {
      many.count(haystack, counts);
      return;
    }
    forms.forEach((needle, index) => {
      for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) counts[index]! += 1;
    });
  };
}

/** The person's forms, as bytes, do not outlive the scan in buffers nobody clears. */
function wipe(needles: Buffer[]): void {
  for (const needle of needles) needle.fill(0);
}

async function walFrameCount(file: string, pageSize: number): Promise<number> {
  try {
    const size = (await fs.stat(file)).size;
    return size <= WAL_HEADER ? 0 : Math.floor((size - WAL_HEADER) / (FRAME_HEADER + pageSize));
  } catch {
    return 0;
  }
}
