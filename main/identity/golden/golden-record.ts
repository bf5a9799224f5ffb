/**
 * A person's golden record in the vault, and the profile's display name and sort key that follow it: the
 * list, search results and every screen name a person the way their golden record does.
 */
import { foldForSearch } from '../../ingest/index';
import { sql, type SqlRunner } from '../../store/sql';
import { GOLDEN_FIELDS, type GoldenValue, type Survivorship } from './contract';
import { profileCandidates, profilesCandidates, type FieldCandidates } from './candidates';
import { readRules } from './rule-store';
import { choose, goldenName } from './survivorship';

export function goldenRecord(db: SqlRunner, profileId: number, rules: Survivorship = readRules(db)): GoldenValue[] {
  return goldenOf(profileCandidates(db, profileId), rules, GOLDEN_FIELDS);
}

/** The fields a profile's name is made of (goldenName). */
const NAME_FIELDS = ['givenName', 'familyName', 'fullName', 'email'] as const;

function goldenOf(candidates: FieldCandidates, rules: Survivorship, fields: readonly (typeof GOLDEN_FIELDS)[number][]): GoldenValue[] {
  return fields.map((field) => {
    const rule = rules[field];
    const { chosen, alternatives } = choose(candidates.get(field) ?? [], rule);
    return {
      field,
      value: chosen?.value ?? null,
      source: chosen?.source ?? null,
      sourceId: chosen?.sourceId ?? null,
      recordId: chosen?.recordId ?? null,
      recordTime: chosen?.at ?? null,
      verified: chosen?.verified ?? false,
      rule: rule.rule,
      alternatives,
    };
  });
}

/**
 * Names the profile after its golden record; a profile whose records hold no name and no email keeps the
 * name its import gave it (the customer number). Returns whether the name changed.
 */
export function nameFromGolden(db: SqlRunner, profileId: number, stamp: string, rules: Survivorship = readRules(db)): boolean {
  return nameManyFromGolden(db, [profileId], stamp, rules) > 0;
}

/** nameFromGolden for many profiles, their records read a few thousand profiles at a time. Returns how many were renamed. */
export function nameManyFromGolden(db: SqlRunner, profileIds: readonly number[], stamp: string, rules: Survivorship = readRules(db)): number {
  const rename = db.statement('UPDATE profile SET display_name = ?, sort_key = ?, updated_at = ? WHERE id = ? AND (display_name <> ? OR sort_key <> ?)');
  let renamed = 0;
  for (const [profileId, candidates] of profilesCandidates(db, profileIds)) {
    const values = Object.fromEntries(goldenOf(candidates, rules, NAME_FIELDS).map((entry) => [entry.field, entry.value]));
    const name = goldenName(values);
    if (name === null) continue;
    const sortKey = foldForSearch(name.sortText);
    renamed += rename.run(name.display, sortKey, stamp, profileId, name.display, sortKey).changes;
  }
  return renamed;
}

/** After the rules change: every active profile, in the caller's transaction. Returns how many were renamed. */
export function renameAllFromGolden(db: SqlRunner, stamp: string): number {
  const ids = db.all<{ id: number }>(sql`SELECT id FROM profile WHERE status = 'active' ORDER BY id`).map((row) => row.id);
  return nameManyFromGolden(db, ids, stamp, readRules(db));
}
