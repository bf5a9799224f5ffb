import { describe, expect, it } from 'vitest';
import type { Survivorship } from '../../../main/api/contract';
import { movedSource, rankedSources, rulesToSave } from './survivorship';

const sources = [
  { id: 1, name: 'CRM' },
  { id: 2, name: 'Till' },
  { id: 3, name: 'Web shop' },
];

describe('the source order of a priority rule', () => {
  it('shows the chosen order first, then the sources not ranked yet, and forgets sources that are gone', () => {
    expect(rankedSources({ rule: 'sourcePriority', sources: [3, 9, 1] }, sources).map((source) => source.name)).toEqual(['Web shop', 'CRM', 'Till']);
    expect(rankedSources({ rule: 'mostRecent', sources: [] }, sources).map((source) => source.id)).toEqual([1, 2, 3]);
  });

  it('moves a source up or down, keeping it within the list', () => {
    const rule = { rule: 'sourcePriority' as const, sources: [] };
    expect(movedSource(rule, sources, 2, 1)).toEqual({ rule: 'sourcePriority', sources: [1, 3, 2] });
    expect(movedSource({ rule: 'sourcePriority', sources: [3, 1, 2] }, sources, 0, 1)).toEqual({ rule: 'sourcePriority', sources: [1, 3, 2] });
    expect(movedSource(rule, sources, 0, -1)).toEqual({ rule: 'sourcePriority', sources: [1, 2, 3] });
  });

  it('saves a priority list as shown and no list for the other rules', () => {
    const shown = Object.fromEntries(
      ['givenName', 'familyName', 'fullName', 'birthDate', 'email', 'phone', 'street', 'postalCode', 'city', 'region', 'country', 'language'].map((field) => [
        field,
        { rule: 'mostRecent', sources: [2] },
      ]),
    ) as Survivorship;
    const saved = rulesToSave({ ...shown, city: { rule: 'sourcePriority', sources: [2] } }, sources);
    expect(saved.city).toEqual({ rule: 'sourcePriority', sources: [2, 1, 3] });
    expect(saved.street).toEqual({ rule: 'mostRecent', sources: [] });
  });
});
