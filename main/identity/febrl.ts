/**
 * The Febrl test files (../shared/datasets/febrl/README.md) mapped onto Custodia's record fields, and the
 * pairwise evaluation. The truth (the entity number inside `rec_id`) is kept apart from the records, whose
 * ids are opaque: the matcher never sees it.
 */
import { scorePair, type TrainedModel } from './model/fellegi-sunter';
import type { Features, IdentityRecord } from './model/record';

export interface FebrlSet {
  records: IdentityRecord[];
  /** Entity key of each record, same order as records. */
  truth: string[];
  /**
   * Household of each record, when the file has a household_id column (our generated data): truth metadata
   * for reporting false merges inside households, never a feature. Absent for plain Febrl files.
   */
  households?: string[];
}

/**
 * Parses one Febrl CSV (header, ", "-separated, lower case). The optional columns of the extended layout
 * (email, phone_number, household_id, written by main/identity/synthetic) are read when present; a missing
 * column is a missing value. `source` prefixes the opaque ids so several files
 * can be linked together; the entity key is the number in `rec-<E>-…`, shared across files as in Febrl 4a/4b.
 */
export function parseFebrl(text: string, source: string, options: { dropNationalId?: boolean } = {}): FebrlSet {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const header = (lines.shift() ?? '').split(',').map((name) => name.trim());
  const column = (name: string): number => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`Febrl file ${source}: no column ${name}`);
    return index;
  };
  const optional = (name: string): number => header.indexOf(name);
  const at = {
    id: column('rec_id'),
    given: column('given_name'),
    family: column('surname'),
    number: column('street_number'),
    address1: column('address_1'),
    address2: column('address_2'),
    suburb: column('suburb'),
    postcode: column('postcode'),
    state: column('state'),
    dob: column('date_of_birth'),
    ssn: column('soc_sec_id'),
    email: optional('email'),
    phone: optional('phone_number'),
    household: optional('household_id'),
  };
  const records: IdentityRecord[] = [];
  const truth: string[] = [];
  const households: string[] = [];
  lines.forEach((line, row) => {
    const cells = line.split(',').map((cell) => cell.trim());
    const value = (index: number): string | null => {
      const cell = index < 0 ? undefined : cells[index];
      return cell === undefined || cell === '' ? null : cell;
    };
    const entity = /^rec-(\d+)-/.exec(value(at.id) ?? '');
    if (entity === null) throw new Error(`Febrl file ${source}, row ${row + 2}: unreadable rec_id`);
    truth.push(entity[1] as string);
    if (at.household >= 0) households.push(value(at.household) ?? `${source}#${row}`);
    const email = value(at.email);
    const phone = value(at.phone);
    const street = [value(at.number), value(at.address1)].filter((part) => part !== null).join(' ');
    records.push({
      id: `${source}#${row}`,
      given: value(at.given),
      family: value(at.family),
      birthDate: value(at.dob),
      street: street === '' ? null : street,
      street2: value(at.address2),
      city: value(at.suburb),
      postalCode: value(at.postcode),
      region: value(at.state),
      emails: email === null ? [] : [email],
      phones: phone === null ? [] : [phone],
      nationalId: options.dropNationalId === true ? null : value(at.ssn),
    });
  });
  return at.household >= 0 ? { records, truth, households } : { records, truth };
}

export interface PairMetrics {
  truePairs: number;
  predictedPairs: number;
  correctPairs: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Pairs inside the same group, as "i,j" with i < j, from a group label per record. */
function pairsOf(labels: readonly (string | number)[]): Set<string> {
  const groups = new Map<string | number, number[]>();
  labels.forEach((label, index) => {
    const group = groups.get(label);
    if (group === undefined) groups.set(label, [index]);
    else group.push(index);
  });
  const pairs = new Set<string>();
  for (const group of groups.values())
    for (let x = 0; x < group.length; x += 1) for (let y = x + 1; y < group.length; y += 1) pairs.add(`${group[x]},${group[y]}`);
  return pairs;
}

/** Pairwise precision, recall and F1 of a clustering against the truth. */
export function pairMetrics(clusterOf: ArrayLike<number>, truth: readonly string[]): PairMetrics {
  const expected = pairsOf(truth);
  const predicted = pairsOf(Array.from(clusterOf));
  let correct = 0;
  for (const pair of predicted) if (expected.has(pair)) correct += 1;
  const precision = predicted.size === 0 ? 1 : correct / predicted.size;
  const recall = expected.size === 0 ? 1 : correct / expected.size;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePairs: expected.size, predictedPairs: predicted.size, correctPairs: correct, precision, recall, f1 };
}

