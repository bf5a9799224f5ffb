import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFebrl } from '../febrl';
import { DEFAULT_COMPARISONS } from './comparisons';
import { scorePair, seededRandom } from './fellegi-sunter';
import { link } from './link';
import { features, type IdentityRecord } from './record';

const GIVEN = ['anna', 'marc', 'julie', 'pierre', 'sophie', 'lucas', 'emma', 'hugo', 'chloe', 'louis', 'lea', 'jules', 'manon', 'paul', 'ines', 'adam'];
const FAMILY = [
  'martin',
  'bernard',
  'dubois',
  'thomas',
  'robert',
  'richard',
  'petit',
  'durand',
  'leroy',
  'moreau',
  'simon',
  'laurent',
  'lefebvre',
  'michel',
  'garcia',
  'roux',
  'fournier',
  'girard',
  'bonnet',
  'dupont',
];

/** A small labelled set: 300 people, half of them seen twice with one typo or blank. */
function synthetic(): { records: IdentityRecord[]; truth: string[] } {
  const random = seededRandom(7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const typo = (value: string): string => {
    const at = Math.floor(random() * value.length);
    return value.slice(0, at) + value.slice(at + 1);
  };
  const records: IdentityRecord[] = [];
  const truth: string[] = [];
  for (let person = 0; person < 300; person += 1) {
    const record: IdentityRecord = {
      id: `p${person}`,
      given: pick(GIVEN),
      family: pick(FAMILY),
      birthDate: `19${String(40 + Math.floor(random() * 60))}-0${1 + Math.floor(random() * 9)}-${String(10 + Math.floor(random() * 18))}`,
      street: `${1 + Math.floor(random() * 200)} rue ${pick(FAMILY)}`,
      city: pick(['lyon', 'paris', 'lille', 'nantes', 'rennes']),
      postalCode: String(10000 + Math.floor(random() * 80000)),
      region: null,
      emails: [`${person}@example.org`],
      phones: [],
    };
    records.push(record);
    truth.push(String(person));
    if (person % 2 === 0) {
      const copy = { ...record, id: `p${person}-copy` };
      const field = pick(['given', 'family', 'street', 'emails'] as const);
      if (field === 'emails') copy.emails = [];
      else copy[field] = typo(copy[field] as string);
      records.push(copy);
      truth.push(String(person));
    }
  }
  return { records, truth };
}

describe('Fellegi–Sunter', () => {
  it('EM converges on a small synthetic set and learns sensible weights', () => {
    const { records } = synthetic();
    const { model } = link(records);
    expect(model.iterations).toBeLessThan(model.settings.maxIterations);
    const given = DEFAULT_COMPARISONS.findIndex((comparison) => comparison.name === 'given');
    const birth = DEFAULT_COMPARISONS.findIndex((comparison) => comparison.name === 'birthDate');
    const m = model.m[given] as number[];
    const weights = model.weight[birth] as number[];
    expect(m[0]).toBeGreaterThan(0.6);
    expect(weights[0]).toBeGreaterThan(5);
    expect(weights[weights.length - 1]).toBeLessThan(0);
    // 150 duplicated people: EM's expected matches should be close to 150.
    expect((model.prior * (records.length * (records.length - 1))) / 2).toBeGreaterThan(120);
    expect((model.prior * (records.length * (records.length - 1))) / 2).toBeLessThan(180);
  });

  it('weighs a common surname less than a rare one', () => {
    const { records } = synthetic();
    const extra = Array.from({ length: 200 }, (_, index): IdentityRecord => ({ ...(records[index] as IdentityRecord), id: `smith${index}`, family: 'smith' }));
    const { model } = link([...records, ...extra, { ...(records[0] as IdentityRecord), id: 'rare', family: 'wiśniewska' }]);
    const pair = (family: string): number =>
      scorePair(
        model,
        features({ ...(records[0] as IdentityRecord), family }),
        features({ ...(records[0] as IdentityRecord), id: 'other', family, given: 'zoe' }),
      ).weight;
    expect(pair('wiśniewska')).toBeGreaterThan(pair('smith'));
  });

  describe('hard negatives (model trained on Febrl dataset1, no national id)', () => {
    const file = path.resolve(import.meta.dirname, '../../../../shared/datasets/febrl/dataset1.csv');
    const { model } = link(parseFebrl(fs.readFileSync(file, 'utf8'), 'dataset1', { dropNationalId: true }).records);
    const home: IdentityRecord = {
      id: 'a',
      given: 'John',
      family: 'Harrington',
      birthDate: '1961-05-12',
      street: '14 Maltby Circuit',
      street2: null,
      city: 'Coolaroo',
      postalCode: '3465',
      region: 'vic',
      emails: [],
      phones: ['03 9555 0134'],
    };
    const score = (a: Partial<IdentityRecord>, b: Partial<IdentityRecord>) =>
      scorePair(model, features({ ...home, ...a }), features({ ...home, id: 'b', ...b }));

    it('the same person, written differently, is a match', () => {
      const same = score({}, { given: 'Jon', street: '14 maltby cct', birthDate: '1961-12-05' });
      expect(same.probability).toBeGreaterThan(0.99);
    });
    it('father and son with the same name, birth dates 25 years apart, are not', () => {
      const result = score({}, { birthDate: '1986-09-30' });
      expect(result.vetoed).toBe(true);
      expect(result.probability).toBeLessThan(0.01);
    });
    it('twins (same surname, address and birth date, other given names) are not', () => {
      expect(score({ given: 'Kayla' }, { given: 'Ethan' }).probability).toBeLessThan(0.01);
    });
    it('spouses sharing address and phone are not', () => {
      expect(score({ given: 'Mary', birthDate: '1963-02-07' }, {}).probability).toBeLessThan(0.01);
    });
    it('explains a score field by field', () => {
      const result = score({}, { given: 'Bill' });
      expect(result.contributions.map((contribution) => contribution.comparison)).toEqual(DEFAULT_COMPARISONS.map((comparison) => comparison.name));
      expect(result.contributions.find((contribution) => contribution.comparison === 'birthDate')).toMatchObject({ level: 'exact' });
      expect(result.weight).toBeCloseTo(result.contributions.reduce((sum, contribution) => sum + contribution.weight, 0));
    });
  });
});
