/**
 * Requests benchmark (part of `npm run bench`, suite `requests`): issue 17's speed targets. A vault is filled
 * straight through SQL (what is timed is the package and the register, not the import) with
 * BENCH_REQUESTS_PROFILES profiles (default 1,000,000) of one record each, one of whom has 10,000 events and a
 * consent history, and 10,000 requests. Then:
 *
 * - the access package of that person (`requests.package`: read, report in HTML and PDF, data.json and CSVs,
 *   manifest, ZIP, recorded): ≤ 1 s;
 * - the Requests screen's first page (`requests.list` and `requests.stats`) with 10,000 requests: ≤ 200 ms.
 *
 *   BENCH_SUITES=requests npm run bench
 *   node --import tsx bench/requests.ts --profiles 100000     a quicker look (the targets are not judged)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Backend } from '../main/backend/backend';
import { runJob, unwrap } from '../main/backend/run-job';
import { BENCH_ADMIN as ADMIN, elapsedMs as ms, median, option } from './support';

const TARGET_PROFILES = 1_000_000;
const PROFILES = Number((option('--profiles') ?? process.env.BENCH_REQUESTS_PROFILES ?? String(TARGET_PROFILES)).replace(/[_,]/g, ''));
const EVENTS = 10_000;
const REQUESTS = 10_000;
const PACKAGE_TARGET_MS = 1000;
const LIST_TARGET_MS = 200;

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-bench-requests-'));
  const backend = new Backend({ vaultDir: path.join(dir, 'vault'), connectorTickMs: null });
  try {
    unwrap(await backend.call('vault.create', ADMIN));
    const raw = backend.vaults.current().db.raw;
    const stamp = '2026-01-15T10:00:00.000Z';
    const generated = process.hrtime.bigint();
    raw.exec(`PRAGMA cache_size = -262144`);
    raw.transaction(() => {
      raw.exec(`
        INSERT INTO setting (key, value) VALUES ('time_zone', 'America/Toronto');
        INSERT INTO source (id, name, name_folded, kind, purposes, lawful_basis, created_at, updated_at) VALUES (1, 'Caisses', 'caisses', 'file', '[]', 'contract', '${stamp}', '${stamp}');
        INSERT INTO source_purpose (source_id, purpose_id, basis) SELECT 1, id, 'contract' FROM purpose WHERE code = 'customer_relationship';
        INSERT INTO import_run (id, source_id, started_at, finished_at, status) VALUES (1, 1, '${stamp}', '${stamp}', 'completed');
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${PROFILES})
        INSERT INTO profile (id, display_name, sort_key, created_at, updated_at) SELECT i, 'Person ' || i, 'person ' || i, '${stamp}', '${stamp}' FROM n;
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${PROFILES})
        INSERT INTO source_record (id, source_id, external_id, content_hash, given_name, family_name, city, postal_code, raw, first_run, last_run, created_at, updated_at)
        SELECT i, 1, 'C-' || i, 'h', 'Prénom' || i, 'Nom' || i, 'Montréal', 'H2X 1Y4', json_object('No client', 'C-' || i, 'Prénom', 'Prénom' || i), 1, 1, '${stamp}', '${stamp}' FROM n;
        INSERT INTO profile_member (source_record_id, profile_id, how, added_at) SELECT id, id, 'import', '${stamp}' FROM source_record;
        INSERT INTO identifier (source_record_id, kind, value, raw) SELECT id, 'email', 'p' || id || '@exemple.ca', 'p' || id || '@exemple.ca' FROM source_record;
        -- The person asking: ${EVENTS} purchases over three years, and a consent history.
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${EVENTS})
        INSERT INTO event (source_record_id, external_id, type, at, amount, currency, place, raw, run_id)
        SELECT 4242, 'T-' || i, 'purchase', strftime('%Y-%m-%dT%H:%M:%fZ', '2023-01-01', '+' || (i * 9461 % 94608000) || ' seconds'), (i % 200) + 0.5, 'CAD', 'Magasin ' || (i % 12),
          json_object('Ticket', 'T-' || i, 'Montant', (i % 200) || ',50'), 1 FROM n;
        INSERT INTO consent_event (source_record_id, purpose_id, kind, at, recorded_at, source_id, method, raw, run_id)
        SELECT 4242, id, 'grant', '2024-03-01T10:00:00.000Z', '${stamp}', 1, 'import', 'oui', 1 FROM purpose WHERE code = 'email_marketing';
        -- The register: ${REQUESTS} requests over two years, half closed.
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${REQUESTS})
        INSERT INTO request (id, type, requester_name, received_on, jurisdiction, due_on, status, outcome, closed_at, created_by, created_at, updated_at)
        SELECT i, 'access', 'Demandeur ' || i, date('2025-01-01', '+' || (i % 700) || ' days'), 'quebec', date('2025-01-01', '+' || (i % 700 + 30) || ' days'),
          CASE WHEN i % 2 = 0 THEN 'closed' ELSE 'open' END, CASE WHEN i % 2 = 0 THEN 'fulfilled' END,
          CASE WHEN i % 2 = 0 THEN strftime('%Y-%m-%dT%H:%M:%fZ', '2025-01-01', '+' || (i % 700 + 12) || ' days') END, 1, '${stamp}', '${stamp}' FROM n;`);
    })();
    console.log(
      `generated ${PROFILES.toLocaleString('en')} profiles, ${EVENTS.toLocaleString('en')} events for one person, ${REQUESTS.toLocaleString('en')} requests in ${(ms(generated) / 1000).toFixed(1)} s`,
    );

    const request = unwrap(await backend.call('requests.open', { type: 'access', jurisdiction: 'quebec', requesterName: 'Prénom4242 Nom4242' }));
    unwrap(await backend.call('requests.verify', { id: request.id, method: 'video call', identifiers: ['name', 'email'], profileIds: [4242] }));
    const packages: number[] = [];
    let last = null as null | { bytes: number; events: number };
    for (let round = 0; round < 3; round += 1) {
      const start = process.hrtime.bigint();
      const built = unwrap(await runJob(backend, 'requests.package', { id: request.id, language: 'fr', outFile: path.join(dir, `package-${round}.zip`) }));
      packages.push(ms(start));
      last = { bytes: built.package.bytes, events: built.package.events };
    }
    const packageMs = median(packages);
    console.log(
      `access package (${last!.events.toLocaleString('en')} events, ${(last!.bytes / 1024).toFixed(0)} KB zipped): median ${packageMs.toFixed(0)} ms of ${packages.map((value) => value.toFixed(0)).join(', ')} (target ≤ ${PACKAGE_TARGET_MS} ms)`,
    );

    const lists: number[] = [];
    for (let round = 0; round < 7; round += 1) {
      const start = process.hrtime.bigint();
      unwrap(await backend.call('requests.list', {}));
      unwrap(await backend.call('requests.stats', {}));
      lists.push(ms(start));
    }
    const listMs = median(lists);
    console.log(
      `Requests screen (requests.list + requests.stats, ${(REQUESTS + 1).toLocaleString('en')} requests): median ${listMs.toFixed(1)} ms (target ≤ ${LIST_TARGET_MS} ms)`,
    );
    if (PROFILES >= TARGET_PROFILES) {
      const missed = [packageMs > PACKAGE_TARGET_MS && 'package', listMs > LIST_TARGET_MS && 'list'].filter(Boolean);
      console.log(missed.length === 0 ? 'requests: targets met' : `requests: target missed (${missed.join(', ')})`);
      if (missed.length > 0) process.exitCode = 1;
    } else console.log(`(${PROFILES.toLocaleString('en')} profiles: the targets are for ${TARGET_PROFILES.toLocaleString('en')})`);
  } finally {
    await backend.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
