/**
 * Multi-source retail customers with their truth, for measuring the identity model where it is hard: inside
 * households. Deterministic for a seed; streamed household by household, so a million records cost seconds and
 * little memory. Rows use the Febrl layout extended with email, phone and household (see febrl.ts), so the
 * same evaluation reads Febrl files and ours.
 */
import type { IdentityRecord } from '../model/record';
import { household, newPopulationState } from './population';
import { Dice } from './random';
import { render, sourcesOf, type SourceName, type SyntheticRow } from './sources';

export interface GenerateOptions {
  /** People to create (whole households, so a few more). */
  people?: number;
  seed?: number;
}

export const DEFAULT_GENERATE_OPTIONS = { people: 10_000, seed: 1 } as const;

/** Every record of every source, household by household. Entity numbers are shared across sources. */
export function* syntheticRows(options: GenerateOptions = {}): Generator<SyntheticRow> {
  const people = options.people ?? DEFAULT_GENERATE_OPTIONS.people;
  const dice = new Dice(options.seed ?? DEFAULT_GENERATE_OPTIONS.seed);
  const state = newPopulationState();
  for (let id = 0; state.nextEntity < people; id += 1) {
    const home = household(dice, id, state);
    for (const person of home.members) {
      const sources = sourcesOf(dice, person.email !== null || home.mailbox !== null);
      for (let copy = 0; copy < sources.length; copy += 1) {
        const recId = copy === 0 ? `rec-${person.entity}-org` : `rec-${person.entity}-dup-${copy - 1}`;
        yield render(dice, person, home, sources[copy] as (typeof sources)[number], recId, copy === 0);
      }
    }
  }
}

const orNull = (value: string): string | null => (value === '' ? null : value);

/** The model's view of a row: truth (entity, household, record id) left out. */
export function identityRecordOf(row: SyntheticRow, id: string): IdentityRecord {
  const street = row.streetNumber === '' ? row.address1 : row.address1 === '' ? row.streetNumber : `${row.streetNumber} ${row.address1}`;
  return {
    id,
    given: orNull(row.givenName),
    family: orNull(row.surname),
    birthDate: orNull(row.dateOfBirth),
    street: orNull(street),
    street2: orNull(row.address2),
    city: orNull(row.suburb),
    postalCode: orNull(row.postcode),
    region: orNull(row.state),
    emails: row.email === '' ? [] : [row.email],
    phones: row.phone === '' ? [] : [row.phone],
  };
}

export interface SyntheticSet {
  records: IdentityRecord[];
  /** Entity of each record (the truth), same order. */
  truth: string[];
  /** Household of each record (truth metadata, never a feature). */
  households: string[];
  sources: SourceName[];
}

/** A whole labelled set in memory, ids opaque (`crm#12`). */
export function syntheticSet(options: GenerateOptions = {}): SyntheticSet {
  const set: SyntheticSet = { records: [], truth: [], households: [], sources: [] };
  for (const row of syntheticRows(options)) {
    set.records.push(identityRecordOf(row, `${row.source}#${set.records.length}`));
    set.truth.push(String(row.entity));
    set.households.push(String(row.household));
    set.sources.push(row.source);
  }
  return set;
}

export const CSV_HEADER =
  'rec_id, given_name, surname, street_number, address_1, address_2, suburb, postcode, state, date_of_birth, soc_sec_id, email, phone_number, household_id';

/** One CSV line in the Febrl layout (", " separator); soc_sec_id is empty: retail customers have none. */
export function csvLine(row: SyntheticRow): string {
  const cells = [
    row.recId,
    row.givenName,
    row.surname,
    row.streetNumber,
    row.address1,
    row.address2,
    row.suburb,
    row.postcode,
    row.state,
    row.dateOfBirth,
    '',
    row.email,
    row.phone,
    String(row.household),
  ];
  // The layout has no quoting: a comma inside a value would shift every later column.
  return cells.map((cell) => cell.replaceAll(',', ' ')).join(', ');
}
