/** The source order of a source priority rule as the rules editor shows and saves it. */
import type { FieldRule, Survivorship } from '../../../main/api/contract';
import { GOLDEN_FIELDS } from '../../../main/api/contract';

export interface SourceChoice {
  readonly id: number;
  readonly name: string;
}

/** The administrator's order first, then the sources not ranked yet (a new source goes last). */
export function rankedSources(rule: FieldRule, sources: readonly SourceChoice[]): SourceChoice[] {
  const byId = new Map(sources.map((source) => [source.id, source]));
  const listed = rule.sources.flatMap((id) => byId.get(id) ?? []);
  return [...listed, ...sources.filter((source) => !rule.sources.includes(source.id))];
}

/** The rule with the source at `from` moved to `to`, every source of the vault now in its list. */
export function movedSource(rule: FieldRule, sources: readonly SourceChoice[], from: number, to: number): FieldRule {
  const order = rankedSources(rule, sources).map((source) => source.id);
  const [moved] = order.splice(from, 1);
  if (moved !== undefined) order.splice(Math.max(0, Math.min(order.length, to)), 0, moved);
  return { rule: 'sourcePriority', sources: order };
}

/** What is saved: a priority list as shown (unmoved sources keep the places they are shown in); no list for other rules. */
export function rulesToSave(shown: Survivorship, sources: readonly SourceChoice[]): Survivorship {
  return Object.fromEntries(
    GOLDEN_FIELDS.map((field) => {
      const rule = shown[field];
      return [field, rule.rule === 'sourcePriority' ? { rule: rule.rule, sources: rankedSources(rule, sources).map((source) => source.id) } : { rule: rule.rule, sources: [] }];
    }),
  ) as Survivorship;
}
