/**
 * Blocking keys as numbers, for the vault's key index (store/key-index.ts): a record's candidates are then an
 * index lookup on an integer. 52 bits from two 32-bit FNV-1a lanes with different offsets: exact in a double,
 * and a collision only proposes one more candidate, which scoring then rejects.
 */
import { keyValues, type BlockingKey } from './blocking';
import type { Features } from './record';

const HIGH_BITS = 2 ** 20;

export function hashKey(text: string): number {
  let low = 0x811c9dc5;
  let high = 0x01000193 ^ 0x5bd1e995;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    low = Math.imul(low ^ code, 0x01000193);
    high = Math.imul(high ^ code, 0x01000193) ^ (high >>> 15);
  }
  return ((high >>> 0) % HIGH_BITS) * 2 ** 32 + (low >>> 0);
}

/** Each key value of a record, hashed with its key's name (the same value under two keys is two keys). */
export function recordKeyHashes(record: Features, keys: readonly BlockingKey[]): { key: BlockingKey; hash: number }[] {
  const hashes: { key: BlockingKey; hash: number }[] = [];
  for (const key of keys) for (const value of new Set(keyValues(record, key))) hashes.push({ key, hash: hashKey(`${key.name}\u0000${value}`) });
  return hashes;
}

/** Keys that stand for one person on their own (an email, a phone, a national id), not a group of people. */
export function isIdentifierKey(key: BlockingKey): boolean {
  return key.parts.length === 1 && ['emails', 'phones', 'nationalId'].includes(key.parts[0]?.field ?? '');
}
