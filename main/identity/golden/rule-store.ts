/** The administrator's survivorship rules in `golden_rule` (migration 018): a field with no row follows the default. */
import { sql, type SqlRunner } from '../../store/sql';
import { GOLDEN_FIELDS, SURVIVORSHIP_RULES, type FieldRule, type GoldenFieldName, type Survivorship, type SurvivorshipRuleName } from './contract';
import { DEFAULT_SURVIVORSHIP, defaultSurvivorship, sameRule } from './survivorship';

const isField = (name: string): name is GoldenFieldName => (GOLDEN_FIELDS as readonly string[]).includes(name);
const isRule = (name: string): name is SurvivorshipRuleName => (SURVIVORSHIP_RULES as readonly string[]).includes(name);

export function readRules(db: SqlRunner): Survivorship {
  const rules = defaultSurvivorship();
  for (const row of db.all<{ field: string; rule: string; sources: string }>(sql`SELECT field, rule, sources FROM golden_rule`)) {
    // A rule or field a newer version wrote and this one does not know: the default holds here.
    if (!isField(row.field) || !isRule(row.rule)) continue;
    const sources = (JSON.parse(row.sources) as unknown[]).filter((id): id is number => Number.isInteger(id));
    rules[row.field] = { rule: row.rule, sources };
  }
  return rules;
}

/** Writes the fields given; returns those whose rule changed. */
export function writeRules(db: SqlRunner, given: Partial<Survivorship>, userId: number | null, stamp: string): GoldenFieldName[] {
  const before = readRules(db);
  const changed: GoldenFieldName[] = [];
  for (const field of GOLDEN_FIELDS) {
    const wanted = given[field];
    if (wanted === undefined) continue;
    const rule: FieldRule = { rule: wanted.rule, sources: wanted.rule === 'sourcePriority' ? [...new Set(wanted.sources)] : [] };
    if (sameRule(rule, before[field])) continue;
    changed.push(field);
    if (sameRule(rule, DEFAULT_SURVIVORSHIP[field])) {
      db.run(sql`DELETE FROM golden_rule WHERE field = ${field}`);
      continue;
    }
    db.run(sql`
      INSERT INTO golden_rule (field, rule, sources, updated_by, updated_at) VALUES (${field}, ${rule.rule}, ${JSON.stringify(rule.sources)}, ${userId}, ${stamp})
      ON CONFLICT (field) DO UPDATE SET rule = excluded.rule, sources = excluded.sources, updated_by = excluded.updated_by, updated_at = excluded.updated_at`);
  }
  return changed;
}
