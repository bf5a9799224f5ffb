/**
 * The household hard negatives, scored by a model trained on generated retail data (main/identity/synthetic):
 * twins, a junior and his father, spouses sharing everything a household shares stay apart; one person written
 * differently by two systems still merges.
 */
import { describe, expect, it } from 'vitest';
import { syntheticSet } from '../synthetic/generate';
import { compileVetoes, DEFAULT_COMPARISONS, genderVariants } from './comparisons';
import { scorePair } from './fellegi-sunter';
import { link } from './link';
import { features, markHouseholdIdentifiers, type IdentityRecord } from './record';

const { model } = link(syntheticSet({ people: 1500, seed: 3 }).records);

const home: IdentityRecord = {
  id: 'a',
  given: 'William',
  family: 'Kowalski',
  birthDate: '1980-03-14',
  street: '12 rue des Érables',
  street2: null,
  city: 'Montréal',
  postalCode: 'H2X 1Y4',
  region: 'QC',
  emails: ['famille.kowalski@videotron.ca'],
  phones: ['(514) 555-0101'],
};
const score = (a: Partial<IdentityRecord>, b: Partial<IdentityRecord>) => scorePair(model, features({ ...home, ...a }), features({ ...home, id: 'b', ...b }));

describe('household hard negatives', () => {
  it('twins: same surname, birth date, address, landline and mailbox, other given names', () => {
    const result = score({ given: 'Anna' }, { given: 'Zofia' });
    expect(result.veto).toBe('twin');
    expect(result.probability).toBeLessThan(0.01);
  });
  it('a junior and his father: the same name, birth dates a generation apart', () => {
    const result = score({}, { birthDate: '2008-06-02' });
    expect(result.veto).toBe('generation');
    expect(result.probability).toBeLessThan(0.01);
  });
  it('spouses sharing phone, email and address', () => {
    const result = score({}, { given: 'Katarzyna', family: 'Kowalska', birthDate: '1982-09-30' });
    expect(result.veto).toBe('otherPerson');
    expect(result.probability).toBeLessThan(0.01);
  });
  it('a couple named alike (Francesco and Francesca), no birth dates', () => {
    const result = score({ given: 'Francesco', birthDate: null }, { given: 'Francesca', birthDate: null });
    expect(result.contributions.find((contribution) => contribution.comparison === 'given')?.level).toBe('otherSex');
    expect(result.probability).toBeLessThan(0.01);
  });
  it('no given name and nothing personal shared: the address alone does not say who', () => {
    const result = score({ birthDate: null }, { given: null, birthDate: null, emails: ['kasia.k@gmail.com'], phones: [] });
    expect(result.veto).toBe('noPersonEvidence');
  });
  it('one person written differently by two systems still merges (nickname, surname typo, Gmail form, phone format)', () => {
    const result = score(
      { emails: ['w.kowalski@gmail.com'], phones: ['+1 438 555 0199'] },
      { given: 'Bill', family: 'Kowalsky', street: '12 r des Erables', emails: ['wkowalski+shop@googlemail.com'], phones: ['438.555.0199'] },
    );
    expect(result.vetoed).toBe(false);
    expect(result.probability).toBeGreaterThan(0.99);
  });
  it('namesakes: the same name and nothing else agreeing waits for review instead of merging', () => {
    const result = score(
      { birthDate: null, street: '8 rue Laurier', postalCode: 'H7T 4R8', emails: ['w.k@videotron.ca'], phones: ['514 555 0188'] },
      { birthDate: null, street: null, postalCode: null, emails: ['william.kowalski@gmail.com'], phones: [] },
    );
    expect(result.veto).toBe('namesOnly');
    // Capped in the default review band (−4 to 0), not kept apart.
    expect(result.logOdds).toBe(-1);
  });
  it('a spouse keyed with the fields swapped, sharing only the household landline', () => {
    const pair = [
      { ...home, given: 'Tremblay', family: 'Julie', birthDate: null, emails: [] },
      { ...home, id: 'b', given: 'Daniel', family: 'Tremblay', birthDate: '1979-02-01', emails: [] },
    ].map(features);
    markHouseholdIdentifiers(pair);
    const result = scorePair(model, pair[0]!, pair[1]!);
    expect(result.contributions.find((contribution) => contribution.comparison === 'given')?.level).toBe('crossed');
    expect(result.veto).toBe('householdMember');
  });
  it('a given name that merely resembles the shared surname is not a crossed name (William Williams, Mary Williams)', () => {
    const result = score({ given: 'William', family: 'Williams' }, { given: 'Mary', family: 'Williams', birthDate: '1983-05-05' });
    expect(result.contributions.find((contribution) => contribution.comparison === 'given')?.level).not.toBe('crossed');
    expect(result.probability).toBeLessThan(0.01);
  });
  it('a neighbour with the same first name and another family name waits for review', () => {
    const result = score(
      { street: '14 rue des Érables', birthDate: null, emails: ['w.k@videotron.ca'], phones: [] },
      { family: 'Tremblay', birthDate: null, emails: [], phones: ['514 555 0166'] },
    );
    expect(result.veto).toBe('familyDiffers');
    expect(result.logOdds).toBeLessThanOrEqual(-1);
  });
  it('apartment units alike in writing are not the same unit', () => {
    const unit = (street2: string) => ({ street2, birthDate: null, emails: [], phones: [] });
    const level = (a: string, b: string) => score(unit(a), unit(b)).contributions.find((contribution) => contribution.comparison === 'street2')?.level;
    expect(level('unit 2', 'unit 25')).toBe('else');
    expect(level('apt 25', 'app. 25')).toBe('close');
  });
  it('without any contact data (a registry, like Febrl) the twin pattern is left to the weights', () => {
    const result = score({ given: 'Anna', emails: [], phones: [] }, { given: 'Zofia', emails: [], phones: [] });
    expect(result.vetoed).toBe(false);
  });
});

