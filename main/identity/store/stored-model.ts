/**
 * The trained model kept with each resolution, so that explanations and incremental links score pairs with
 * the weights the clustering was made with. Weights are statistics, not personal data; of the term
 * frequencies only values shared by at least MIN_SHARED records are kept (a surname five customers share
 * says nothing about one of them), rarer ones fall back to the level's average weight.
 */
import { compileVetoes, DEFAULT_COMPARISONS, type Comparison, type TextField } from '../model/comparisons';
import { vetoesFor } from './settings';
import type { ModelSettings, TrainedModel } from '../model/fellegi-sunter';

export const MIN_SHARED = 5;

export interface StoredModel {
  comparisons: string[];
  m: number[][];
  u: number[][];
  weight: number[][];
  matchShare: number;
  prior: number;
  iterations: number;
  settings: ModelSettings;
  frequencies: Record<string, Record<string, number>>;
}

export function storeModel(model: TrainedModel): StoredModel {
  const frequencies: Record<string, Record<string, number>> = {};
  for (const [field, shares] of model.frequencies) {
    let smallest = 1;
    for (const share of shares.values()) smallest = Math.min(smallest, share);
    const kept: Record<string, number> = {};
    for (const [value, share] of shares) if (share / smallest >= MIN_SHARED) kept[value] = share;
    frequencies[field] = kept;
  }
  return {
    comparisons: model.comparisons.map((comparison) => comparison.name),
    m: model.m,
    u: model.u,
    weight: model.weight,
    matchShare: model.matchShare,
    prior: model.prior,
    iterations: model.iterations,
    settings: model.settings,
    frequencies,
  };
}

/** The model back, with the comparison definitions of this version of Custodia; null if one is unknown now. */
export function restoreModel(stored: StoredModel, known: readonly Comparison[] = DEFAULT_COMPARISONS): TrainedModel | null {
  const comparisons = stored.comparisons.map((name) => known.find((comparison) => comparison.name === name));
  if (comparisons.some((comparison) => comparison === undefined)) return null;
  const definitions = comparisons as Comparison[];
  if (definitions.some((comparison, c) => comparison.levels.length !== (stored.weight[c] as number[]).length)) return null;
  return {
    comparisons: definitions,
    m: stored.m,
    u: stored.u,
    weight: stored.weight,
    matchShare: stored.matchShare,
    prior: stored.prior,
    iterations: stored.iterations,
    settings: stored.settings,
    vetoes: compileVetoes(definitions, vetoesFor(definitions)),
    frequencies: new Map(Object.entries(stored.frequencies).map(([field, shares]) => [field as TextField, new Map(Object.entries(shares))])),
  };
}
