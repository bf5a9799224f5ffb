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
  { name: 'family sound + birth year', parts: [{ field: 'family', transform: 'soundex' }, { field: 'birth', transform: 'year' }] },
  { name: 'given prefix + postal code', parts: [{ field: 'given', transform: 'prefix', length: 2 }, { field: 'postalCode' }] },
  { name: 'birth date', parts: [{ field: 'birth' }] },
  { name: 'names sound', parts: [{ field: 'given', transform: 'soundex' }, { field: 'family', transform: 'soundex' }], unordered: true },
  { name: 'street number + postal code', parts: [{ field: 'streetNumber' }, { field: 'postalCode' }] },
  { name: 'family prefix + street', parts: [{ field: 'family', transform: 'prefix', length: 2 }, { field: 'streetName', transform: 'prefix', length: 4 }] },
  { name: 'names prefix', parts: [{ field: 'given', transform: 'prefix', length: 3 }, { field: 'family', transform: 'prefix', length: 3 }], unordered: true },
  { name: 'street number + street', parts: [{ field: 'streetNumber' }, { field: 'streetName', transform: 'prefix', length: 5 }] },
  { name: 'given sound + street', parts: [{ field: 'given', transform: 'soundex' }, { field: 'streetName', transform: 'prefix', length: 5 }] },
  { name: 'given sound + birth month-day', parts: [{ field: 'given', transform: 'soundex' }, { field: 'birth', transform: 'monthDay' }] },
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
  /**
   * Visits every candidate pair once (record indices, i < j), always in the same order. The blocks are walked
   * again rather than the pairs stored: a million records have ~90 M candidate pairs, 700 MB as two arrays.
   */
  forEachPair: (visit: (i: number, j: number) => void) => void;
  /** The candidate pairs as arrays, built on first use (evaluations, tests). */
  readonly left: Uint32Array;
  readonly right: Uint32Array;
  /** Whether blocking proposes records i and j (in either order): they share a kept block of some key. */
  proposes: (i: number, j: number) => boolean;
  /** Per key: blocks formed, pairs it proposed, blocks skipped as too large. */
  perKey: { name: string; blocks: number; pairs: number; skippedBlocks: number; skippedRecords: number }[];
}

/**
 * The blocks of one key that are kept (2 to maxBlockSize members), as index arrays: the members of each block
 * (record order), and the blocks of each record (a record has several under a list field: one per email).
 * Blocks are numbered in the order their value first appears, the order pairs are proposed in.
 */
interface KeyBlocks {
  blockStart: Uint32Array;
  members: Uint32Array;
  recordStart: Uint32Array;
  recordBlocks: Uint32Array;
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
  return { blockStart, members, recordStart, recordBlocks: Uint32Array.from(recordBlocks), stats };
}

/**
 * Whether records i and j already met in a kept block proposed before block `block` of key `keyIndex`: the pair
 * was proposed then. Asking the blocks (a few integer compares) instead of remembering every pair proposed keeps
 * blocking's memory linear in the records however many pairs there are, and the pairs in first-proposed order.
 */
function metBefore(keyed: readonly KeyBlocks[], i: number, j: number, keyIndex: number, block: number): boolean {
  for (let k = 0; k <= keyIndex; k += 1) {
    const { recordStart, recordBlocks } = keyed[k] as KeyBlocks;
    const iEnd = recordStart[i + 1] as number;
    const jStart = recordStart[j] as number;
    const jEnd = recordStart[j + 1] as number;
    for (let x = recordStart[i] as number; x < iEnd; x += 1) {
      const candidate = recordBlocks[x] as number;
      if (k === keyIndex && candidate >= block) continue;
      for (let y = jStart; y < jEnd; y += 1) if (recordBlocks[y] === candidate) return true;
    }
  }
  return false;
}

/** Candidate pairs of a set of records under the given keys. */
export function candidatePairs(records: readonly Features[], keys: readonly BlockingKey[] = DEFAULT_BLOCKING, maxBlockSize = DEFAULT_MAX_BLOCK_SIZE): BlockingResult {
  const keyed = keys.map((key) => keyBlocks(records, key, maxBlockSize));
  // Counted by walking the blocks: the pairs themselves are never all held at once.
  const counts = keyed.map((_, index) => {
    let pairs = 0;
    visitKey(keyed, index, () => {
      pairs += 1;
    });
    return pairs;
  });
  const forEachPair = (visit: (i: number, j: number) => void): void => keyed.forEach((_, index) => visitKey(keyed, index, visit));
  let arrays: { left: Uint32Array; right: Uint32Array } | null = null;
  const materialized = (): { left: Uint32Array; right: Uint32Array } => {
    if (arrays !== null) return arrays;
    const total = counts.reduce((sum, pairs) => sum + pairs, 0);
    const built = { left: new Uint32Array(total), right: new Uint32Array(total) };
    let at = 0;
    forEachPair((i, j) => {
      built.left[at] = i;
      built.right[at] = j;
      at += 1;
    });
    return (arrays = built);
  };
  return {
    count: counts.reduce((sum, pairs) => sum + pairs, 0),
    forEachPair,
    get left() {
      return materialized().left;
    },
    get right() {
      return materialized().right;
    },
    proposes: (i, j) => i !== j && metBefore(keyed, Math.min(i, j), Math.max(i, j), keyed.length - 1, Infinity),
    perKey: keyed.map(({ stats }, index) => ({ ...stats, pairs: counts[index] as number })),
  };
}

/** Calls `emit` for each pair key `keyIndex` proposes first, in block order (members in record order, so i < j). */
function visitKey(keyed: readonly KeyBlocks[], keyIndex: number, emit: (i: number, j: number) => void): void {
  const { blockStart, members } = keyed[keyIndex] as KeyBlocks;
  const blocks = blockStart.length - 1;
  for (let block = 0; block < blocks; block += 1) {
    const end = blockStart[block + 1] as number;
    for (let x = blockStart[block] as number; x < end; x += 1) {
      const i = members[x] as number;
      for (let y = x + 1; y < end; y += 1) {
        const j = members[y] as number;
        if (!metBefore(keyed, i, j, keyIndex, block)) emit(i, j);
      }
    }
  }
}
