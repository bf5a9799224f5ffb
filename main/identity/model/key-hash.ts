/**
 * Blocking keys as numbers, for the vault's key index (store/key-index.ts): a record's candidates are then an
 * index lookup on an integer. 52 bits from two 32-bit FNV-1a lanes with different offsets: exact in a double,
 * and a collision only proposes one more candidate, which scoring then rejects. A million records carry some
 * seven million keys, so the usual case (every part one value) is hashed without building the key's text.
 */
import { transformKeyPart, type BlockingKey, type KeyPart } from './blocking';
import type { Features } from './record';

const HIGH_BITS = 2 ** 20;
const SEPARATOR = 0;

class Hasher {
  constructor(
    public low = 0x811c9dc5,
    public high = 0x01000193 ^ 0x5bd1e995,
  ) {}

  add(text: string): this {
    let { low, high } = this;
    for (let index = 0; index < text.length; index += 1) {
      const code = text.charCodeAt(index);
      low = Math.imul(low ^ code, 0x01000193);
      high = Math.imul(high ^ code, 0x01000193) ^ (high >>> 15);
    }
    this.low = low;
    this.high = high;
    return this;
  }

  separate(): this {
    this.low = Math.imul(this.low ^ SEPARATOR, 0x01000193);
    this.high = Math.imul(this.high ^ SEPARATOR, 0x01000193) ^ (this.high >>> 15);
    return this;
  }

  value(): number {
    return ((this.high >>> 0) % HIGH_BITS) * 2 ** 32 + (this.low >>> 0);
  }
}

/** The hasher's state after a key's name, computed once per key. */
const afterName = new WeakMap<BlockingKey, { low: number; high: number }>();

function hashParts(key: BlockingKey, parts: readonly string[]): number {
  let start = afterName.get(key);
  if (start === undefined) {
    const named = new Hasher().add(key.name);
    afterName.set(key, (start = { low: named.low, high: named.high }));
  }
  const hasher = new Hasher(start.low, start.high);
  for (const part of parts) hasher.separate().add(part);
  return hasher.value();
}

/** Each key value of a record, hashed with its key's name (the same value under two keys is two keys). */
export function recordKeyHashes(record: Features, keys: readonly BlockingKey[]): { key: BlockingKey; hash: number }[] {
  const hashes: { key: BlockingKey; hash: number }[] = [];
  forEachKeyHash(record, keys, (key, hash) => hashes.push({ key, hash }));
  return hashes;
}

/** The key values blocking forms (model/blocking.ts keyValues), hashed part by part, without joining text. */
export function forEachKeyHash(record: Features, keys: readonly BlockingKey[], emit: (key: BlockingKey, hash: number) => void): void {
  // Several keys read the same sound or prefix of a name: each is worked out once per record.
  const memo = new Map<string, string | null>();
  const transformed = (value: string, part: KeyPart): string | null => {
    const id = `${part.field}\u0000${part.transform ?? 'value'}\u0000${part.length ?? 0}\u0000${value}`;
    let result = memo.get(id);
    if (result === undefined) memo.set(id, (result = transformKeyPart(value, part)));
    return result;
  };
  for (const key of keys) {
    // Usually one value per part; a list (two emails) gives one key per combination.
    let combinations: string[][] = [[]];
    for (const part of key.parts) {
      const raw = record[part.field];
      const values: string[] = [];
      if (Array.isArray(raw)) {
        for (const item of raw) {
          const value = transformed(item, part);
          if (value !== null && !values.includes(value)) values.push(value);
        }
      } else if (raw !== null) {
        const value = transformed(raw as string, part);
        if (value !== null) values.push(value);
      }
      if (values.length === 0) {
        combinations = [];
        break;
      }
      if (values.length === 1) for (const combination of combinations) combination.push(values[0] as string);
      else combinations = combinations.flatMap((combination) => values.map((value) => [...combination, value]));
    }
    for (const combination of combinations) {
      if (key.unordered === true) combination.sort();
      emit(key, hashParts(key, combination));
    }
  }
}

const DIGIT_BITS = 13;
const DIGITS = 1 << DIGIT_BITS;
const LOW = 2 ** 26;

/**
 * The positions 0..count-1 ordered by their hashes, equal hashes in their first order (a stable sort): a least
 * significant digit radix sort, four passes of 13 bits over the 52-bit hashes. A resolution writes the key index
 * in this order, a dozen keys for each of a million records; a comparison sort of those took 8 s.
 */
export function orderByHash(hashes: Float64Array, count: number): Uint32Array {
  // Hashes travel with their positions, so each pass reads both arrays in order and writes to 8,192 places.
  let keys = hashes.slice(0, count);
  let order = new Uint32Array(count);
  for (let position = 0; position < count; position += 1) order[position] = position;
  let nextKeys = new Float64Array(count);
  let nextOrder = new Uint32Array(count);
  const buckets = new Uint32Array(DIGITS);
  const mask = DIGITS - 1;
  for (let pass = 0; pass < 4; pass += 1) {
    const high = pass >= 2;
    const shift = pass % 2 === 0 ? 0 : DIGIT_BITS;
    buckets.fill(0);
    for (let at = 0; at < count; at += 1) {
      const hash = keys[at] as number;
      const bucket = ((high ? Math.floor(hash / LOW) : hash % LOW) >>> shift) & mask;
      buckets[bucket] = (buckets[bucket] as number) + 1;
    }
    let start = 0;
    for (let bucket = 0; bucket < DIGITS; bucket += 1) {
      const size = buckets[bucket] as number;
      buckets[bucket] = start;
      start += size;
    }
    for (let at = 0; at < count; at += 1) {
      const hash = keys[at] as number;
      const bucket = ((high ? Math.floor(hash / LOW) : hash % LOW) >>> shift) & mask;
      const target = buckets[bucket] as number;
      buckets[bucket] = target + 1;
      nextKeys[target] = hash;
      nextOrder[target] = order[at] as number;
    }
    [keys, nextKeys] = [nextKeys, keys];
    [order, nextOrder] = [nextOrder, order];
  }
  return order;
}
