/**
 * Partner extracts benchmark (part of `npm run bench`, suite `partners`): issue 19's speed target. A vault is
 * filled straight through SQL (what is timed is the extract, not an import; main/partners/extract/test-fill-people.ts)
 * with BENCH_PARTNERS_PROFILES profiles (default 1,000,000) of one record each holding the golden fields, from a
 * source declaring email marketing on consent, half of the people having granted it. Then, through the backend's
 * API, under an agreement of 10 fields: `extracts.preview` + `extracts.run` (a CSV of ~500 k people to a file,
 * its register entry and ~500 k disclosures): ≤ 15 s.
 *
 *   BENCH_SUITES=partners npm run bench
 *   node --import tsx bench/partners.ts --profiles 100000     a quicker look (target not judged)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Backend } from '../main/backend/backend';
import { runJob, unwrap } from '../main/backend/run-job';
import { fillPeople } from '../main/partners/extract/test-fill-people';
import { BENCH_ADMIN as ADMIN, count, load, numberOf, option, rssMiB, secs } from './support';

const TARGET_PROFILES = 1_000_000;
const PROFILES = numberOf(option('--profiles') ?? process.env.BENCH_PARTNERS_PROFILES ?? String(TARGET_PROFILES));
const TARGET_MS = 15_000;
const FIELDS = ['profileId', 'givenName', 'familyName', 'birthDate', 'email', 'phone', 'street', 'postalCode', 'city', 'country'];

/**
 * Wall and CPU time at each step the job reports (progress events are throttled to one a tenth of a second:
 * a step's start is known to that much): drawing the audience, writing, and the register's transaction.
 */
class StepMarks {
  private readonly marks: { label: string; at: number; cpu: NodeJS.CpuUsage }[] = [{ label: 'start', at: performance.now(), cpu: process.cpuUsage() }];
  listener = (event: { step: string; done: number; total: number | null }): void => {
    const label = event.step === 'write' && event.total !== null && event.done >= event.total ? 'written' : event.step;
    if (this.marks.at(-1)!.label !== label) this.mark(label);
  };
  mark(label: string): void {
    this.marks.push({ label, at: performance.now(), cpu: process.cpuUsage() });
  }
  report(): string {
    return this.marks
      .slice(1)
      .map((mark, index) => {
        const before = this.marks[index]!;
        const cpu = (mark.cpu.user + mark.cpu.system - before.cpu.user - before.cpu.system) / 1000;
        return `      until ${mark.label.padEnd(10)} ${secs(mark.at - before.at)} (CPU ${secs(cpu)})`;
      })
      .join('\n');
  }
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-bench-partners-'));
  const backend = new Backend({ vaultDir: path.join(dir, 'vault'), connectorTickMs: null });
  const judged = PROFILES >= TARGET_PROFILES;
  try {
    console.log(`partners benchmark: ${count(PROFILES)} profiles, ${FIELDS.length} fields; ${os.cpus().length} cores, ${load()}`);
    unwrap(await backend.call('vault.create', ADMIN));
    const vault = backend.vaults.current();
    let started = performance.now();
    vault.raw.exec(`PRAGMA cache_size = -262144`);
    fillPeople(vault.db.raw, PROFILES);
    vault.raw.pragma('wal_checkpoint(TRUNCATE)');
    vault.raw.exec(`PRAGMA cache_size = -65536`);
    console.log(
      `generated ${count(PROFILES)} profiles in ${secs(performance.now() - started)}; vault.db ${count(fs.statSync(vault.files.db).size / 1048576)} MiB; ${load()}`,
    );
    await backend.vaults.pages.check(vault);

    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    const partner = unwrap(await backend.call('partners.add', { name: 'Envoi Québec', role: 'processor', country: 'CA', subdivision: 'QC' }));
    const agreement = unwrap(
      await backend.call('agreements.add', {
        partnerId: partner.id,
        title: 'Infolettre',
        purposes: ['email_marketing'],
        basis: 'consent',
        fields: FIELDS,
        validFrom: today,
        validTo: '2099-12-31',
        delivery: { kind: 'folder', folder: path.join(dir, 'out') },
      }),
    );

    started = performance.now();
    const preview = unwrap(await runJob(backend, 'extracts.preview', { agreementId: agreement.id }));
    const previewMs = performance.now() - started;
    console.log(
      `  preview   ${secs(previewMs)}   audience ${count(preview.audience)}, included ${count(preview.included)}, excluded ${JSON.stringify(preview.excluded)}; ${load()}`,
    );
    started = performance.now();
    const marks = new StepMarks();
    const entry = unwrap(await runJob(backend, 'extracts.run', { agreementId: agreement.id }, marks.listener));
    const runMs = performance.now() - started;
    marks.mark('registered');
    const disclosures = vault.raw.prepare(`SELECT count(*) FROM disclosure WHERE extract_id = ?`).pluck().get(entry.id) as number;
    console.log(
      `  run       ${secs(runMs)}   ${count(entry.people)} people × ${entry.fields.length} fields, ${count(entry.bytes / 1048576)} MiB ${entry.format}, ${count(disclosures)} disclosures; ${load()}`,
    );
    console.log(marks.report());
    const totalMs = previewMs + runMs;
    console.log(`  = preview + run: ${secs(totalMs)} (target ≤ ${secs(TARGET_MS)}${judged ? '' : ', not judged below 1 M profiles'}); ${rssMiB()}`);
    if (disclosures !== entry.people || entry.people !== preview.included) {
      console.log('  the register does not match the extract');
      process.exitCode = 1;
    }
    if (judged && totalMs > TARGET_MS) {
      console.log('  TARGET MISSED');
      process.exitCode = 1;
    }
  } finally {
    await backend.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
