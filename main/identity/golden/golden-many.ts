/**
 * The golden values of many profiles (a partner extract of hundreds of thousands): the same value for each
 * field as goldenRecord gives, the records read a chunk of profiles at a time (profilesCandidates) and only
 * the fields asked for chosen. A field with a single candidate needs no rule: it is the value.
 */
import type { SqlRunner } from '../../store/sql';
import type { GoldenFieldName, Survivorship } from './contract';
import { profilesCandidates } from './candidates';
import { readRules } from './rule-store';
import { choose } from './survivorship';

/** Profiles per round of profilesCandidates (its own chunk: one round of three queries each). */
const CHUNK = 2_000;

/**
 * Yields, in the order given, each profile and its values for `fields` (null where its records hold none,
 * every value null for a profile without records).
 */
export function* goldenValuesOfMany(
  db: SqlRunner,
  profileIds: readonly number[],
  fields: readonly GoldenFieldName[],
  rules: Survivorship = readRules(db),
): Generator<[number, (string | null)[]]> {
  for (let start = 0; start < profileIds.length; start += CHUNK) {
    const chunk = profileIds.slice(start, start + CHUNK);
    const candidates = new Map(profilesCandidates(db, chunk));
    for (const profileId of chunk) {
      const own = candidates.get(profileId);
      yield [
        profileId,
        fields.map((field) => {
          const list = own?.get(field);
          if (list === undefined || list.length === 0) return null;
          if (list.length === 1) return list[0]!.value;
          return choose(list, rules[field]).chosen?.value ?? null;
        }),
      ];
    }
  }
}
