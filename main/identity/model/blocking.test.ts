import { describe, expect, it } from 'vitest';
import { candidatePairs, keyValues, soundex, type BlockingKey } from './blocking';
import { features, type IdentityRecord } from './record';

const person = (id: string, given: string | null, family: string | null, birthDate: string | null = null): IdentityRecord => ({
  id, given, family, birthDate, street: null, city: null, postalCode: null, region: null, emails: [], phones: [],
});

describe('blocking', () => {
  it('soundex groups spellings', () => {
    expect(soundex('robert')).toBe('r163');
    expect(soundex('rupert')).toBe('r163');
    expect(soundex('ashcraft')).toBe('a261');
    expect(soundex('')).toBe('');
  });
  it('never makes a key of a blank', () => {
    const key: BlockingKey = { name: 'family', parts: [{ field: 'family' }] };
    expect(keyValues(features(person('a', 'x', null)), key)).toEqual([]);
    const result = candidatePairs([features(person('a', 'x', null)), features(person('b', 'y', null))], [key]);
    expect(result.left.length).toBe(0);
  });
  it('unordered keys survive given and family written the other way round', () => {
    const key: BlockingKey = { name: 'names', parts: [{ field: 'given' }, { field: 'family' }], unordered: true };
    const result = candidatePairs([features(person('a', 'anna', 'nowak')), features(person('b', 'nowak', 'anna'))], [key]);
    expect(result.left.length).toBe(1);
  });
  it('proposes each pair once across keys, and skips blocks over the cap', () => {
    const records = ['smith', 'smith', 'smith', 'jones', 'jones'].map((family, index) => features(person(String(index), 'ann', family, '1980-01-01')));
    const keys: BlockingKey[] = [
      { name: 'family', parts: [{ field: 'family' }] },
      { name: 'birth', parts: [{ field: 'birth' }] },
    ];
    const result = candidatePairs(records, keys, 3);
    // family: smith (3 pairs) and jones (1 pair); birth: one block of 5 > cap → skipped.
    expect(result.left.length).toBe(4);
    expect(result.perKey[1]).toMatchObject({ skippedBlocks: 1, skippedRecords: 5 });
  });
});
