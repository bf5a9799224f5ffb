/**
 * Reads a ZIP file's central directory (APPNOTE.TXT 4.3.12–4.3.16, with the ZIP64 records of 4.3.14–4.3.15)
 * without inflating anything. The central directory is what a ZIP says about itself as a whole: the sizes
 * there are the ones to check a workbook against before its library unpacks it. A streaming unpacker such
 * as read-excel-file's reads the local headers instead, so the walk also checks that the local headers
 * match the directory one for one and leave no room for entries it does not list.
 */
import type { FileHandle } from 'node:fs/promises';

export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly flags: number;
  readonly compressedSize: number;
  /** As declared: an inflater must still count what it actually produces. */
  readonly uncompressedSize: number;
  /** Where the entry's compressed bytes start, past its local header. */
  readonly dataOffset: number;
}

/** Why a file is not a ZIP we can trust; the caller turns it into its own error. */
export class ZipStructureError extends Error {
  override readonly name = 'ZipStructureError';
}

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;
const EOCD_SIZE = 22;
/** The end record is followed by a comment of at most 65,535 bytes. */
const MAX_TAIL = EOCD_SIZE + 0xffff;
const CENTRAL_HEADER = 46;
const LOCAL_HEADER = 30;
/** Far above any real workbook's parts (a few dozen); keeps a forged count from driving the walk. */
const MAX_ENTRIES = 100_000;
/** A directory larger than this is not a workbook's: refuse before reading it into memory. */
const MAX_DIRECTORY_BYTES = 64 * 1024 * 1024;

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  if (bytesRead !== length) throw new ZipStructureError('The ZIP file ends early.');
  return buffer;
}

function safeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipStructureError('A ZIP64 size is out of range.');
  return Number(value);
}

interface Directory {
  readonly offset: number;
  readonly size: number;
  readonly count: number;
}

async function findDirectory(handle: FileHandle, fileSize: number): Promise<Directory> {
  const tailStart = Math.max(0, fileSize - MAX_TAIL);
  const tail = await readAt(handle, tailStart, fileSize - tailStart);
  // Searched from the end: the comment is free text and could hold the signature itself.
  let at = -1;
  for (let index = tail.length - EOCD_SIZE; index >= 0; index--) {
    if (tail.readUInt32LE(index) === EOCD && index + EOCD_SIZE + tail.readUInt16LE(index + 20) === tail.length) {
      at = index;
      break;
    }
  }
  if (at < 0) throw new ZipStructureError('No ZIP end-of-central-directory record.');
  let count = tail.readUInt16LE(at + 10);
  let size = tail.readUInt32LE(at + 12);
  let offset = tail.readUInt32LE(at + 16);
  const locatorAt = tailStart + at - 20;
  if ((count === 0xffff || size === 0xffffffff || offset === 0xffffffff) && locatorAt >= 0) {
    const locator = await readAt(handle, locatorAt, 20);
    if (locator.readUInt32LE(0) === EOCD64_LOCATOR) {
      const record = await readAt(handle, safeNumber(locator.readBigUInt64LE(8)), 56);
      if (record.readUInt32LE(0) !== EOCD64) throw new ZipStructureError('Damaged ZIP64 end record.');
      count = safeNumber(record.readBigUInt64LE(32));
      size = safeNumber(record.readBigUInt64LE(40));
      offset = safeNumber(record.readBigUInt64LE(48));
    }
  }
  if (count > MAX_ENTRIES || size > MAX_DIRECTORY_BYTES || offset + size > fileSize) throw new ZipStructureError('Implausible ZIP central directory.');
  return { offset, size, count };
}

interface CentralEntry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localOffset: number;
}

/** The ZIP64 extra field (0x0001) holds, in this order, only the sizes and offset whose 32-bit fields are 0xFFFFFFFF. */
function zip64Values(extra: Buffer, wanted: readonly boolean[]): (number | null)[] {
  for (let at = 0; at + 4 <= extra.length;) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === 0x0001) {
      let cursor = at + 4;
      return wanted.map((want) => {
        if (!want) return null;
        if (cursor + 8 > at + 4 + length) throw new ZipStructureError('Short ZIP64 extra field.');
        const value = safeNumber(extra.readBigUInt64LE(cursor));
        cursor += 8;
        return value;
      });
    }
    at += 4 + length;
  }
  if (wanted.some(Boolean)) throw new ZipStructureError('Missing ZIP64 extra field.');
  return wanted.map(() => null);
}