/** Share of the true pairs that blocking proposed as candidates. */
export function blockingRecall(left: Uint32Array, right: Uint32Array, truth: readonly string[]): { found: number; total: number; recall: number } {
  const total = pairsOf(truth).size;
  let found = 0;
  for (let pair = 0; pair < left.length; pair += 1) if (truth[left[pair] as number] === truth[right[pair] as number]) found += 1;
  return { found, total, recall: total === 0 ? 1 : found / total };
}

export interface FalseMerges {
  /** Pairs predicted the same person that are two people of one household (spouses, twins, a junior). */
  withinHouseholds: number;
  /** Pairs predicted the same person that are two people of different households (namesakes, say). */
  betweenHouseholds: number;
}

/** Wrongly merged pairs, split by whether the two people share a household. */
export function falseMerges(clusterOf: ArrayLike<number>, truth: readonly string[], households: readonly string[]): FalseMerges {
  const groups = new Map<number, number[]>();
  for (let index = 0; index < clusterOf.length; index += 1) {
    const id = clusterOf[index] as number;
    const group = groups.get(id);
    if (group === undefined) groups.set(id, [index]);
    else group.push(index);
  }
  const result: FalseMerges = { withinHouseholds: 0, betweenHouseholds: 0 };
  for (const group of groups.values()) {
    for (let x = 0; x < group.length; x += 1) {
      for (let y = x + 1; y < group.length; y += 1) {
        const i = group[x] as number;
        const j = group[y] as number;
        if (truth[i] === truth[j]) continue;
        if (households[i] === households[j]) result.withinHouseholds += 1;
        else result.betweenHouseholds += 1;
      }
    }
  }
  return result;
}

/** Comparisons that say who someone is called or where they roughly live, not which person they are. */
const NAME_AND_AREA = new Set(['given', 'family', 'city', 'region']);

/**
 * The recall any linker could reach without merging on names alone: the share of true pairs joined, directly
 * or through other records of the person, by at least one agreeing field that is not a name or an area (a
 * level of positive weight: a birth date, an address, a postal code, an email, a phone, an id). The rest are
 * pairs whose only link is a name, which namesakes share too.
 */
export function evidenceCeiling(
  model: TrainedModel,
  records: readonly Features[],
  truth: readonly string[],
): { reachable: number; total: number; recall: number } {
  const parent = Int32Array.from({ length: records.length }, (_, index) => index);
  const find = (x: number): number => {
    let root = x;
    while (parent[root] !== root) root = parent[root] as number;
    return root;
  };
  const people = new Map<string, number[]>();
  truth.forEach((person, index) => {
    const members = people.get(person);
    if (members === undefined) people.set(person, [index]);
    else members.push(index);
  });
  let total = 0;
  for (const members of people.values()) {
    for (let x = 0; x < members.length; x += 1) {
      for (let y = x + 1; y < members.length; y += 1) {
        total += 1;
        const score = scorePair(model, records[members[x] as number] as Features, records[members[y] as number] as Features);
        if (score.contributions.some((item) => item.level !== null && !NAME_AND_AREA.has(item.comparison) && item.weight > 0))
          parent[find(members[x] as number)] = find(members[y] as number);
      }
    }
  }
  let reachable = 0;
  for (const members of people.values())
    for (let x = 0; x < members.length; x += 1)
      for (let y = x + 1; y < members.length; y += 1) if (find(members[x] as number) === find(members[y] as number)) reachable += 1;
  return { reachable, total, recall: total === 0 ? 1 : reachable / total };
}
