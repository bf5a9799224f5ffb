/**
 * Measures the identity model on labelled Febrl files (or generated ones in the extended layout, see
 * generate-identity-data.ts) with its DEFAULT settings:
 *   node --import tsx scripts/eval-identity.ts FILE... [--drop soc_sec_id] [--out DIR] [--country CC] [--incremental SHARE] [--model-only] [--no-vetoes] [--json]
 *   npm run eval:identity -- ../shared/datasets/febrl/dataset1.csv --drop soc_sec_id
 * Each file is one source; the records of all files are linked together. `--no-vetoes` turns the veto levels
 * off (plain Fellegi–Sunter): the Febrl truth counts pairs whose given name or birth date was replaced by a
 * random one as matches, which is exactly what the vetoes keep apart (twins, parent and child, spouses).
 * When the files carry household_id, false merges are reported inside households and between them.
 *
 * The headline figures come through the product (identity-vault-eval.ts): the files imported into a fresh
 * vault (phones and postal codes read in the country the `state` column names, or `--country`), resolved with the default settings, the clustering read from the profiles export (`--out DIR` keeps
 * that export as DIR/profiles.csv, rec_id as source_record_id). The model is also run alone on the same
 * records, for blocking recall and the time of each phase; `--model-only` skips the vault. `--incremental 0.1`
 * holds back the last tenth of each file and imports it after the resolution: those records are placed by
 * the imports' incremental links, as in daily use.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { blockingRecall, evidenceCeiling, falseMerges, pairMetrics, parseFebrl, type FebrlSet } from '../main/identity/febrl';
import { link } from '../main/identity/model/link';
import { evaluateThroughVault } from './identity-vault-eval';

const args = process.argv.slice(2);
const json = args.includes('--json');
const modelOnly = args.includes('--model-only');
const outIndex = args.indexOf('--out');
const outDir = outIndex >= 0 ? args[outIndex + 1] : undefined;
const vetoes = !args.includes('--no-vetoes');
const dropIndex = args.indexOf('--drop');
const dropped = dropIndex >= 0 ? args[dropIndex + 1] : undefined;
if (dropped !== undefined && dropped !== 'soc_sec_id') throw new Error(`--drop: only soc_sec_id can be dropped, not ${dropped}`);
const countryIndex = args.indexOf('--country');
const country = countryIndex >= 0 ? args[countryIndex + 1] : undefined;
const incrementalIndex = args.indexOf('--incremental');
const incremental = incrementalIndex >= 0 ? Number(args[incrementalIndex + 1]) : undefined;
if (incremental !== undefined && !(incremental > 0 && incremental < 1)) throw new Error('--incremental: a share between 0 and 1 of each file, imported after the resolution');
const valueOf = new Set([dropIndex, outIndex, countryIndex, incrementalIndex].filter((index) => index >= 0).map((index) => index + 1));
const files = args.filter((arg, index) => !arg.startsWith('--') && !valueOf.has(index));
if (files.length === 0) {
  console.error('usage: eval-identity FILE... [--drop soc_sec_id] [--out DIR] [--country CC] [--incremental SHARE] [--model-only] [--no-vetoes] [--json]');
  process.exit(2);
}

const started = performance.now();
const all: FebrlSet = { records: [], truth: [] };
const households: string[] = [];
let withHouseholds = true;
for (const file of files) {
  const set = parseFebrl(fs.readFileSync(file, 'utf8'), path.basename(file), { dropNationalId: dropped === 'soc_sec_id' });
  for (const record of set.records) all.records.push(record);
  for (const entity of set.truth) all.truth.push(entity);
  if (set.households === undefined) withHouseholds = false;
  else for (const household of set.households) households.push(household);
}
const read = performance.now() - started;
const result = link(all.records, { now: () => performance.now(), model: { vetoes } });
const blocking = blockingRecall(result.blocking.left, result.blocking.right, all.truth);
const ceiling = evidenceCeiling(result.model, result.features, all.truth);
const metrics = pairMetrics(result.clusters.clusterOf, all.truth);
const wrong = withHouseholds ? falseMerges(result.clusters.clusterOf, all.truth, households) : null;
const vault = modelOnly ? null : await evaluateThroughVault(files, { drop: dropped, outDir, country, ...(incremental === undefined ? {} : { incremental }) });
const throughVault =
  vault === null
    ? null
    : {
        ...pairMetrics(vault.clusterOf, vault.truth),
        falseMerges: withHouseholds ? falseMerges(vault.clusterOf, vault.truth, households) : null,
        profiles: vault.summary.profilesAfter,
        reviewPairs: vault.summary.reviewPairs,
        importMs: vault.importMs,
        resolveMs: vault.summary.timingsMs,
        export: outDir === undefined ? null : vault.exportFile,
      };
const report = {
  throughVault,
  files: files.map((file) => path.basename(file)),
  dropped: dropped ?? null,
  incremental: incremental ?? null,
  vetoes,
  records: all.records.length,
  candidatePairs: result.blocking.count,
  proposedPairs: result.blocking.proposed,
  blockingRecall: blocking.recall,
  evidenceCeiling: ceiling.recall,
  blockingFound: blocking.found,
  truePairs: blocking.total,
  skippedBlocks: result.blocking.perKey.reduce((sum, key) => sum + key.skippedBlocks, 0),
  precision: metrics.precision,
  recall: metrics.recall,
  f1: metrics.f1,
  predictedPairs: metrics.predictedPairs,
  correctPairs: metrics.correctPairs,
  falseMerges: wrong,
  emIterations: result.model.iterations,
  matchShare: result.model.matchShare,
  refused: result.clusters.refused,
  timingsMs: { read, ...result.timings, total: performance.now() - started },
};
if (json) {
  console.log(JSON.stringify(report, null, 2));
} else {
  const f = (value: number): string => value.toFixed(4);
  console.log(`${report.files.join(' + ')}${dropped === undefined ? '' : ` (without ${dropped})`}${vetoes ? '' : ' (no vetoes)'}`);
  if (throughVault !== null) {
    console.log(`  through the vault: precision ${f(throughVault.precision)}  recall ${f(throughVault.recall)}  F1 ${f(throughVault.f1)}  (${throughVault.correctPairs}/${throughVault.predictedPairs} predicted pairs correct; ${throughVault.profiles} profiles, ${throughVault.reviewPairs} pairs for review)`);
    if (throughVault.falseMerges !== null) console.log(`    false merges: ${throughVault.falseMerges.withinHouseholds} pairs inside households, ${throughVault.falseMerges.betweenHouseholds} between households`);
    console.log(`    import ${throughVault.importMs.toFixed(0)} ms; resolve ms: ${Object.entries(throughVault.resolveMs).map(([phase, ms]) => `${phase} ${ms.toFixed(0)}`).join(', ')}`);
    if (throughVault.export !== null) console.log(`    export: ${throughVault.export}`);
  }
  console.log('  the model alone, on the same records:');
  console.log(`  records ${report.records}, candidate pairs ${report.candidatePairs} (of ${report.proposedPairs} sharing a key), skipped blocks ${report.skippedBlocks}`);
  console.log(`  blocking recall ${f(report.blockingRecall)} (${report.blockingFound}/${report.truePairs})`);
  console.log(`  evidence ceiling ${f(report.evidenceCeiling)}: true pairs joined by more than a name, directly or through the person's other records (${ceiling.reachable}/${ceiling.total})`);
  console.log(`  precision ${f(report.precision)}  recall ${f(report.recall)}  F1 ${f(report.f1)}  (${report.correctPairs}/${report.predictedPairs} predicted pairs correct)`);
  if (wrong !== null) console.log(`  false merges: ${wrong.withinHouseholds} pairs inside households, ${wrong.betweenHouseholds} between households`);
  console.log(`  EM iterations ${report.emIterations}, match share ${f(report.matchShare)}; refused links ${JSON.stringify(report.refused)}`);
  console.log(`  time ms: ${Object.entries(report.timingsMs).map(([phase, ms]) => `${phase} ${ms.toFixed(0)}`).join(', ')}`);
  for (const key of result.blocking.perKey) console.log(`    key ${key.name}: ${key.pairs} pairs in blocks, ${key.blocks} blocks, ${key.skippedBlocks} skipped`);
}
