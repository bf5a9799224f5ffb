/**
 * Brings `retention_profile` up to date: the profiles marked by triggers (new events, changed records, merges,
 * splits, consent states), or all of them when a rule, an anchor type, a declaration, a purpose's default or
 * the vault's zone changed since the last build (what the dates were computed with is kept as a signature).
 * The consent review's table is brought up to date first: the dates read consent from it, and it is itself
 * rebuilt from the ledger alone.
 */
import crypto from 'node:crypto';
import { purposeRules, refreshConsentState } from '../consent/index';
import { vaultTimeZone } from '../requests/index';
import { sql, type SqlRunner } from '../store/sql';
import { computeDates, encodePurposes, type ComputePurpose, type ComputeRule } from './compute';
import type { Refreshed } from './contract';
import { readInputs, type Scope } from './inputs';
import { ZoneDays } from './period';
import { installMarks } from './marks';
import { listAnchorTypes, listRules } from './rules';

/** Above this many marked profiles, a rebuild is faster than refreshing them one by one. */
const REBUILD_ABOVE = 100_000;

interface Setup {
  readonly purposes: ComputePurpose[];
  readonly zone: ZoneDays;
  readonly signature: string;
}

function setup(db: SqlRunner): Setup {
  const rules = listRules(db);
  const catalog = purposeRules(db);
  const timeZone = vaultTimeZone(db);
  const declarations = db.all(sql`SELECT source_id, purpose_id, basis FROM source_purpose ORDER BY source_id, purpose_id`);
  const computeRules: ComputeRule[] = rules.map((rule) => ({
    id: rule.id,
    purposeId: rule.purposeId,
    keep: { count: rule.keepCount, unit: rule.keepUnit },
    anchor: rule.anchor,
    action: rule.action,
    obligation: rule.obligation,
  }));
  const purposes = catalog.map((purpose) => ({
    id: purpose.id,
    retentionDays: purpose.retentionDays,
    rules: computeRules.filter((rule) => rule.purposeId === purpose.id),
  }));
  const signature = crypto.hash('sha256', JSON.stringify([purposes, listAnchorTypes(db), declarations, timeZone]), 'base64url').slice(0, 32);
  return { purposes, zone: new ZoneDays(timeZone), signature };
}

/** A text value as JSON: dates, action words and purpose lists hold no quote or backslash. */
const text = (value: string | null): string => (value === null ? 'null' : `"${value}"`);

/**
 * The rows of the profiles in scope, computed before any is written (a write cannot run while rows are read),
 * kept as JSON arrays of a few thousand rows each: a million small arrays would keep the collector busy.
 */
function compute(db: SqlRunner, scope: Scope, { purposes, zone }: Setup): { chunks: string[]; count: number } {
  const chunks: string[] = [];
  let chunk: string[] = [];
  let count = 0;
  for (const inputs of readInputs(db, scope)) {
    const dates = computeDates(inputs, purposes, zone);
    chunk.push(`[${inputs.profileId},${text(dates.until)},${dates.purposeId},${dates.ruleId},${text(dates.action)},${text(encodePurposes(dates.purposes))}]`);
    count += 1;
    if (chunk.length === CHUNK) {
      chunks.push(`[${chunk.join(',')}]`);
      chunk = [];
    }
  }
  if (chunk.length > 0) chunks.push(`[${chunk.join(',')}]`);
  return { chunks, count };
}

const CHUNK = 5_000;

/** Rows go in by thousands, as one JSON array each that SQLite unpacks itself: one statement call per batch, not per row. */
function write(db: SqlRunner, chunks: readonly string[]): void {
  const insert = db.statement(`INSERT INTO retention_profile (profile_id, until, purpose_id, rule_id, action, purposes)
    SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5 FROM json_each(?)`);
  for (const chunk of chunks) insert.run(chunk);
}

export function refreshRetention(db: SqlRunner, now: Date, options: { rebuild?: boolean } = {}): Refreshed {
  const started = performance.now();
  refreshConsentState(db, now, { mayRebuild: true });
  return db.transaction(() => {
    const meta = db.get<{ built: number; inputs: string | null }>(sql`SELECT built, inputs FROM retention_meta WHERE id = 1`)!;
    const current = setup(db);
    const marked = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM retention_dirty`)?.n ?? 0;
    const full = options.rebuild === true || meta.built !== 1 || meta.inputs !== current.signature || marked > REBUILD_ABOVE;
    let mode: Refreshed['mode'] = 'unchanged';
    let profiles = 0;
    if (full) {
      const { chunks, count } = compute(db, 'all', current);
      // The date index is built once after the rows rather than kept up as each goes in (dates come in no order).
      db.run(sql`DROP INDEX retention_profile_until`);
      db.run(sql`DELETE FROM retention_profile`);
      write(db, chunks);
      db.run(sql`CREATE INDEX retention_profile_until ON retention_profile (until, purpose_id) WHERE until IS NOT NULL`);
      profiles = count;
      mode = 'rebuilt';
    } else if (marked > 0) {
      const { chunks } = compute(db, 'marked', current);
      db.run(sql`DELETE FROM retention_profile WHERE profile_id IN (SELECT profile_id FROM retention_dirty)`);
      write(db, chunks);
      profiles = marked;
      mode = 'incremental';
    }
    if (meta.built !== 1) installMarks(db);
    db.run(sql`DELETE FROM retention_dirty`);
    db.run(sql`UPDATE retention_meta SET built = 1, inputs = ${current.signature}, refreshed_at = ${now.toISOString()} WHERE id = 1`);
    return { mode, profiles, ms: Math.round(performance.now() - started) };
  });
}
