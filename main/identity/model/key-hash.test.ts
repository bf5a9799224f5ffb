import { describe, expect, it } from 'vitest';
import { syntheticSet } from '../synthetic/generate';
import { DEFAULT_BLOCKING, keyValues } from './blocking';
import { forEachKeyHash } from './key-hash';
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
