/**
 * `npm run bench`: every benchmark, each in its own process so neither's memory or warm caches colour
 * the other's figures. Exit code 1 when any target fails.
 *   vault    bench/run.ts     unlock, audit verify, bridge round trips
 *   import   bench/import.ts  import pipeline against the data model's floor (references C and D), re-imports, search
 *   messy    bench/messy-imports.ts  the issue's four messy exports: rejects ≤ 0.5 %, every person accounted for
 *   requests bench/requests.ts  an access package of a person with 10 k events among 1 M profiles ≤ 1 s; the register with 10 k requests ≤ 200 ms
 *   identity bench/identity.ts  a full identity resolution of 1 M generated records: ≤ 60 s, peak RSS ≤ 2 GB
 *   consent  bench/consent.ts   the consent review's state derived for 1 M people × 5 purposes (~3 M events) ≤ 10 s; counts ≤ 200 ms
 *   retention  bench/retention.ts  maintain-until recomputed for 1 M people × 5 purposes ≤ 10 s; the due list for a date ≤ 200 ms
 *   erasure  bench/erasure.ts   among 1 M profiles: one person with 10 k events erased (preview, commit, purge, table scan) ≤ 2 s;
 *                               a full verification scan ≤ 60 s; a bulk erasure of 10 k requests ≤ 2 min
 *   partners bench/partners.ts  among 1 M profiles: the preview and the extract of ~500 k people × 10 fields, register included, ≤ 15 s
 *   partners-register  bench/partners-register.ts  the partner register of 100 k extracts (2 M disclosures) filtered by partner,
 *                               period and person ≤ 200 ms each
 * Pick suites with BENCH_SUITES=import (or vault); sizes as each file documents (BENCH_AUDIT_ENTRIES, BENCH_IMPORT_ROWS, MESSY_ROWS, BENCH_ERASURE_PROFILES, BENCH_PARTNERS_PROFILES…).
 * Arguments after `--` go to every suite picked (`BENCH_SUITES=identity npm run bench -- --records 100000`).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const SUITES: ReadonlyArray<readonly [string, string]> = [
  ['vault', 'run.ts'],
  ['import', 'import.ts'],
  ['messy', 'messy-imports.ts'],
  ['identity', 'identity.ts'],
  ['requests', 'requests.ts'],
  ['consent', 'consent.ts'],
  ['retention', 'retention.ts'],
  ['erasure', 'erasure.ts'],
  ['partners', 'partners.ts'],
  ['partners-register', 'partners-register.ts'],
];
const wanted = new Set((process.env.BENCH_SUITES ?? SUITES.map(([name]) => name).join(',')).split(',').map((name) => name.trim()));

let failed = false;
for (const [name, file] of SUITES) {
  if (!wanted.has(name)) continue;
  console.log(`\n=== ${name} (bench/${file}) ===`);
  const result = spawnSync(process.execPath, [...process.execArgv, path.join(here, file), ...process.argv.slice(2)], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed = true;
    console.log(`=== ${name}: ${result.signal ? `killed by ${result.signal}` : `exit code ${result.status}`} ===`);
  }
}
process.exitCode = failed ? 1 : 0;
