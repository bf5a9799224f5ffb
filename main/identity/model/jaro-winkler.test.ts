import reference from 'jaro-winkler';
import { describe, expect, it } from 'vitest';
import { syntheticSet } from '../synthetic/generate';
import { jaroWinkler } from './jaro-winkler';
import { features } from './record';

describe('jaroWinkler', () => {
  it('gives exactly what the jaro-winkler package gives, on names, streets and towns of generated records', () => {
    const records = syntheticSet({ people: 300, seed: 11 }).records.map(features);
    const values = [
      ...new Set(records.flatMap((record) => [record.given, record.family, record.streetName, record.city]).filter((value): value is string => value !== null)),
    ];
    let compared = 0;
    for (let i = 0; i < values.length; i += 1) {
      for (let j = i; j < values.length; j += 7) {
        const left = values[i] as string;
        const right = values[j] as string;
        expect(jaroWinkler(left, right), `${left} ~ ${right}`).toBe(reference(left, right, { caseSensitive: true }));
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(5_000);
    // Edge cases: blanks, one character, a long value beyond the reused buffers.
    for (const [left, right] of [
      ['', 'a'],
      ['a', 'a'],
      ['a', 'b'],
      ['martha', 'marhta'],
      ['x'.repeat(200), `${'x'.repeat(199)}y`],
    ] as const)
      expect(jaroWinkler(left, right)).toBe(reference(left, right, { caseSensitive: true }));
  });
});