describe('other-sex forms of a name', () => {
  it('pairs the usual endings and nothing else', () => {
    for (const [a, b] of [
      ['francesco', 'francesca'],
      ['jean', 'jeanne'],
      ['daniel', 'danielle'],
      ['giuseppe', 'giuseppina'],
      ['alexander', 'alexandra'],
      ['louis', 'louise'],
      ['paul', 'pauline'],
    ]) {
      expect(genderVariants(a as string, b as string)).toBe(true);
    }
    expect(genderVariants('william', 'wiliam')).toBe(false);
    expect(genderVariants('marie', 'marie')).toBe(false);
    expect(genderVariants('al', 'ala')).toBe(false);
    // A doubled final vowel is a typo.
    expect(genderVariants('sylvie', 'sylviee')).toBe(false);
    expect(genderVariants('patricia', 'patriciaa')).toBe(false);
  });
});

describe('household identifiers', () => {
  const record = (id: string, given: string, phone: string): IdentityRecord => ({ ...home, id, given, phones: [phone], emails: [] });
  it('a phone carried by two first names is a household one; nicknames and typos of one name are not two names', () => {
    const prepared = [
      record('1', 'Marie', '514 555 0000'),
      record('2', 'Michel', '514 555 0000'),
      record('3', 'William', '438 555 1111'),
      record('4', 'Bill', '438 555 1111'),
      record('5', 'Wiliam', '438 555 1111'),
    ].map(features);
    markHouseholdIdentifiers(prepared);
    expect(prepared[0]?.personalPhones).toEqual([]);
    expect(prepared[1]?.phones).toEqual(['145550000']);
    expect(prepared[2]?.personalPhones).toEqual(['385551111']);
    expect(prepared[4]?.personalPhones).toEqual(['385551111']);
  });
  it('a record with given and family swapped does not make its own mobile a household one', () => {
    const swapped = { ...record('2', 'Kowalski', '438 555 1111'), family: 'William' };
    const prepared = [record('1', 'William', '438 555 1111'), swapped].map(features);
    markHouseholdIdentifiers(prepared);
    expect(prepared[0]?.personalPhones).toEqual(prepared[0]?.phones);
    // A spouse whose record has the family name in the given field still shares a household landline.
    const spouse = [record('1', 'William', '438 555 1111'), { ...record('2', 'Kowalski', '438 555 1111'), family: 'Anna' }].map(features);
    markHouseholdIdentifiers(spouse);
    expect(spouse[0]?.personalPhones).toEqual([]);
  });
});

describe('vetoes as data', () => {
  it('refuses a veto naming a level that does not exist', () => {
    expect(() => compileVetoes(DEFAULT_COMPARISONS, [{ name: 'bad', when: [{ comparison: 'given', levels: ['nonsense'] }] }])).toThrow(/no level nonsense/);
    expect(() => compileVetoes(DEFAULT_COMPARISONS, [{ name: 'bad', when: [{ comparison: 'shoeSize', levels: ['exact'] }] }])).toThrow(
      /no comparison shoeSize/,
    );
  });
});
