import { describe, expect, it } from 'vitest';
import { IdSet } from './id-set';

describe('IdSet', () => {
  it('holds exactly the ids added, however large, like a Set', () => {
    const ids = new IdSet();
    const reference = new Set<number>();
    let seed = 7;
    for (let index = 0; index < 20_000; index += 1) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      const id = seed % (index < 10_000 ? 5_000 : 3_000_000);
      ids.add(id);
      reference.add(id);
    }
    for (let id = 0; id < 3_000_100; id += 1) if (ids.has(id) !== reference.has(id)) expect.fail(`id ${id}`);
    expect(ids.has(0)).toBe(reference.has(0));
    expect(new IdSet().has(123_456_789)).toBe(false);
  });
});
