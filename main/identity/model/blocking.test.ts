import { describe, expect, it } from 'vitest';
import { candidatePairs, keyValues, soundex, type BlockingKey } from './blocking';
import { features, type IdentityRecord } from './record';

const person = (id: string, given: string | null, family: string | null, birthDate: string | null = null): IdentityRecord => ({
  id,
  given,
  family,
  birthDate,
  street: null,
  city: null,
  postalCode: null,
  region: null,
  emails: [],
  phones: [],
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
    const result = candidatePairs([features(person('a', 'anna', 'nowak')), features(person('b', 'nowak', 'anna'))], [key], 300, 1);
    expect(result.left.length).toBe(1);
  });
  it('proposes each pair once across keys, and skips blocks over the cap', () => {
    const records = ['smith', 'smith', 'smith', 'jones', 'jones'].map((family, index) => features(person(String(index), 'ann', family, '1980-01-01')));
    const keys: BlockingKey[] = [
      { name: 'family', parts: [{ field: 'family' }] },
      { name: 'birth', parts: [{ field: 'birth' }] },
    ];
    const result = candidatePairs(records, keys, 3, 1);
    // family: smith (3 pairs) and jones (1 pair); birth: one block of 5 > cap → skipped.
    expect(result.left.length).toBe(4);
    expect(result.perKey[1]).toMatchObject({ skippedBlocks: 1, skippedRecords: 5 });
  });
  it('by default proposes pairs sharing two keys, one identifier or one rare value', () => {
    const smiths = ['1980-01-01', '1980-01-01', '1975-03-04', '1976-03-04', '1977-03-04', '1978-03-04'].map((birth, index) =>
      features(person(String(index), 'ann', 'smith', birth)),
    );
    const records = [
      features({ ...person('0', 'ann', 'smith', '1980-01-01'), emails: ['ann@example.com'] }),
      ...smiths.slice(1),
      ...[6, 7, 8].map((index) => features(person(String(index), 'ann', null, '1980-01-01'))),
      features({ ...person('9', 'bob', null, '1990-05-06'), emails: ['ann@example.com'] }),
    ];
    const keys: BlockingKey[] = [
      { name: 'family', parts: [{ field: 'family' }] },
      { name: 'birth', parts: [{ field: 'birth' }] },
      { name: 'email', parts: [{ field: 'emails' }] },
    ];
    const result = candidatePairs(records, keys);
    // Six Smiths and five people born on 1980-01-01: a common value each. 0–1 share both, 0–9 an email.
    expect([...result.left].map((i, pair) => `${i}-${result.right[pair] as number}`)).toEqual(['0-1', '0-9']);
    expect(result.proposed).toBe(15 + 9 + 1);
    expect(result.proposes(1, 0)).toBe(true);
    expect(result.proposes(2, 1)).toBe(false);
    expect(result.proposes(9, 0)).toBe(true);
    // A family name only two records hold proposes them on its own.
    const rare = candidatePairs([features(person('a', 'ann', 'wiśniewska', '1980-01-01')), features(person('b', 'anna', 'wiśniewska', null))], keys);
    expect(rare.count).toBe(1);
  });
});
