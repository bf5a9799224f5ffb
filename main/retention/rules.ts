/**
 * Retention rules: added, replaced and retired, never edited, so any maintain-until date can be explained by
 * the rules that stood. A rule that a law requires (`obligation`) is a floor: no rule of its purpose and
 * anchor may keep data for less, and it can only be replaced by an obligation at least as long.
 */
import { AppError } from '../core/errors';
import { requireRule } from '../consent/index';
import { sql, type SqlRunner } from '../store/sql';
import type { Anchor, AnchorTypes, EventAnchor, RetentionAction, RetentionRule, RuleInput } from './contract';
import { EVENT_ANCHORS } from './contract';
import { addKeep, keepText, parseKeep, type Keep, type KeepUnit } from './period';

interface RuleRow {
  id: number;
  purpose_id: number;
  purpose: string;
  keep_count: number;
  keep_unit: KeepUnit;
  anchor: Anchor;
  action: RetentionAction;
  legal_ref: string | null;
  obligation: number;
  replaces: number | null;
  created_by: string;
  created_at: string;
  retired_by: string | null;
  retired_at: string | null;
}

const SELECT = sql`
  SELECT r.*, p.code AS purpose, cu.name AS created_by, ru.name AS retired_by
  FROM retention_rule r JOIN purpose p ON p.id = r.purpose_id
  JOIN app_user cu ON cu.id = r.created_by LEFT JOIN app_user ru ON ru.id = r.retired_by`;

function toRule(row: RuleRow): RetentionRule {
  return {
    id: row.id,
    purposeId: row.purpose_id,
    purpose: row.purpose,
    keep: keepText({ count: row.keep_count, unit: row.keep_unit }),
    keepCount: row.keep_count,
    keepUnit: row.keep_unit,
    anchor: row.anchor,
    action: row.action,
    legalRef: row.legal_ref,
    obligation: row.obligation === 1,
    replaces: row.replaces,
    createdBy: row.created_by,
    createdAt: row.created_at,
    retiredBy: row.retired_by,
    retiredAt: row.retired_at,
  };
}

export function listRules(db: SqlRunner, includeRetired = false): RetentionRule[] {
  return db.all<RuleRow>(sql`${SELECT} ${includeRetired ? sql`` : sql`WHERE r.retired_at IS NULL`} ORDER BY p.code, r.id`).map(toRule);
}

export function getRule(db: SqlRunner, id: number): RetentionRule {
  const row = db.get<RuleRow>(sql`${SELECT} WHERE r.id = ${id}`);
  if (!row) throw new AppError('NOT_FOUND', `There is no retention rule ${id}.`, { reason: 'unknownRule', ruleId: id });
  return toRule(row);
}

/** Whether `a` keeps data for less than `b`, both counted from the same day (any day: months and years compare alike). */
function shorter(a: Keep, b: Keep): boolean {
  const from = '2001-01-31';
  return addKeep(from, a) < addKeep(from, b);
}

function keepOf(rule: RetentionRule): Keep {
  return { count: rule.keepCount, unit: rule.keepUnit };
}

function assertAboveObligations(db: SqlRunner, purposeId: number, anchor: Anchor, keep: Keep, ignoring: number | null): void {
  for (const floor of listRules(db).filter((rule) => rule.purposeId === purposeId && rule.obligation && rule.id !== ignoring)) {
    if (floor.anchor === anchor && shorter(keep, keepOf(floor))) {
      throw new AppError('CONFLICT', `A legal obligation keeps this purpose's data ${floor.keep} from ${floor.anchor} (rule ${floor.id}).`, {
        reason: 'belowObligation',
        ruleId: floor.id,
        keep: floor.keep,
        legalRef: floor.legalRef ?? '',
      });
    }
  }
}

