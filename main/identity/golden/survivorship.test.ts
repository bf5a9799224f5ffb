import { describe, expect, it } from 'vitest';
import type { FieldRule } from './contract';
import { choose, goldenName, sameValueKey, type Candidate } from './survivorship';

let nextId = 1;
function candidate(value: string, at: string, options: Partial<Omit<Candidate, 'value' | 'at'>> = {}): Candidate {
  return { value, at, recordId: nextId++, sourceId: 1, source: 'CRM', verified: true, ...options };
}
const rule = (name: FieldRule['rule'], sources: number[] = []): FieldRule => ({ rule: name, sources });
const chosenValue = (candidates: Candidate[], fieldRule: FieldRule): string | null => choose(candidates, fieldRule).chosen?.value ?? null;

describe('survivorship rules', () => {
  it('most recent: the record changed last, the newer record id on the same time', () => {
    expect(chosenValue([candidate('Laval', '2026-01-01'), candidate('Montréal', '2026-03-01'), candidate('Québec', '2026-02-01')], rule('mostRecent'))).toBe(
      'Montréal',
    );
    const a = candidate('Laval', '2026-01-01', { recordId: 10 });
    const b = candidate('Montréal', '2026-01-01', { recordId: 11 });
    expect(chosenValue([b, a], rule('mostRecent'))).toBe('Montréal');
    expect(chosenValue([a, b], rule('mostRecent'))).toBe('Montréal');
  });

  it('most frequent: counts values case, accents and spacing aside; a tie goes to the group seen most recently', () => {
    const values = [
      candidate('Côté', '2026-01-01'),
      candidate('COTE', '2026-01-02'),
      candidate('Cote ', '2026-01-03'),
      candidate('Coté', '2025-01-01'),
      candidate('Caron', '2026-06-01'),
    ];
    expect(choose(values, rule('mostFrequent'))).toMatchObject({ chosen: { value: 'Cote ' }, alternatives: 1 });
    // One each: the most recent wins.
    expect(chosenValue([candidate('Jean', '2026-01-01'), candidate('John', '2026-02-01')], rule('mostFrequent'))).toBe('John');
    // Two each: the group holding the newest record wins, with that record's spelling.
    const tie = [candidate('Jean', '2026-01-01'), candidate('JEAN', '2026-05-01'), candidate('John', '2026-02-01'), candidate('John', '2026-03-01')];
    expect(chosenValue(tie, rule('mostFrequent'))).toBe('JEAN');
  });

  it('source priority: the first listed source that has a value, unlisted sources last, newest within a source', () => {
    const values = [
      candidate('a@shop.ca', '2026-05-01', { sourceId: 2, source: 'Web shop' }),
      candidate('old@crm.ca', '2025-01-01', { sourceId: 1 }),
      candidate('new@crm.ca', '2026-01-01', { sourceId: 1 }),
      candidate('x@till.ca', '2026-09-01', { sourceId: 3, source: 'Till' }),
    ];
    expect(choose(values, rule('sourcePriority', [1, 2]))).toMatchObject({ chosen: { value: 'new@crm.ca', source: 'CRM' }, alternatives: 3 });
    expect(chosenValue(values, rule('sourcePriority', [2, 1]))).toBe('a@shop.ca');
    // The trusted source has nothing: the next one, then the unlisted ones, never a blank.
    expect(chosenValue([candidate('', '2026-01-01', { sourceId: 1 }), ...values.slice(0, 1)], rule('sourcePriority', [1, 2]))).toBe('a@shop.ca');
    expect(chosenValue(values.slice(3), rule('sourcePriority', [1, 2]))).toBe('x@till.ca');
    expect(chosenValue(values, rule('sourcePriority'))).toBe('x@till.ca');
  });

  it('longest: the most characters (letters, not bytes), the most recent among equals', () => {
    expect(chosenValue([candidate('12 rue Principale', '2026-05-01'), candidate('12 rue Principale, app. 4', '2025-01-01')], rule('longest'))).toBe(
      '12 rue Principale, app. 4',
    );
    expect(chosenValue([candidate('Łódź', '2026-01-01'), candidate('Lodz', '2026-02-01')], rule('longest'))).toBe('Lodz');
    expect(chosenValue([candidate('Łódź ', '2026-03-01'), candidate('Lodz', '2026-02-01')], rule('longest'))).toBe('Łódź ');
  });

  it('verified first: a value read cleanly beats a newer one that was not, the most recent among the verified', () => {
    const values = [candidate('+15145550100', '2026-01-01'), candidate('+15145550111', '2026-02-01'), candidate('+1514555', '2026-09-01', { verified: false })];
    expect(chosenValue(values, rule('verifiedFirst'))).toBe('+15145550111');
    expect(choose([values[2]!], rule('verifiedFirst'))).toMatchObject({ chosen: { value: '+1514555', verified: false }, alternatives: 0 });
  });

  it('never chooses a blank over a value, and reports nothing when every value is blank', () => {
    for (const name of ['mostRecent', 'mostFrequent', 'sourcePriority', 'longest', 'verifiedFirst'] as const) {
      const blanks = [candidate('', '2026-09-01'), candidate('   ', '2026-09-02'), candidate('  ', '2026-09-03')];
      expect(chosenValue([...blanks, candidate('Laval', '2020-01-01', { verified: false })], rule(name, [1]))).toBe('Laval');
      expect(choose(blanks, rule(name))).toEqual({ chosen: null, alternatives: 0 });
    }
    expect(choose([], rule('mostRecent'))).toEqual({ chosen: null, alternatives: 0 });
  });

  it('names a person as an import names a record: the full name, else given and family name, else the email', () => {
    expect(goldenName({ givenName: 'Jean', familyName: 'Tremblay', fullName: 'J. Tremblay' })).toEqual({
      display: 'J. Tremblay',
      sortText: 'Tremblay Jean J. Tremblay',
    });
    expect(goldenName({ givenName: 'Jean', familyName: 'Tremblay' })).toEqual({ display: 'Jean Tremblay', sortText: 'Tremblay Jean' });
    expect(goldenName({ familyName: 'Tremblay', email: 'j@t.ca' })).toEqual({ display: 'Tremblay', sortText: 'Tremblay' });
    expect(goldenName({ fullName: 'Jean Tremblay', email: 'j@t.ca' })).toEqual({ display: 'Jean Tremblay', sortText: 'Jean Tremblay' });
    expect(goldenName({ email: 'j@t.ca' })).toEqual({ display: 'j@t.ca', sortText: 'j@t.ca' });
    expect(goldenName({ givenName: null })).toBeNull();
    expect(sameValueKey('  Côté\tÉlise ')).toBe('cote elise');
  });
});
