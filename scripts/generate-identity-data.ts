/**
 * Writes the generated multi-source retail customers (main/identity/synthetic) as one Febrl-layout CSV per
 * source, for npm run eval:identity:
 *   node --import tsx scripts/generate-identity-data.ts --out DIR [--people N] [--seed S]
 *   npm run eval:identity -- DIR/crm.csv DIR/tills.csv DIR/web.csv DIR/newsletter.csv
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CSV_HEADER, csvLine, syntheticRows } from '../main/identity/synthetic/generate';
import { SOURCES } from '../main/identity/synthetic/sources';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const index = args.indexOf(name);
  return index < 0 ? undefined : args[index + 1];
};
const out = option('--out');
if (out === undefined) {
  console.error('usage: generate-identity-data --out DIR [--people N] [--seed S]');
  process.exit(2);
}
const people = Number(option('--people') ?? 10_000);
const seed = Number(option('--seed') ?? 1);
if (!Number.isInteger(people) || people < 1 || !Number.isInteger(seed)) throw new Error('--people and --seed take whole numbers');

const started = performance.now();
fs.mkdirSync(out, { recursive: true });
// Lines are gathered per source and written in chunks, so a million records never sit in one string.
const files = new Map(SOURCES.map((source) => [source.name, { fd: fs.openSync(path.join(out, `${source.name}.csv`), 'w'), lines: [CSV_HEADER], count: 0 }]));
const flush = (file: { fd: number; lines: string[] }): void => {
  fs.writeSync(file.fd, `${file.lines.join('\n')}\n`);
  file.lines = [];
};
const entities = new Set<number>();
const households = new Set<number>();
let records = 0;
for (const row of syntheticRows({ people, seed })) {
  const file = files.get(row.source);
  if (file === undefined) throw new Error(`unknown source ${row.source}`);
  file.lines.push(csvLine(row));
  file.count += 1;
  if (file.lines.length >= 10_000) flush(file);
  entities.add(row.entity);
  households.add(row.household);
  records += 1;
}
for (const file of files.values()) {
  if (file.lines.length > 0) flush(file);
  fs.closeSync(file.fd);
}
console.log(`${records} records of ${entities.size} people in ${households.size} households (${((1 - entities.size / records) * 100).toFixed(1)}% duplicates), seed ${seed}, ${(performance.now() - started).toFixed(0)} ms`);
for (const [name, file] of files) console.log(`  ${path.join(out, `${name}.csv`)}: ${file.count} records`);