export function addRule(db: SqlRunner, input: RuleInput, userId: number, now: Date): number {
  const purpose = requireRule(db, input.purpose);
  const keep = parseKeep(input.keep);
  if (keep === null) throw new AppError('INVALID_INPUT', `${input.keep} is not a period such as 3y, 18m or 400d.`, { reason: 'badKeep', keep: input.keep });
  if (input.obligation && input.legalRef === undefined) {
    throw new AppError('INVALID_INPUT', 'A rule a law requires names the law.', { reason: 'obligationWithoutReference' });
  }
  if (input.anchor === 'consent_withdrawn' && !purpose.bases.includes('consent')) {
    throw new AppError('INVALID_INPUT', `The purpose ${purpose.code} does not rest on consent: no withdrawal can start its period.`, {
      reason: 'anchorNeedsConsent',
      purpose: purpose.code,
    });
  }
  let replaced: RetentionRule | null = null;
  if (input.replaces !== undefined) {
    replaced = getRule(db, input.replaces);
    if (replaced.retiredAt !== null) throw new AppError('CONFLICT', `Rule ${replaced.id} was retired already.`, { reason: 'ruleRetired', ruleId: replaced.id });
    if (replaced.purposeId !== purpose.id) {
      throw new AppError('INVALID_INPUT', `Rule ${replaced.id} is for another purpose.`, { reason: 'replacesOtherPurpose', ruleId: replaced.id });
    }
    if (replaced.obligation && (!input.obligation || replaced.anchor !== input.anchor || shorter(keep, keepOf(replaced)))) {
      throw new AppError('CONFLICT', `Rule ${replaced.id} is a legal obligation: only an obligation at least as long may replace it.`, {
        reason: 'obligationRule',
        ruleId: replaced.id,
      });
    }
  }
  assertAboveObligations(db, purpose.id, input.anchor, keep, replaced?.id ?? null);
  const stamp = now.toISOString();
  if (replaced !== null) db.run(sql`UPDATE retention_rule SET retired_by = ${userId}, retired_at = ${stamp} WHERE id = ${replaced.id}`);
  return Number(
    db.run(sql`
      INSERT INTO retention_rule (purpose_id, keep_count, keep_unit, anchor, action, legal_ref, obligation, replaces, created_by, created_at)
      VALUES (${purpose.id}, ${keep.count}, ${keep.unit}, ${input.anchor}, ${input.action}, ${input.legalRef ?? null}, ${input.obligation ? 1 : 0},
        ${replaced?.id ?? null}, ${userId}, ${stamp})`).lastInsertRowid,
  );
}

export function retireRule(db: SqlRunner, id: number, userId: number, now: Date): void {
  const rule = getRule(db, id);
  if (rule.retiredAt !== null) throw new AppError('CONFLICT', `Rule ${id} was retired already.`, { reason: 'ruleRetired', ruleId: id });
  if (rule.obligation) {
    throw new AppError('CONFLICT', `Rule ${id} is a legal obligation: only an obligation at least as long may replace it.`, {
      reason: 'obligationRule',
      ruleId: id,
    });
  }
  db.run(sql`UPDATE retention_rule SET retired_by = ${userId}, retired_at = ${now.toISOString()} WHERE id = ${id}`);
}

/** Event types folded as the computation compares them: lower case, `_` for spaces and hyphens. */
export function foldEventType(type: string): string {
  return type.trim().toLowerCase().replace(/[ -]/g, '_');
}

export function listAnchorTypes(db: SqlRunner): AnchorTypes[] {
  const rows = db.all<{ anchor: EventAnchor; eventType: string }>(
    sql`SELECT anchor, event_type AS eventType FROM retention_anchor_type ORDER BY anchor, event_type`,
  );
  return EVENT_ANCHORS.map((anchor) => ({ anchor, eventTypes: rows.filter((row) => row.anchor === anchor).map((row) => row.eventType) }));
}

export function setAnchorTypes(db: SqlRunner, input: AnchorTypes): void {
  db.run(sql`DELETE FROM retention_anchor_type WHERE anchor = ${input.anchor}`);
  for (const type of new Set(input.eventTypes.map(foldEventType).filter((type) => type !== ''))) {
    db.run(sql`INSERT INTO retention_anchor_type (anchor, event_type) VALUES (${input.anchor}, ${type})`);
  }
}
