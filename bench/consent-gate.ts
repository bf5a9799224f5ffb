/**
 * The consent intake gate's cost (issue 16: ≤ 10 % of import time). The same generated CSV (id, names, email,
 * a newsletter yes/no/blank column) imported into a fresh vault twice: once into a source declared on
 * contract (the gate is open: no work), once into a source relying on consent only (every row weighed; a
 * third without an answer held, each looked up by email in the ledger of the people already known).
 * Run: node --import tsx bench/consent-gate.ts [rows]   (default 50 000)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Backend } from '../main/backend/backend';
import { runJob, unwrap } from '../main/backend/run-job';

const ROWS = Number(process.argv[2] ?? 50_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-gate-bench-'));

function csv(): string {
  const lines = ['id,first_name,last_name,email,newsletter'];
  for (let id = 1; id <= ROWS; id += 1) {
    const answer = id % 3 === 0 ? '' : id % 3 === 1 ? 'yes' : 'no';
    lines.push(`${id},Prénom${id},Nom${id % 997},person${id}@exemple.fr,${answer}`);
  }
  return `${lines.join('\n')}\n`;
}

async function timed(declaration: { purposes: string[]; lawfulBasis: string }, name: string): Promise<{ ms: number; held: number }> {
  const backend = new Backend({ vaultDir: path.join(dir, name) });
  unwrap(await backend.call('vault.create', { adminName: 'Bench Admin', passphrase: 'benchmark passphrase 2026' }));
  const file = path.join(dir, 'people.csv');
  const preview = unwrap(await backend.call('import.preview', { file }));
  const start = process.hrtime.bigint();
  const run = unwrap(
    await runJob(backend, 'import.file', {
      file,
      source: name,
      options: {},
      mapping: { ...preview.mapping, defaultCountry: 'FR' },
      declaration: { ...declaration, defaultCountry: 'FR' },
    }),
  );
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  backend.close();
  return { ms, held: run.held };
}

fs.writeFileSync(path.join(dir, 'people.csv'), csv());
// Warm-up, then alternate to spread the noise of a shared machine.
await timed({ purposes: ['customer_relationship'], lawfulBasis: 'contract' }, 'warm');
const open: number[] = [];
const gated: number[] = [];
let held = 0;
for (let round = 0; round < 3; round += 1) {
  open.push((await timed({ purposes: ['customer_relationship'], lawfulBasis: 'contract' }, `open${round}`)).ms);
  const result = await timed({ purposes: ['email_marketing'], lawfulBasis: 'consent' }, `gated${round}`);
  gated.push(result.ms);
  held = result.held;
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ratio = median(gated) / median(open);
console.log(
  `${ROWS} rows: open source ${median(open).toFixed(0)} ms, consent-only source ${median(gated).toFixed(0)} ms (${held} held): ×${ratio.toFixed(3)} (target ≤ 1.10)`,
);
fs.rmSync(dir, { recursive: true, force: true });
process.exitCode = ratio <= 1.1 ? 0 : 1;
