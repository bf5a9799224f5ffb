/**
 * The administrator's identity settings, stored as JSON in `identity_settings`. Unset means default: the
 * model's own comparisons, blocking keys and thresholds (model/*.ts), so improving a default in a new version
 * reaches every vault that did not choose otherwise.
 */
import { DEFAULT_BLOCKING, type BlockingKey } from '../model/blocking';
import { DEFAULT_CLUSTER_SETTINGS } from '../model/cluster';
import { DEFAULT_COMPARISONS, DEFAULT_VETOES, type Comparison, type Veto } from '../model/comparisons';
import { sql, type SqlRunner } from '../../store/sql';
import type { IdentitySettings } from '../contract';

/** The review band reaches this far below the match threshold (log2-odds: 1/16 of the odds). */
export const DEFAULT_REVIEW_BAND = 4;

export function defaultSettings(): IdentitySettings {
  return {
    matchThreshold: DEFAULT_CLUSTER_SETTINGS.threshold,
    reviewThreshold: DEFAULT_CLUSTER_SETTINGS.threshold - DEFAULT_REVIEW_BAND,
    comparisons: DEFAULT_COMPARISONS.map((comparison) => comparison.name),
    blocking: DEFAULT_BLOCKING.map((key) => key.name),
  };
}

export function readSettings(db: SqlRunner): IdentitySettings {
  const row = db.get<{ settings: string }>(sql`SELECT settings FROM identity_settings WHERE id = 1`);
  return row === undefined ? defaultSettings() : { ...defaultSettings(), ...(JSON.parse(row.settings) as Partial<IdentitySettings>) };
}

export function writeSettings(db: SqlRunner, settings: IdentitySettings, userId: number | null, stamp: string): void {
  db.run(sql`
    INSERT INTO identity_settings (id, settings, updated_by, updated_at) VALUES (1, ${JSON.stringify(settings)}, ${userId}, ${stamp})
    ON CONFLICT (id) DO UPDATE SET settings = excluded.settings, updated_by = excluded.updated_by, updated_at = excluded.updated_at`);
}

/** The model parts the settings choose; names this version no longer knows are ignored. */
export function chosenModel(settings: IdentitySettings): { comparisons: Comparison[]; blocking: BlockingKey[]; vetoes: Veto[] } {
  const comparisons = DEFAULT_COMPARISONS.filter((comparison) => settings.comparisons.includes(comparison.name));
  return { comparisons, blocking: DEFAULT_BLOCKING.filter((key) => settings.blocking.includes(key.name)), vetoes: vetoesFor(comparisons) };
}

/** The vetoes that can be read with these comparisons: one about a comparison left out cannot hold. */
export function vetoesFor(comparisons: readonly Comparison[]): Veto[] {
  const names = new Set(comparisons.map((comparison) => comparison.name));
  return DEFAULT_VETOES.filter((veto) =>
    veto.when.every(
      (entry) => 'eitherHas' in entry || (Array.isArray(entry) ? entry : [entry]).every((condition: { comparison: string }) => names.has(condition.comparison)),
    ),
  );
}
