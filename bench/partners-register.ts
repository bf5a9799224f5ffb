/**
 * Partner register benchmark (part of `npm run bench`, suite `partners-register`): issue 19's target "the
 * register of 100 k extracts filters in ≤ 200 ms". A vault is filled straight through SQL (what is timed is the
 * register, not the extracts) with BENCH_REGISTER_EXTRACTS extracts (default 100,000) over two years, to 50
 * partners under 100 agreements, each naming 20 of 200,000 profiles (2 M disclosures), one profile merged into
 * the person looked up. Then `register.list` (first page of 100, with its total and people), median of 7 runs:
 *
 * - by partner (~2,000 extracts), by period (a month, ~4,000), by person (through a merge): each ≤ 200 ms;
 * - the whole register unfiltered, and its CSV export, for the record.
 *
 *   BENCH_SUITES=partners-register npm run bench
 *   node --import tsx bench/partners-register.ts --extracts 10000     a quicker look (the targets are not judged)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Backend } from '../main/backend/backend';
import { unwrap } from '../main/backend/run-job';
import { BENCH_ADMIN as ADMIN, elapsedMs as ms, median, option } from './support';

const TARGET_EXTRACTS = 100_000;
const EXTRACTS = Number((option('--extracts') ?? process.env.BENCH_REGISTER_EXTRACTS ?? String(TARGET_EXTRACTS)).replace(/[_,]/g, ''));
const PROFILES = 200_000;
const PER_EXTRACT = 20;
const PARTNERS = 50;
const TARGET_MS = 200;
const PERSON = 4242;

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-bench-register-'));
  const backend = new Backend({ vaultDir: path.join(dir, 'vault'), connectorTickMs: null });
  try {
    unwrap(await backend.call('vault.create', ADMIN));
    const raw = backend.vaults.current().db.raw;
    const stamp = '2023-12-01T10:00:00.000Z';
    const generated = process.hrtime.bigint();
    raw.exec(`PRAGMA cache_size = -262144`);
    raw.transaction(() => {
      raw.exec(`
        INSERT INTO setting (key, value) VALUES ('time_zone', 'America/Toronto');
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${PROFILES})
        INSERT INTO profile (id, display_name, sort_key, created_at, updated_at) SELECT i, 'Person ' || i, 'person ' || i, '${stamp}', '${stamp}' FROM n;
        -- Found later to be the person looked up: their extracts lead to them.
        UPDATE profile SET status = 'merged', merged_into = ${PERSON} WHERE id = ${PERSON + 1};
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${PARTNERS})
        INSERT INTO partner (id, name, name_folded, role, country, subdivision, created_at, updated_at)
        SELECT i, 'Partner ' || i, 'partner ' || i, CASE WHEN i % 2 = 0 THEN 'processor' ELSE 'third_party' END, 'CA', 'QC', '${stamp}', '${stamp}' FROM n;
        INSERT INTO agreement (id, partner_id, title, basis, fields, valid_from, valid_to, delivery, folder, created_at, updated_at)
        SELECT id * 2 - k, id, 'Agreement ' || (id * 2 - k), 'contract', '["email","givenName"]', '2024-01-01', '2026-12-31', 'folder', '/srv/out', '${stamp}', '${stamp}'
        FROM partner, (SELECT 0 AS k UNION ALL SELECT 1);
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${EXTRACTS})
        INSERT INTO extract (id, agreement_id, partner_id, user_id, at, purposes, fields, format, people, excluded, file_name, sha256, bytes, delivered_to)
        SELECT i, (i % ${PARTNERS} + 1) * 2 - (i / ${PARTNERS}) % 2, i % ${PARTNERS} + 1, 1,
          strftime('%Y-%m-%dT%H:%M:%fZ', '2024-01-01', '+' || (i * (63072000 / ${EXTRACTS})) || ' seconds'),
          '["customer_relationship"]', '["email","givenName"]', 'csv', ${PER_EXTRACT}, i % 7, 'extract-' || i || '.csv', printf('%064x', i), 4096, 'folder' FROM n;
        WITH RECURSIVE j(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM j WHERE k < ${PER_EXTRACT - 1})
        INSERT INTO disclosure (profile_id, extract_id)
        SELECT ((e.id * ${PER_EXTRACT} + j.k) * 7919) % ${PROFILES} + 1, e.id FROM extract e, j ORDER BY 1, 2;`);
    })();
    const disclosures = (raw.prepare('SELECT count(*) AS n FROM disclosure').get() as { n: number }).n;
    console.log(
      `generated ${EXTRACTS.toLocaleString('en')} extracts, ${disclosures.toLocaleString('en')} disclosures of ${PROFILES.toLocaleString('en')} profiles in ${(ms(generated) / 1000).toFixed(1)} s`,
    );

    const cases: ReadonlyArray<readonly [string, Record<string, unknown>, boolean]> = [
      ['by partner', { partnerId: 7 }, true],
      ['by period (March 2025)', { from: '2025-03-01', to: '2025-03-31' }, true],
      ['by person (through a merge)', { profileId: PERSON }, true],
      ['by partner and period', { partnerId: 7, from: '2025-01-01', to: '2025-06-30' }, true],
      ['whole register', {}, false],
    ];
    const missed: string[] = [];
    for (const [name, filter, judged] of cases) {
      const runs: number[] = [];
      let found = { total: 0, people: 0, entries: 0 };
      for (let round = 0; round < 7; round += 1) {
        const start = process.hrtime.bigint();
        const page = unwrap(await backend.call('register.list', filter));
        runs.push(ms(start));
        found = { total: page.total, people: page.people, entries: page.entries.length };
      }
      const took = median(runs);
      if (judged && took > TARGET_MS) missed.push(name);
      console.log(
        `register.list ${name}: ${found.total.toLocaleString('en')} extracts, ${found.people.toLocaleString('en')} people, first ${found.entries}: median ${took.toFixed(1)} ms of ${runs.map((value) => value.toFixed(1)).join(', ')}${judged ? ` (target ≤ ${TARGET_MS} ms)` : ''}`,
      );
      if (judged && found.total === 0) missed.push(`${name} (found nothing)`);
    }
    const exported = process.hrtime.bigint();
    const file = unwrap(await backend.call('register.export', { format: 'csv', language: 'en', outFile: path.join(dir, 'register.csv') }));
    console.log(`register.export CSV of the whole register: ${file.entries.toLocaleString('en')} lines in ${ms(exported).toFixed(0)} ms (for the record)`);
    if (EXTRACTS >= TARGET_EXTRACTS) {
      console.log(missed.length === 0 ? 'partners-register: targets met' : `partners-register: target missed (${missed.join(', ')})`);
      if (missed.length > 0) process.exitCode = 1;
    } else console.log(`(${EXTRACTS.toLocaleString('en')} extracts: the targets are for ${TARGET_EXTRACTS.toLocaleString('en')})`);
  } finally {
    await backend.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
