import { describe, expect, it } from 'vitest';
import { compare, DEFAULT_COMPARISONS, digitsApart, levelNames } from './comparisons';
import { features, type IdentityRecord } from './record';

const base: IdentityRecord = {
  id: 'a',
  given: 'William',
  family: 'Kowalski',
  birthDate: '1980-03-14',
  street: '12 Main Street',
  street2: null,
  city: 'Montréal',
  postalCode: 'H2X 1Y4',
  region: 'QC',
  emails: ['w.kowalski@gmail.com'],
  phones: ['+1 514 555 0101'],
};

function levels(a: Partial<IdentityRecord>, b: Partial<IdentityRecord>): Record<string, string | null> {
  return levelNames(DEFAULT_COMPARISONS, compare(DEFAULT_COMPARISONS, features({ ...base, ...a }), features({ ...base, id: 'b', ...b })));
}

describe('comparison levels', () => {
  it('exact everywhere for the same record, national id missing', () => {
    expect(levels({}, {})).toEqual({
      given: 'exact',
      family: 'exact',
      birthDate: 'exact',
      street: 'exact',
      street2: null,
      city: 'exact',
      postalCode: 'exact',
      region: 'exact',
      email: 'shared',
      phone: 'shared',
      nationalId: null,
    });
  });
  it('blank is missing, never equal', () => {
    const result = levels({ given: null, emails: [], birthDate: null }, { given: null, emails: [], birthDate: null });
    expect(result.given).toBeNull();
    expect(result.email).toBeNull();
    expect(result.birthDate).toBeNull();
  });
  it('names: nickname, typo, initial, transposed, different', () => {
    expect(levels({}, { given: 'Bill' }).given).toBe('nickname');
    expect(levels({}, { given: 'Wiliam' }).given).toBe('close');
    expect(levels({}, { given: 'W.' }).given).toBe('similar');
    expect(levels({}, { given: 'Kowalski', family: 'William' })).toMatchObject({ given: 'transposed', family: 'transposed' });
    expect(levels({}, { given: 'Zebediah' }).given).toBe('different');
    expect(levels({}, { family: 'Kowalsky' }).family).toBe('close');
    expect(levels({ family: 'Łukasiewicz' }, { family: 'LUKASIEWICZ' }).family).toBe('exact');
  });
  it('birth dates: swapped day and month, one digit, two digits, same year, a generation apart', () => {
    expect(levels({ birthDate: '1980-03-04' }, { birthDate: '1980-04-03' }).birthDate).toBe('dayMonthSwapped');
    expect(levels({}, { birthDate: '1980-03-15' }).birthDate).toBe('oneDigitOff');
    expect(levels({}, { birthDate: '1908-03-14' }).birthDate).toBe('oneDigitOff'); // two neighbouring digits exchanged
    expect(levels({}, { birthDate: '1981-03-24' }).birthDate).toBe('twoDigitsOff');
    expect(levels({}, { birthDate: '1980-11-29' }).birthDate).toBe('sameYear');
    expect(levels({}, { birthDate: '2005-07-22' }).birthDate).toBe('generation');
    expect(levels({}, { birthDate: '2047-07-22' }).birthDate).toBe('else'); // 67 years: no parent and child
    expect(levels({}, { birthDate: '1977-07-22' }).birthDate).toBe('else');
  });
  it('streets, postal codes, emails and phones in their canonical forms', () => {
    expect(levels({}, { street: '12 main st' }).street).toBe('exact');
    expect(levels({}, { street: '12 Mian Street' }).street).toBe('numberAndNameClose');
    expect(levels({}, { street: '14 Main Street' }).street).toBe('nameExact');
    expect(levels({}, { street: '3 Oak Avenue' }).street).toBe('else');
    expect(levels({}, { postalCode: 'H2X 1Y5' }).postalCode).toBe('oneEdit');
    expect(levels({}, { postalCode: 'H2X 3A9' }).postalCode).toBe('prefix');
    expect(levels({}, { emails: ['wkowalski+shop@googlemail.com'] }).email).toBe('shared');
    expect(levels({}, { phones: ['(514) 555-0101'] }).phone).toBe('shared');
    expect(levels({ nationalId: '123 456 789' }, { nationalId: '123456789' }).nationalId).toBe('exact');
  });
  it('counts digits apart with neighbour exchanges as one', () => {
    expect(digitsApart('19800314', '19800314')).toBe(0);
    expect(digitsApart('19800314', '19080314')).toBe(1);
    expect(digitsApart('19800314', '29810314')).toBe(2);
    expect(digitsApart('1980', '19800')).toBe(Infinity);
  });
});
