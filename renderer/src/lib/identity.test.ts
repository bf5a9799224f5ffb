import { describe, expect, it } from 'vitest';
import type { Evidence, PairRecord } from '../../../main/api/contract';
import { translator } from '../i18n/test-translator';
import { agreement, compareRecords, evidenceLines, signedWeight, waterfallSteps } from './identity';

const record = (extra: Partial<PairRecord> = {}): PairRecord => ({
  recordId: 1,
  profileId: 1,
  source: 'CRM',
  externalId: 'C1',
  givenName: 'William',
  familyName: 'Côté',
  fullName: null,
  birthDate: '1970-05-04',
  street: '10 rue Principale',
  city: 'Laval',
  postalCode: 'H7A 1B2',
  emails: ['william@exemple.ca'],
  phones: ['+15145551000'],
  ...extra,
});

const evidence: Evidence = {
  prior: -9.5,
  logOdds: 3.3,
  probability: 0.908,
  vetoed: false,
  contributions: [
    { comparison: 'given', level: 'nickname', weight: 3.2 },
    { comparison: 'family', level: 'exact', weight: 4.5 },
    { comparison: 'birthDate', level: 'exact', weight: 6.1 },
    { comparison: 'street', level: 'else', weight: -1 },
    { comparison: 'email', level: null, weight: 0 },
  ],
};

describe('the waterfall of the evidence', () => {
  it('walks from the prior to the score, each comparison a floating bar, missing fields left out', () => {
    const steps = waterfallSteps(evidence);
    expect(steps.map((step) => step.key)).toEqual(['prior', 'given', 'family', 'birthDate', 'street', 'score']);
    expect(steps[0]).toMatchObject({ kind: 'prior', range: [-9.5, 0] });
    expect(steps[1]).toMatchObject({ kind: 'for', from: -9.5, to: -6.3 });
    expect(steps[1]!.range[0]).toBeCloseTo(-9.5);
    expect(steps[1]!.range[1]).toBeCloseTo(-6.3);
    // A step against the pair goes down: its bar runs from the new total up to the old one.
    const street = steps[4]!;
    expect(street.kind).toBe('against');
    expect(street.range[0]).toBeCloseTo(3.3);
    expect(street.range[1]).toBeCloseTo(4.3);
    expect(steps[5]).toMatchObject({ kind: 'score', range: [0, 3.3] });
    // Each step starts where the one before it ended.
    for (let index = 2; index < steps.length - 1; index += 1) expect(steps[index]!.from).toBeCloseTo(steps[index - 1]!.to);
  });
});

describe('the evidence in words', () => {
  it('says each comparison as a sentence with the values compared, strongest first, missing last', async () => {
    const t = await translator('en');
    const lines = evidenceLines(t, evidence, record(), record({ givenName: 'Bill', street: '12 rue Principale' }), 'en');
    expect(lines.map((line) => line.text)).toEqual([
      'Birth dates are identical (1970-05-04): +6.1',
      'Family names are identical (Côté): +4.5',
      'Given names are nicknames of each other (William / Bill): +3.2',
      'Street addresses are different (10 rue Principale / 12 rue Principale): −1.0',
      'Email missing on one side: no evidence',
    ]);
  });

  it('speaks French with its typography, and never shows a key', async () => {
    const t = await translator('fr');
    const lines = evidenceLines(t, evidence, record(), record({ givenName: 'Bill' }), 'fr');
    expect(lines[0]!.text).toBe('Les dates de naissance sont identiques (1970-05-04)\u00a0: +6,1');
    expect(lines.at(-1)!.text).toBe('Courriel manquant d’un côté\u00a0: aucun indice');
    const odd = evidenceLines(t, { ...evidence, contributions: [{ comparison: 'shoeSize', level: 'exact', weight: 1 }] }, null, null, 'fr');
    expect(odd[0]!.text).not.toMatch(/identity\./);
  });

  it('writes weights signed, with a true minus sign', () => {
    expect(signedWeight(2.04, 'en')).toBe('+2.0');
    expect(signedWeight(-0.46, 'en')).toBe('−0.5');
    expect(signedWeight(0, 'en')).toBe('0.0');
  });
});

describe('the differences between two records', () => {
  it('ignores case, accents and punctuation, and tells missing from different', () => {
    expect(agreement(['Côté'], ['COTE'])).toBe('same');
    expect(agreement(['H7A 1B2'], ['h7a1b2'])).toBe('same');
    expect(agreement(['Côté'], ['Coté-Roy'])).toBe('differs');
    expect(agreement(['a@x.ca', 'b@x.ca'], ['B@X.CA'])).toBe('partly');
    expect(agreement(['Laval'], [])).toBe('missing');
    expect(agreement([], [''])).toBe('empty');
  });

  it('flags the identifying fields that differ, never the source or the customer number', () => {
    const rows = compareRecords(record(), record({ source: 'Web shop', externalId: 'W900', givenName: 'Bill', birthDate: null, emails: ['WILLIAM@exemple.ca'] }));
    expect(Object.fromEntries(rows.map((row) => [row.field, row.agreement]))).toEqual({
      source: 'same',
      externalId: 'same',
      name: 'differs',
      birthDate: 'missing',
      address: 'same',
      emails: 'same',
      phones: 'same',
    });
  });
});
