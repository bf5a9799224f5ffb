/**
 * Identity resolution benchmark (part of `npm run bench`, suite `identity`): issue 15's speed target, a full
 * resolution of 1,000,000 source records (generated retail customers, ~25 % duplicates, households) in ≤ 60 s
 * with peak RSS ≤ 2 GB on the 2-core bench machine.
 *
 *   BENCH_SUITES=identity npm run bench                      1,000,000 records (the target)
 *   BENCH_SUITES=identity npm run bench -- --records 100000  a quicker look (the target is not judged)
 *   node --import tsx bench/identity.ts --records 100000 [--seed 1] [--build-only]
 *
 * The vault is filled once per (records, seed) through the normal import path (`import.file`, one source per
 * generated file, as scripts/identity-vault-eval.ts does), so it holds exactly what an import writes; it is
 * cached under $BENCH_IDENTITY_CACHE (default: the temp folder) and copied before each run, since a resolution
 * changes it. The resolution is the `identity.resolve` job (computeResolution + applyResolution) run in a child
 * process of its own, so its peak RSS is the resolution's and not the import's.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResolveSummary } from '../main/api/contract';
import { Backend } from '../main/backend/backend';
import { runJob, unwrap } from '../main/backend/run-job';
import { sql } from '../main/store/sql';
import { CSV_HEADER, csvLine, syntheticRows } from '../main/identity/synthetic/generate';
import { importFebrlFiles } from '../scripts/identity-vault-eval';

/** Bumped when the generator changes what it writes, so a cached vault of older data is not reused. */
const GENERATOR_VERSION = 2;
const TARGET_RECORDS = 1_000_000;
const TARGET_MS = 60_000;
const RSS_LIMIT_MB = 2048;
/** Records per generated person at seed 1 (100,505 records of 76,000 people): ~24 % duplicates. */
const RECORDS_PER_PERSON = 1.3224;
const ADMIN = { adminName: 'Bench Admin', passphrase: 'benchmark passphrase 2026' };
const PHASES = ['reading', 'features', 'blocking', 'comparisons', 'training', 'scoring', 'clustering', 'writing'] as const;

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const index = args.indexOf(name);
  return index < 0 ? undefined : args[index + 1];
};
const wholeNumber = (text: string): number => Number(text.replace(/[_,]/g, ''));

interface Built {
  records: number;
  people: number;
  importMs: number;
  peakRssMb: number;
}

interface Resolved {
  summary: ResolveSummary;
  wallMs: number;
  /** CPU time of the process during the resolution (user + system): what a loaded machine does not inflate. */
  cpuMs: number;
  peakRssMb: number;
  /** RSS once the vault is open, before the resolution. */
  openRssMb: number;
  heapPeakMb: number;
}

const mb = (bytes: number): number => bytes / 1024 / 1024;
/** Peak RSS of this process so far (resourceUsage reports kilobytes). */
const peakRss = (): number => process.resourceUsage().maxRSS / 1024;

