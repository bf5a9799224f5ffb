/**
 * Blocking: only records that share at least one cheap key are compared, so the number of comparisons stays
 * near linear instead of n²/2. Several keys, each tolerant of a different corruption (a typo in the family
 * name, a wrong birth date, a move), so a true pair is lost only when every key disagrees. Keys are data:
 * a list of parts, each a feature and a transform; a part with no value means the record has no key (blank
 * is never a key: two blanks would otherwise block together).
 *
 * A block larger than `maxBlockSize` is skipped (and reported): it is a common value (a shared office
 * phone, a big city's postcode) that says little and would cost quadratically.
 */
import type { TextField } from './comparisons';
import type { Features } from './record';
import { soundex } from './soundex';

export type KeyTransform = 'value' | 'prefix' | 'soundex' | 'year' | 'monthDay';

export interface KeyPart {
  field: TextField | 'emails' | 'phones';
  transform?: KeyTransform;
  /** For `prefix`. */
  length?: number;
}

export interface BlockingKey {
  name: string;
  parts: readonly KeyPart[];
  /** Sort the part values before joining, so the key survives given and family written the other way round. */
  unordered?: boolean;
}

export const DEFAULT_BLOCKING: readonly BlockingKey[] = [
  {
    name: 'family sound + birth year',
    parts: [
      { field: 'family', transform: 'soundex' },
      { field: 'birth', transform: 'year' },
    ],
  },
  { name: 'given prefix + postal code', parts: [{ field: 'given', transform: 'prefix', length: 2 }, { field: 'postalCode' }] },
  { name: 'birth date', parts: [{ field: 'birth' }] },
  {
    name: 'names sound',
    parts: [
      { field: 'given', transform: 'soundex' },
      { field: 'family', transform: 'soundex' },
    ],
    unordered: true,
  },
  { name: 'street number + postal code', parts: [{ field: 'streetNumber' }, { field: 'postalCode' }] },
  {
    name: 'family prefix + street',
    parts: [
      { field: 'family', transform: 'prefix', length: 2 },
      { field: 'streetName', transform: 'prefix', length: 4 },
    ],
  },
  {
    name: 'names prefix',
    parts: [
      { field: 'given', transform: 'prefix', length: 3 },
      { field: 'family', transform: 'prefix', length: 3 },
    ],
    unordered: true,
  },
  { name: 'street number + street', parts: [{ field: 'streetNumber' }, { field: 'streetName', transform: 'prefix', length: 5 }] },
  {
    name: 'given sound + street',
    parts: [
      { field: 'given', transform: 'soundex' },
      { field: 'streetName', transform: 'prefix', length: 5 },
    ],
  },
  {
    name: 'given sound + birth month-day',
    parts: [
      { field: 'given', transform: 'soundex' },
      { field: 'birth', transform: 'monthDay' },
    ],
  },
  { name: 'email', parts: [{ field: 'emails' }] },
  { name: 'phone', parts: [{ field: 'phones' }] },
  { name: 'national id', parts: [{ field: 'nationalId' }] },
];

export const DEFAULT_MAX_BLOCK_SIZE = 300;

export { soundex } from './soundex';

export function transformKeyPart(value: string, part: KeyPart): string | null {
  switch (part.transform ?? 'value') {
    case 'value':
      return value;
    case 'prefix':
      return value.length >= (part.length ?? 3) ? value.slice(0, part.length ?? 3) : null;
    case 'soundex':
      return soundex(value) || null;
    case 'year':
      return value.length >= 4 ? value.slice(0, 4) : null;
    case 'monthDay':
      return value.length === 8 ? value.slice(4) : null;
  }
}

/** The key values of one record for one key (several for list fields: one per email). */
export function keyValues(record: Features, key: BlockingKey): string[] {
  // Single-valued fields (every default key but email and phone) make one value: built without the general
  // path's intermediate lists, which a million records would allocate thirteen times each.
  const parts: string[] = [];
  for (const part of key.parts) {
    const raw = record[part.field];
    if (Array.isArray(raw)) return combinedKeyValues(record, key);
    if (raw === null) return [];
    const value = transformKeyPart(raw as string, part);
    if (value === null) return [];
    parts.push(value);
  }
  if (key.unordered === true) parts.sort();
  return [parts.join('|')];
}

function combinedKeyValues(record: Features, key: BlockingKey): string[] {
  let values: string[][] = [[]];
  for (const part of key.parts) {
    const raw = record[part.field];
    const list = Array.isArray(raw) ? raw : raw === null ? [] : [raw];
    const transformed = list.map((value) => transformKeyPart(value, part)).filter((value): value is string => value !== null);
    if (transformed.length === 0) return [];
    values = values.flatMap((prefix) => transformed.map((value) => [...prefix, value]));
  }
  return values.map((parts) => (key.unordered === true ? [...parts].sort() : parts).join('|'));
}