function parseCentral(buffer: Buffer, count: number): CentralEntry[] {
  const entries: CentralEntry[] = [];
  let at = 0;
  for (let index = 0; index < count; index++) {
    if (at + CENTRAL_HEADER > buffer.length || buffer.readUInt32LE(at) !== CENTRAL) throw new ZipStructureError('Damaged ZIP central directory.');
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    const end = at + CENTRAL_HEADER + nameLength + extraLength + commentLength;
    if (end > buffer.length) throw new ZipStructureError('Damaged ZIP central directory.');
    const compressed32 = buffer.readUInt32LE(at + 20);
    const uncompressed32 = buffer.readUInt32LE(at + 24);
    const offset32 = buffer.readUInt32LE(at + 42);
    const extra = buffer.subarray(at + CENTRAL_HEADER + nameLength, at + CENTRAL_HEADER + nameLength + extraLength);
    const [uncompressed64, compressed64, offset64] = zip64Values(extra, [uncompressed32 === 0xffffffff, compressed32 === 0xffffffff, offset32 === 0xffffffff]);
    entries.push({
      name: buffer.toString('utf8', at + CENTRAL_HEADER, at + CENTRAL_HEADER + nameLength),
      flags: buffer.readUInt16LE(at + 8),
      method: buffer.readUInt16LE(at + 10),
      compressedSize: compressed64 ?? compressed32,
      uncompressedSize: uncompressed64 ?? uncompressed32,
      localOffset: offset64 ?? offset32,
    });
    at = end;
  }
  return entries;
}

/**
 * The streaming unpacker sizes its buffers from the local header: its sizes must be the directory's, or
 * zero with flag bit 3 (sizes in a data descriptor after the data, as streaming writers leave them).
 */
function sameLocalSizes(local: Buffer, extra: Buffer, entry: CentralEntry): boolean {
  let compressed = local.readUInt32LE(18);
  let uncompressed = local.readUInt32LE(22);
  if (compressed === 0 && uncompressed === 0 && (entry.flags & 0x08) !== 0) return true;
  // In a local header's ZIP64 field both sizes are present, uncompressed first.
  if (compressed === 0xffffffff || uncompressed === 0xffffffff) [uncompressed, compressed] = zip64Values(extra, [true, true]) as [number, number];
  return compressed === entry.compressedSize && uncompressed === entry.uncompressedSize;
}

/** Sizes a data descriptor may take after an entry's data (flag bit 3): with or without its signature, 32- or 64-bit sizes. */
async function descriptorLength(handle: FileHandle, position: number, next: number, flags: number): Promise<number> {
  const gap = next - position;
  if (gap === 0) return 0;
  if ((flags & 0x08) === 0 || ![12, 16, 20, 24].includes(gap)) throw new ZipStructureError('Unlisted bytes between ZIP entries.');
  const head = await readAt(handle, position, 4);
  if (gap % 8 === 0 && head.readUInt32LE(0) !== DESCRIPTOR) throw new ZipStructureError('Unlisted bytes between ZIP entries.');
  return gap;
}

/**
 * The entries of the ZIP at `handle`, in file order. Refuses a file whose local headers do not follow
 * each other exactly as the directory lists them (hidden or overlapping entries, a renamed part).
 */
export async function readZipDirectory(handle: FileHandle): Promise<ZipEntry[]> {
  const fileSize = (await handle.stat()).size;
  const directory = await findDirectory(handle, fileSize);
  const central = parseCentral(await readAt(handle, directory.offset, directory.size), directory.count);
  const ordered = [...central].sort((a, b) => a.localOffset - b.localOffset);
  const entries: ZipEntry[] = [];
  let expected = 0;
  for (let index = 0; index < ordered.length; index++) {
    const entry = ordered[index]!;
    if (entry.localOffset !== expected) throw new ZipStructureError('ZIP entries overlap or leave unlisted bytes.');
    const local = await readAt(handle, entry.localOffset, LOCAL_HEADER);
    if (local.readUInt32LE(0) !== LOCAL) throw new ZipStructureError('Damaged ZIP local header.');
    const nameLength = local.readUInt16LE(26);
    const extraLength = local.readUInt16LE(28);
    const variable = await readAt(handle, entry.localOffset + LOCAL_HEADER, nameLength + extraLength);
    const name = variable.toString('utf8', 0, nameLength);
    if (name !== entry.name || local.readUInt16LE(8) !== entry.method || !sameLocalSizes(local, variable.subarray(nameLength), entry)) {
      throw new ZipStructureError('A ZIP local header differs from the directory.');
    }
    const dataOffset = entry.localOffset + LOCAL_HEADER + nameLength + extraLength;
    const dataEnd = dataOffset + entry.compressedSize;
    const next = ordered[index + 1]?.localOffset ?? directory.offset;
    if (dataEnd > next) throw new ZipStructureError('ZIP entries overlap.');
    expected = dataEnd + (await descriptorLength(handle, dataEnd, next, entry.flags));
    entries.push({
      name: entry.name,
      method: entry.method,
      flags: entry.flags,
      compressedSize: entry.compressedSize,
      uncompressedSize: entry.uncompressedSize,
      dataOffset,
    });
  }
  // Nothing may sit unlisted between the last entry and the directory (the ZIP64 end record comes after it).
  if (expected !== directory.offset) throw new ZipStructureError('Unlisted bytes before the ZIP central directory.');
  return entries;
}