/** Child: generates `records` rows as Febrl files and imports them into a new vault at `dir`. */
async function build(dir: string, records: number, seed: number): Promise<Built> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-bench-identity-files-'));
  try {
    const files = new Map<string, { fd: number; lines: string[] }>();
    const entities = new Set<number>();
    let written = 0;
    for (const row of syntheticRows({ people: Math.ceil(records / RECORDS_PER_PERSON), seed })) {
      if (written === records) break;
      let file = files.get(row.source);
      if (file === undefined) files.set(row.source, (file = { fd: fs.openSync(path.join(work, `${row.source}.csv`), 'w'), lines: [CSV_HEADER] }));
      file.lines.push(csvLine(row));
      if (file.lines.length >= 10_000) {
        fs.writeSync(file.fd, `${file.lines.join('\n')}\n`);
        file.lines = [];
      }
      entities.add(row.entity);
      written += 1;
    }
    for (const file of files.values()) {
      if (file.lines.length > 0) fs.writeSync(file.fd, `${file.lines.join('\n')}\n`);
      fs.closeSync(file.fd);
    }
    const backend = new Backend({ vaultDir: dir, connectorTickMs: null });
    try {
      unwrap(await backend.call('vault.create', ADMIN));
      const started = performance.now();
      await importFebrlFiles(
        backend,
        [...files.keys()].map((name) => path.join(work, `${name}.csv`)),
        { work },
      );
      return { records: written, people: entities.size, importMs: performance.now() - started, peakRssMb: peakRss() };
    } finally {
      await backend.close();
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Child: one `identity.resolve` job on the vault at `dir`. */
async function resolve(dir: string): Promise<Resolved> {
  const backend = new Backend({ vaultDir: dir, connectorTickMs: null });
  try {
    unwrap(await backend.call('vault.unlock', { userName: ADMIN.adminName, passphrase: ADMIN.passphrase }));
    const openRssMb = mb(process.memoryUsage().rss);
    // The phases are synchronous, so this samples between them (and during the writing's awaits): heap only.
    let heapPeak = 0;
    const sampler = setInterval(() => {
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    }, 50);
    const started = performance.now();
    const cpu = process.cpuUsage();
    const summary = unwrap(
      await runJob(backend, 'identity.resolve', {}, () => {
        heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
      }),
    );
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    clearInterval(sampler);
    return { summary, wallMs, cpuMs: (used.user + used.system) / 1000, peakRssMb: peakRss(), openRssMb, heapPeakMb: mb(heapPeak) };
  } finally {
    await backend.close();
  }
}

const BATCH_RECORDS = 10_000;
const LINK_TARGET_MS = 5_000;

interface Linked {
  importMs: number;
  /** The incremental run the import ended with. */
  records: number;
  candidatePairs: number;
  joined: number;
  reviewPairs: number;
  timings: Record<string, number>;
  peakRssMb: number;
}

/**
 * The batch an import brings after the resolution: half new customers (the generated stream continued past the
 * vault's records: new people, some of them twice), half customers already known arriving from another system
 * (existing rows copied under new keys), so the link both creates and joins people.
 */
function writeBatch(file: string, records: number, seed: number): void {
  const lines = [CSV_HEADER];
  const stride = Math.max(1, Math.floor(records / (BATCH_RECORDS / 2)));
  let index = 0;
  for (const row of syntheticRows({ people: Math.ceil((records + BATCH_RECORDS) / RECORDS_PER_PERSON), seed })) {
    if (index < records && index % stride === 0 && lines.length <= BATCH_RECORDS / 2) lines.push(csvLine({ ...row, recId: `copy-${row.recId}` }));
    else if (index >= records) lines.push(csvLine(row));
    index += 1;
    if (lines.length > BATCH_RECORDS) break;
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

/** Child: imports the batch into the resolved vault at `dir`; the import ends with identity's incremental link. */
async function linkBatch(dir: string, file: string): Promise<Linked> {
  const backend = new Backend({ vaultDir: dir, connectorTickMs: null });
  try {
    unwrap(await backend.call('vault.unlock', { userName: ADMIN.adminName, passphrase: ADMIN.passphrase }));
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-bench-identity-batch-'));
    const started = performance.now();
    await importFebrlFiles(backend, [file], { work });
    const importMs = performance.now() - started;
    fs.rmSync(work, { recursive: true, force: true });
    const run = backend.vaults
      .current()
      .db.get<{ records: number; candidate_pairs: number; moved: number; review_pairs: number; timings: string }>(
        sql`SELECT records, candidate_pairs, moved, review_pairs, timings FROM identity_run WHERE kind = 'incremental' ORDER BY id DESC LIMIT 1`,
      );
    if (run === undefined) throw new Error('the import did not link its records');
    return {
      importMs,
      records: run.records,
      candidatePairs: run.candidate_pairs,
      joined: run.moved,
      reviewPairs: run.review_pairs,
      timings: JSON.parse(run.timings) as Record<string, number>,
      peakRssMb: peakRss(),
    };
  } finally {
    await backend.close();
  }
}

/** Runs this file again as a child with `mode`, and reads the JSON it prints last. */
function child<T>(mode: string, ...rest: string[]): T {
  const self = fileURLToPath(import.meta.url);
  const result = spawnSync(process.execPath, [...process.execArgv, self, mode, ...rest], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 << 20,
  });
  if (result.status !== 0) throw new Error(`${mode} failed (${result.signal ?? `exit code ${result.status}`}): ${result.stdout}`);
  const lines = result.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1] as string) as T;
}

const count = (value: number): string => Math.round(value).toLocaleString('en');
const pad = (text: string, width: number): string => text.padStart(width);

function main(): void {
  const records = wholeNumber(option('--records') ?? process.env.BENCH_IDENTITY_RECORDS ?? String(TARGET_RECORDS));
  const seed = wholeNumber(option('--seed') ?? '1');
  if (!Number.isInteger(records) || records < 2 || !Number.isInteger(seed)) throw new Error('--records and --seed take whole numbers');
  const cache = path.join(
    process.env.BENCH_IDENTITY_CACHE ?? path.join(os.tmpdir(), 'custodia-bench-identity'),
    `records-${records}-seed-${seed}-generator-${GENERATOR_VERSION}`,
  );
  const builtFile = path.join(cache, 'built.json');
  let built: Built;
  if (fs.existsSync(builtFile)) {
    built = JSON.parse(fs.readFileSync(builtFile, 'utf8')) as Built;
    console.log(`vault: cached at ${cache} (built through import.file in ${(built.importMs / 1000).toFixed(1)} s, peak RSS ${count(built.peakRssMb)} MB)`);
  } else {
    fs.rmSync(cache, { recursive: true, force: true });
    fs.mkdirSync(cache, { recursive: true });
    built = child<Built>('--build', path.join(cache, 'vault'), String(records), String(seed));
    fs.writeFileSync(builtFile, JSON.stringify(built));
    console.log(
      `vault: built through the import path (import.file, one source per generated file) in ${(built.importMs / 1000).toFixed(1)} s, peak RSS ${count(built.peakRssMb)} MB; cached at ${cache}`,
    );
  }
  console.log(
    `data: ${count(built.records)} records of ${count(built.people)} people (${((1 - built.people / built.records) * 100).toFixed(1)} % duplicates), seed ${seed}`,
  );
  if (args.includes('--build-only')) return;

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-bench-identity-run-'));
  try {
    fs.cpSync(path.join(cache, 'vault'), path.join(work, 'vault'), { recursive: true });
    const run = child<Resolved>('--resolve', path.join(work, 'vault'));
    const { summary } = run;
    const timings = summary.timingsMs;
    const phaseTotal = PHASES.reduce((sum, phase) => sum + (timings[phase] ?? 0), 0);
    const pairs = summary.candidatePairs;
    console.log(
      `resolution (identity.resolve job, own process): ${count(summary.records)} records, ${count(pairs)} candidate pairs, ${count(summary.moved)} moved, ${count(summary.profilesBefore)} → ${count(summary.profilesAfter)} profiles, ${count(summary.reviewPairs)} review pairs`,
    );
    for (const phase of PHASES) console.log(`  ${phase.padEnd(12)} ${pad(count(timings[phase] ?? 0), 8)} ms`);
    const parts = ['plan', 'moves', 'queue'].filter((part) => timings[`writing.${part}`] !== undefined);
    if (parts.length > 0) console.log(`    writing: ${parts.map((part) => `${part} ${count(timings[`writing.${part}`] as number)} ms`).join(', ')}`);
    console.log(`  ${'other'.padEnd(12)} ${pad(count(run.wallMs - phaseTotal), 8)} ms   (page check, audit, job start)`);
    console.log(
      `  ${'total'.padEnd(12)} ${pad(count(run.wallMs), 8)} ms   (CPU ${count(run.cpuMs)} ms: above the wall time, the worker threads; well below, a loaded machine)`,
    );
    console.log(
      `  candidate pairs/s: ${count(pairs / (run.wallMs / 1000))} over the whole resolution, ${count(pairs / ((timings.comparisons ?? 0) / 1000))} in the comparisons phase`,
    );
    console.log(
      `  peak RSS ${count(run.peakRssMb)} MB (${count(run.openRssMb)} MB with the vault open, before resolving); peak heap seen ${count(run.heapPeakMb)} MB`,
    );
    const batchFile = path.join(work, 'batch.csv');
    writeBatch(batchFile, summary.records, seed);
    const linked = child<Linked>('--link', path.join(work, 'vault'), batchFile);
    // The writing's parts are inside its total.
    const linkMs = Object.entries(linked.timings).reduce((sum, [phase, ms]) => (phase.includes('.') ? sum : sum + ms), 0);
    console.log(
      `incremental link (the import of ${count(BATCH_RECORDS)} records ends with it, own process): ${count(linked.records)} records compared, ${count(linked.candidatePairs)} candidate pairs, ${count(linked.joined)} joined a known person, ${count(linked.reviewPairs)} review pairs`,
    );
    for (const [phase, ms] of Object.entries(linked.timings)) console.log(`  ${phase.padEnd(12)} ${pad(count(ms), 8)} ms`);
    console.log(
      `  ${'link total'.padEnd(12)} ${pad(count(linkMs), 8)} ms   (the whole import job: ${count(linked.importMs)} ms; peak RSS ${count(linked.peakRssMb)} MB)`,
    );
    if (summary.records < TARGET_RECORDS) {
      console.log(
        `targets (at ${count(TARGET_RECORDS)} records): resolution ≤ ${TARGET_MS / 1000} s, peak RSS ≤ ${RSS_LIMIT_MB} MB; link of ${count(BATCH_RECORDS)} ≤ ${LINK_TARGET_MS / 1000} s — not judged at this size`,
      );
      return;
    }
    const fast = run.wallMs <= TARGET_MS;
    const lean = run.peakRssMb <= RSS_LIMIT_MB;
    const quickLink = linkMs <= LINK_TARGET_MS;
    console.log(
      `target: ≤ ${TARGET_MS / 1000} s ${fast ? 'met' : '**not met**'} (${(run.wallMs / 1000).toFixed(1)} s); peak RSS ≤ ${RSS_LIMIT_MB} MB ${lean ? 'met' : '**not met**'} (${count(run.peakRssMb)} MB)`,
    );
    console.log(
      `target: link ${count(BATCH_RECORDS)} new records against ${count(summary.records)} in ≤ ${LINK_TARGET_MS / 1000} s ${quickLink ? 'met' : '**not met**'} (${(linkMs / 1000).toFixed(1)} s)`,
    );
    if (!fast || !lean || !quickLink) process.exitCode = 1;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (args[0] === '--build') {
  console.log(JSON.stringify(await build(args[1] as string, wholeNumber(args[2] as string), wholeNumber(args[3] as string))));
} else if (args[0] === '--batch') {
  writeBatch(args[1] as string, wholeNumber(args[2] as string), wholeNumber(args[3] as string));
} else if (args[0] === '--link') {
  console.log(JSON.stringify(await linkBatch(args[1] as string, args[2] as string)));
} else if (args[0] === '--resolve') {
  console.log(JSON.stringify(await resolve(args[1] as string)));
} else {
  main();
}
