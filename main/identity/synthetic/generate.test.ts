import { describe, expect, it } from 'vitest';
import { falseMerges, pairMetrics, parseFebrl } from '../febrl';
import { CSV_HEADER, csvLine, syntheticRows, syntheticSet } from './generate';
import { SOURCES } from './sources';

const rows = [...syntheticRows({ people: 3000, seed: 11 })];

describe('generated retail customers', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const again = [...syntheticRows({ people: 3000, seed: 11 })];
    expect(again.map(csvLine)).toEqual(rows.map(csvLine));
    const other = [...syntheticRows({ people: 3000, seed: 12 })];
    expect(other.map(csvLine)).not.toEqual(rows.map(csvLine));
  });

  it('has one original per person, numbered duplicates, and about a quarter of records duplicates', () => {
    const byEntity = new Map<number, string[]>();
    for (const row of rows) byEntity.set(row.entity, [...(byEntity.get(row.entity) ?? []), row.recId]);
    expect(byEntity.size).toBeGreaterThanOrEqual(3000);
    for (const [entity, ids] of byEntity) {
      expect(ids[0]).toBe(`rec-${entity}-org`);
      expect(ids.slice(1)).toEqual(ids.slice(1).map((_, k) => `rec-${entity}-dup-${k}`));
    }
    const duplicates = 1 - byEntity.size / rows.length;
    expect(duplicates).toBeGreaterThan(0.2);
    expect(duplicates).toBeLessThan(0.3);
    expect(new Set(rows.map((row) => row.source))).toEqual(new Set(SOURCES.map((source) => source.name)));
    expect(rows.filter((row) => row.source === 'newsletter').every((row) => row.email !== '')).toBe(true);
  });

  it('puts people in households, with the hard negatives a household brings', () => {
    const people = new Map<number, { household: number; given: string; family: string; birth: string }>();
    // The original record of each person is the least damaged; enough to find the relations.
    for (const row of rows)
      if (row.recId.endsWith('-org'))
        people.set(row.entity, { household: row.household, given: row.givenName.toLowerCase(), family: row.surname.toLowerCase(), birth: row.dateOfBirth });
    const households = new Map<number, number[]>();
    for (const [entity, person] of people) households.set(person.household, [...(households.get(person.household) ?? []), entity]);
    const sizes = [...households.values()].map((members) => members.length);
    expect(sizes.filter((size) => size >= 3).length).toBeGreaterThan(100);
    let twins = 0;
    let namesakesAtHome = 0;
    for (const members of households.values()) {
      for (let x = 0; x < members.length; x += 1) {
        for (let y = x + 1; y < members.length; y += 1) {
          const a = people.get(members[x] as number);
          const b = people.get(members[y] as number);
          if (a === undefined || b === undefined) continue;
          if (a.birth !== '' && a.birth === b.birth) twins += 1;
          if (a.given !== '' && a.given === b.given && a.family === b.family) namesakesAtHome += 1;
        }
      }
    }
    expect(twins).toBeGreaterThan(0);
    expect(namesakesAtHome).toBeGreaterThan(0);
  });

  it('writes the extended Febrl layout that parseFebrl reads back, truth kept apart', () => {
    const text = [CSV_HEADER, ...rows.slice(0, 500).map(csvLine)].join('\n');
    const set = parseFebrl(text, 'gen');
    expect(set.records).toHaveLength(500);
    expect(set.households).toHaveLength(500);
    expect(set.truth[0]).toBe(String(rows[0]?.entity));
    expect(set.records.some((record) => record.emails.length > 0)).toBe(true);
    expect(set.records.some((record) => record.phones.length > 0)).toBe(true);
    expect(set.records.every((record) => record.nationalId === null && !record.id.includes('rec-'))).toBe(true);
  });

  it('the in-process set has the same records as the rows, ids opaque', () => {
    const set = syntheticSet({ people: 3000, seed: 11 });
    expect(set.records).toHaveLength(rows.length);
    expect(set.truth).toEqual(rows.map((row) => String(row.entity)));
    expect(set.records.every((record) => /^[a-z]+#\d+$/.test(record.id))).toBe(true);
  });

  it('counts false merges inside and between households', () => {
    // Records 0-1 are one person; 2 is their housemate; 3 lives elsewhere. Everything in one cluster.
    expect(falseMerges([0, 0, 0, 0], ['p', 'p', 'q', 'r'], ['h', 'h', 'h', 'k'])).toEqual({ withinHouseholds: 2, betweenHouseholds: 3 });
    expect(pairMetrics([0, 0, 1, 2], ['p', 'p', 'q', 'r']).f1).toBe(1);
  });
});
