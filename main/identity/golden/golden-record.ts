/**
 * A person's golden record in the vault, and the profile's display name and sort key that follow it: the
 * list, search results and every screen name a person the way their golden record does.
 */
import { foldForSearch } from '../../ingest/index';
import { sql, type SqlRunner } from '../../store/sql';
import { GOLDEN_FIELDS, type GoldenValue, type Survivorship } from './contract';
import { profileCandidates } from './candidates';
import { readRules } from './rule-store';
import { choose, goldenName } from './survivorship';

export function goldenRecord(db: SqlRunner, profileId: number, rules: Survivorship = readRules(db)): GoldenValue[] {
  const candidates = profileCandidates(db, profileId);
  return GOLDEN_FIELDS.map((field) => {
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
  const values = Object.fromEntries(goldenRecord(db, profileId, rules).map((entry) => [entry.field, entry.value]));
  const name = goldenName(values);
  if (name === null) return false;
  const sortKey = foldForSearch(name.sortText);
  return (
    db.run(sql`UPDATE profile SET display_name = ${name.display}, sort_key = ${sortKey}, updated_at = ${stamp}
      WHERE id = ${profileId} AND (display_name <> ${name.display} OR sort_key <> ${sortKey})`).changes > 0
  );
}

/** After the rules change: every active profile, in the caller's transaction. Returns how many were renamed. */
export function renameAllFromGolden(db: SqlRunner, stamp: string): number {
  const rules = readRules(db);
  let renamed = 0;
  for (const { id } of db.all<{ id: number }>(sql`SELECT id FROM profile WHERE status = 'active' ORDER BY id`))
    if (nameFromGolden(db, id, stamp, rules)) renamed += 1;
  return renamed;
}
