import { describe, expect, it } from 'vitest';
import { syntheticSet } from '../synthetic/generate';
import { DEFAULT_BLOCKING, keyValues } from './blocking';
import { seededRandom } from './fellegi-sunter';
import { forEachKeyHash, orderByHash } from './key-hash';
import { features } from './record';

describe('blocking keys as hashes', () => {
  it('gives one hash per key value blocking forms, equal exactly when the values are', () => {
    const records = syntheticSet({ people: 400, seed: 5 }).records.map(features);
    const byValue = new Map<string, number>();
    const byHash = new Map<number, string>();
    for (const record of records) {
      const hashes: number[] = [];
      forEachKeyHash(record, DEFAULT_BLOCKING, (_key, hash) => hashes.push(hash));
      const values = DEFAULT_BLOCKING.flatMap((key) => [...new Set(keyValues(record, key))].map((value) => `${key.name}\u0000${value}`));
      expect(hashes).toHaveLength(values.length);
      values.forEach((value, index) => {
        const hash = hashes[index] as number;
        expect(Number.isSafeInteger(hash)).toBe(true);
        expect(byValue.get(value) ?? hash).toBe(hash);
        expect(byHash.get(hash) ?? value).toBe(value);
        byValue.set(value, hash);
        byHash.set(hash, value);
      });
    }
    expect(byValue.size).toBeGreaterThan(1000);
  });
});

describe('orderByHash', () => {
  it('orders 52-bit hashes as a stable comparison sort does', () => {
    const random = seededRandom(7);
    const count = 20_000;
    const hashes = new Float64Array(count);
    // Few distinct hashes among many, so equal hashes must keep their first order; the largest 52-bit value too.
    const pool = Array.from({ length: 500 }, (_, index) => (index === 0 ? 2 ** 52 - 1 : Math.floor(random() * 2 ** 52)));
    for (let position = 0; position < count; position += 1) hashes[position] = pool[Math.floor(random() * pool.length)] as number;
    const expected = Array.from({ length: count }, (_, position) => position).sort((x, y) => (hashes[x] as number) - (hashes[y] as number) || x - y);
    expect(Array.from(orderByHash(hashes, count))).toEqual(expected);
  });
});