export interface BlockingResult {
  /** Number of candidate pairs. */
  count: number;
  /** Pairs sharing at least one kept block, before the shared-keys rule (what one key each would propose). */
  proposed: number;
  /** Visits every candidate pair once (record indices, i < j), always in the same order (by i, then j). */
  forEachPair: (visit: (i: number, j: number) => void) => void;
  /** The candidate pairs as columns, in that order. */
  readonly left: Uint32Array;
  readonly right: Uint32Array;
  /** Whether blocking proposes records i and j (in either order) under the same rule. */
  proposes: (i: number, j: number) => boolean;
  /** Per key: blocks formed, pairs inside its kept blocks, blocks skipped as too large. */
  perKey: { name: string; blocks: number; pairs: number; skippedBlocks: number; skippedRecords: number }[];
}

/**
 * A pair is a candidate when it shares this many key values, or one email, phone or national id, or one rare value. A true
 * duplicate shares several keys (the names' sound and prefix, the birth date, the address) while one shared
 * name key alone is mostly namesakes: at a million records a single key proposes about five times as many
 * pairs as two keys do, and those extra pairs are what comparing costs. The incremental link asks the same.
 */
export const DEFAULT_MIN_SHARED_KEYS = 2;

/**
 * A key value held by at most this many records (one person's records across a few sources) is rare enough to
 * propose its pairs alone, like an identifier: measured on Febrl dataset2 without the national id, the pairs
 * sharing one rare value are where the two-keys rule lost its recall (F1 0.989 → 0.993 with them back), while
 * at 100 k records they add 1.4 % to the candidate pairs.
 */
export const RARE_VALUE_RECORDS = 4;

/** Keys that stand for one person on their own (an email, a phone, a national id), not a group of people. */
export function isIdentifierKey(key: BlockingKey): boolean {
  return key.parts.length === 1 && ['emails', 'phones', 'nationalId'].includes(key.parts[0]?.field ?? '');
}

/**
 * The blocks of one key that are kept (2 to maxBlockSize members), as index arrays: the members of each block
 * (record order), and the blocks of each record (a record has several under a list field: one per email).
 */
interface KeyBlocks {
  blockStart: Uint32Array;
  members: Uint32Array;
  recordStart: Uint32Array;
  recordBlocks: Uint32Array;
  /** An email, phone or national id key: one shared value satisfies the rule. */
  identifier: boolean;
  stats: BlockingResult['perKey'][number];
}

function keyBlocks(records: readonly Features[], key: BlockingKey, maxBlockSize: number): KeyBlocks {
  const n = records.length;
  const numbers = new Map<string, number>();
  const sizes: number[] = [];
  // A record's distinct values, as block numbers, flattened: record r's are valueOf[valueStart[r]..valueStart[r+1]).
  const valueStart = new Uint32Array(n + 1);
  const valueOf: number[] = [];
  for (let index = 0; index < n; index += 1) {
    const values = keyValues(records[index] as Features, key);
    for (const value of values.length === 1 ? values : new Set(values)) {
      let number = numbers.get(value);
      if (number === undefined) {
        numbers.set(value, (number = sizes.length));
        sizes.push(0);
      }
      sizes[number] = (sizes[number] as number) + 1;
      valueOf.push(number);
    }
    valueStart[index + 1] = valueOf.length;
  }
  const stats = { name: key.name, blocks: 0, pairs: 0, skippedBlocks: 0, skippedRecords: 0 };
  // Kept blocks renumbered 0..k-1 in the same order; -1 for singletons and blocks over the cap.
  const kept = new Int32Array(sizes.length).fill(-1);
  const keptSizes: number[] = [];
  sizes.forEach((size, number) => {
    if (size < 2) return;
    if (size > maxBlockSize) {
      stats.skippedBlocks += 1;
      stats.skippedRecords += size;
      return;
    }
    kept[number] = keptSizes.length;
    keptSizes.push(size);
    stats.pairs += (size * (size - 1)) / 2;
  });
  stats.blocks = keptSizes.length;
  const blockStart = new Uint32Array(keptSizes.length + 1);
  keptSizes.forEach((size, block) => {
    blockStart[block + 1] = (blockStart[block] as number) + size;
  });
  const members = new Uint32Array(blockStart[keptSizes.length] as number);
  const fill = blockStart.slice(0, keptSizes.length);
  const recordStart = new Uint32Array(n + 1);
  const recordBlocks: number[] = [];
  for (let index = 0; index < n; index += 1) {
    for (let at = valueStart[index] as number; at < (valueStart[index + 1] as number); at += 1) {
      const block = kept[valueOf[at] as number] as number;
      if (block < 0) continue;
      members[fill[block] as number] = index;
      fill[block] = (fill[block] as number) + 1;
      recordBlocks.push(block);
    }
    recordStart[index + 1] = recordBlocks.length;
  }
  return { blockStart, members, recordStart, recordBlocks: Uint32Array.from(recordBlocks), identifier: isIdentifierKey(key), stats };
}

/**
 * What sharing one key value held by `holders` records counts for towards the rule: an identifier or a rare value
 * the whole rule, any other value one key. The full run's blocking and the incremental link's lookups both ask here.
 */
export function shareWeight(holders: number, identifier: boolean, required = DEFAULT_MIN_SHARED_KEYS): number {
  return identifier || holders <= RARE_VALUE_RECORDS ? required : 1;
}

function valueWeight(keyBlocks: KeyBlocks, block: number, required: number): number {
  return shareWeight((keyBlocks.blockStart[block + 1] as number) - (keyBlocks.blockStart[block] as number), keyBlocks.identifier, required);
}

/** How much records i and j share under the rule: one per shared key value, an identifier the whole rule. */
function sharedWeight(keyed: readonly KeyBlocks[], i: number, j: number, required: number): number {
  let shared = 0;
  for (const blocks of keyed) {
    const { recordStart, recordBlocks } = blocks;
    const iEnd = recordStart[i + 1] as number;
    const jStart = recordStart[j] as number;
    const jEnd = recordStart[j + 1] as number;
    for (let x = recordStart[i] as number; x < iEnd; x += 1) {
      const block = recordBlocks[x] as number;
      for (let y = jStart; y < jEnd; y += 1) if (recordBlocks[y] === block) shared += valueWeight(blocks, block, required);
    }
  }
  return shared;
}

/** Candidate pairs of a set of records under the given keys. */
export function candidatePairs(
  records: readonly Features[],
  keys: readonly BlockingKey[] = DEFAULT_BLOCKING,
  maxBlockSize = DEFAULT_MAX_BLOCK_SIZE,
  minSharedKeys = DEFAULT_MIN_SHARED_KEYS,
): BlockingResult {
  const required = Math.max(1, minSharedKeys);
  const keyed = keys.map((key) => keyBlocks(records, key, maxBlockSize));
  const { left, right, proposed } = sharedPairs(keyed, records.length, required);
  return {
    count: left.length,
    proposed,
    forEachPair: (visit) => {
      for (let pair = 0; pair < left.length; pair += 1) visit(left[pair] as number, right[pair] as number);
    },
    left,
    right,
    proposes: (i, j) => i !== j && sharedWeight(keyed, Math.min(i, j), Math.max(i, j), required) >= required,
    perKey: keyed.map(({ stats }) => stats),
  };
}

/**
 * Walks each record's blocks once, counting per other record (j > i) the weight they share, and keeps the pairs
 * that reach the rule: linear in the blocks' sizes, with no set of pairs (a million records' blocks hold ~90 M
 * pairs of which a fifth are kept). Pairs come out by i, then j, whatever the keys' order.
 */
function sharedPairs(keyed: readonly KeyBlocks[], n: number, required: number): { left: Uint32Array; right: Uint32Array; proposed: number } {
  const seenBy = new Int32Array(n).fill(-1);
  const shared = new Uint16Array(n);
  const touched = new Uint32Array(Math.max(1, n));
  const kept = new Uint32Array(Math.max(1, n));
  let left = new Uint32Array(1024);
  let right = new Uint32Array(1024);
  let count = 0;
  let proposed = 0;
  for (let i = 0; i < n; i += 1) {
    let touchedCount = 0;
    for (const blocks of keyed) {
      const { blockStart, members, recordStart, recordBlocks } = blocks;
      const end = recordStart[i + 1] as number;
      for (let at = recordStart[i] as number; at < end; at += 1) {
        const block = recordBlocks[at] as number;
        const first = blockStart[block] as number;
        const shares = valueWeight(blocks, block, required);
        // Members are in record order: the ones after i are at the block's end.
        for (let y = (blockStart[block + 1] as number) - 1; y >= first; y -= 1) {
          const j = members[y] as number;
          if (j <= i) break;
          if (seenBy[j] !== i) {
            seenBy[j] = i;
            shared[j] = 0;
            touched[touchedCount] = j;
            touchedCount += 1;
          }
          shared[j] = Math.min(65_535, (shared[j] as number) + shares);
        }
      }
    }
    proposed += touchedCount;
    let keptCount = 0;
    for (let t = 0; t < touchedCount; t += 1) {
      const j = touched[t] as number;
      if ((shared[j] as number) >= required) {
        kept[keptCount] = j;
        keptCount += 1;
      }
    }
    if (keptCount === 0) continue;
    kept.subarray(0, keptCount).sort();
    if (count + keptCount > left.length) {
      const size = Math.max(left.length * 2, count + keptCount);
      left = grown(left, size);
      right = grown(right, size);
    }
    left.fill(i, count, count + keptCount);
    right.set(kept.subarray(0, keptCount), count);
    count += keptCount;
  }
  return { left: left.slice(0, count), right: right.slice(0, count), proposed };
}

function grown(array: Uint32Array, size: number): Uint32Array<ArrayBuffer> {
  const next = new Uint32Array(size);
  next.set(array);
  return next;
}
