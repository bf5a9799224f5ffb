/**
 * Retention benchmark (part of `npm run bench`, suite `retention`): issue 20's speed targets. A vault is
 * filled straight through SQL (what is timed is the computation, not the import) with BENCH_RETENTION_PEOPLE
 * people (default 1,000,000), each with a CRM record declaring five purposes (customer relationship on
 * contract, legal records on legal obligation, email and SMS marketing and profiling on consent), 30 % also
 * with a newsletter record, two to three events each (orders and contacts over six years), and a consent
 * ledger of grants, withdrawals and objections (~2.6 M events). One rule per purpose. Then:
 *
 * - the consent review's table is built (reported: retention reads consent from it; consent's own benchmark
 *   judges it);
 * - every maintain-until date recomputed from nothing (`refreshRetention(…, { rebuild: true })`): ≤ 10 s;
 * - the due list for a date (`retention.due`: counts by purpose and month and the first page): ≤ 200 ms;
 * - who may still be used for a purpose on a day, and a refresh after 50 new events (reported).
 *
 *   BENCH_SUITES=retention npm run bench
 *   node --import tsx bench/retention.ts --people 100000       a quicker look (the targets are not judged)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Backend } from '../main/backend/backend';
import { unwrap } from '../main/backend/run-job';
import { refreshConsentState } from '../main/consent/review-state';
import { refreshRetention } from '../main/retention/refresh';
import { BENCH_ADMIN, count, elapsedMs, load, median, numberOf, option, rssMiB, secs } from './support';

const TARGET_PEOPLE = 1_000_000;
const PEOPLE = numberOf(option('--people') ?? process.env.BENCH_RETENTION_PEOPLE ?? String(TARGET_PEOPLE));
const RECOMPUTE_TARGET_MS = 10_000;
const DUE_TARGET_MS = 200;

function timed<T>(label: string, work: () => T): T {
  const start = process.hrtime.bigint();
  const result = work();
  console.log(`  ${label}: ${secs(elapsedMs(start))}`);
  return result;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-bench-retention-'));
  const backend = new Backend({ vaultDir: path.join(dir, 'vault'), connectorTickMs: null });
  try {
    unwrap(await backend.call('vault.create', BENCH_ADMIN));
    unwrap(await backend.call('requests.saveSettings', { timeZone: 'America/Toronto' }));
    const { db } = backend.vaults.current();
    const raw = db.raw;
    const id = (code: string): number => raw.prepare('SELECT id FROM purpose WHERE code = ?').pluck().get(code) as number;
    const [relationship, legal, email, sms, profiling] = ['customer_relationship', 'legal_records', 'email_marketing', 'sms_marketing', 'profiling'].map(
      id,
    ) as [number, number, number, number, number];
    const people = PEOPLE;
    const second = Math.floor(people * 0.3);
    const stamp = '2026-01-15T10:00:00.000Z';
    console.log(`generating ${count(people)} people…`);
    const generateStart = process.hrtime.bigint();
    raw.exec(`PRAGMA cache_size = -262144`);
    timed('sources, runs, people, records', () =>
      raw.transaction(() => {
        raw.exec(`
          INSERT INTO source (id, name, name_folded, kind, purposes, lawful_basis, created_at, updated_at) VALUES
            (1, 'CRM', 'crm', 'file', '[]', 'contract', '${stamp}', '${stamp}'), (2, 'Newsletter', 'newsletter', 'file', '[]', 'consent', '${stamp}', '${stamp}');
          INSERT INTO source_purpose (source_id, purpose_id, basis) VALUES
            (1, ${relationship}, 'contract'), (1, ${legal}, 'legal_obligation'), (1, ${email}, 'consent'), (1, ${sms}, 'consent'), (1, ${profiling}, 'consent'),
            (2, ${email}, 'consent');
          INSERT INTO import_run (id, source_id, started_at, finished_at, status) VALUES (1, 1, '${stamp}', '${stamp}', 'completed'), (2, 2, '${stamp}', '${stamp}', 'completed');
          WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${people})
          INSERT INTO profile (id, display_name, sort_key, created_at, updated_at) SELECT i, 'Person ' || i, 'person ' || i, '${stamp}', '${stamp}' FROM n;
          WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${people})
          INSERT INTO source_record (id, source_id, external_id, content_hash, raw, first_run, last_run, created_at, updated_at)
          SELECT i, 1, 'c' || i, 'h', '{}', 1, 1, '2020-03-01T12:00:00.000Z', strftime('%Y-%m-%dT%H:%M:%fZ', '2020-03-01', '+' || (i % 1500) || ' days') FROM n;
          WITH RECURSIVE n(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM n WHERE j < ${second - 1})
          INSERT INTO source_record (id, source_id, external_id, content_hash, raw, first_run, last_run, created_at, updated_at)
          SELECT ${people} + 1 + j, 2, 'n' || j, 'h', '{}', 2, 2, '${stamp}', '${stamp}' FROM n;
          INSERT INTO profile_member (source_record_id, profile_id, how, added_at) SELECT id, id, 'import', '${stamp}' FROM source_record WHERE source_id = 1;
          INSERT INTO profile_member (source_record_id, profile_id, how, added_at) SELECT id, (id - ${people} - 1) * 3 + 1, 'import', '${stamp}' FROM source_record WHERE source_id = 2;`);
      })(),
    );
    timed('events (orders and contacts)', () =>
      raw.transaction(() => {
        raw.exec(`
          WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${people})
          INSERT INTO event (source_record_id, external_id, type, at, amount, currency, raw, run_id)
          SELECT i, 'o' || i, 'order', strftime('%Y-%m-%dT%H:%M:%fZ', '2020-01-01', '+' || ((i * 7919) % 2190) || ' days', '+' || (i % 24) || ' hours'), 10 + i % 90, 'CAD', '{}', 1 FROM n;
          WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${people})
          INSERT INTO event (source_record_id, external_id, type, at, raw, run_id)
          SELECT i, 'k' || i, CASE WHEN i % 50 = 0 THEN 'account_closed' ELSE 'call' END, strftime('%Y-%m-%dT%H:%M:%fZ', '2021-01-01', '+' || ((i * 104729) % 1800) || ' days'), '{}', 1 FROM n;
          WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 2 FROM n WHERE i < ${people})
          INSERT INTO event (source_record_id, external_id, type, at, amount, currency, raw, run_id)
          SELECT i, 'p' || i, 'purchase', strftime('%Y-%m-%dT%H:%M:%fZ', '2023-06-01', '+' || ((i * 31) % 900) || ' days'), 25, 'CAD', '{}', 1 FROM n;`);
      })(),
    );
    timed('consent ledger', () =>
      raw.transaction(() => {
        raw.exec(`
          CREATE TEMP TABLE pair AS
          WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${people})
          SELECT i AS person, p.column1 AS purpose, ((i * 2654435761 + p.column1 * 40503) % 1000003) % 10000 AS h
          FROM n, (VALUES (${email}), (${sms}), (${profiling})) p;
          INSERT INTO consent_event (source_record_id, purpose_id, kind, at, recorded_at, source_id, method, expires_at, raw, run_id)
          SELECT person, purpose, 'grant', strftime('%Y-%m-%dT%H:%M:%fZ', '2022-06-01', '+' || (h % 880) || ' days'), '${stamp}', 1, 'import',
            CASE WHEN h % 17 = 0 THEN strftime('%Y-%m-%dT%H:%M:%fZ', '2026-12-01', '+' || (h % 400) || ' days') END, 'yes', 1
          FROM pair WHERE h < 7000;
          INSERT INTO consent_event (source_record_id, purpose_id, kind, at, recorded_at, source_id, method, raw, run_id)
          SELECT CASE WHEN person % 3 = 1 AND (person - 1) / 3 < ${second} THEN ${people} + 1 + (person - 1) / 3 ELSE person END, purpose, 'withdrawal',
            strftime('%Y-%m-%dT%H:%M:%fZ', '2022-06-01', '+' || (h % 880 + 1 + h % 37) || ' days'), '${stamp}',
            CASE WHEN person % 3 = 1 AND (person - 1) / 3 < ${second} THEN 2 ELSE 1 END, 'import', 'no', CASE WHEN person % 3 = 1 AND (person - 1) / 3 < ${second} THEN 2 ELSE 1 END
          FROM pair WHERE h < 7000 AND h % 5 = 0;
          INSERT INTO consent_event (source_record_id, purpose_id, kind, at, recorded_at, recorded_by, method, evidence)
          SELECT person, purpose, 'objection', strftime('%Y-%m-%dT%H:%M:%fZ', '2025-01-01', '+' || (h % 500) || ' days'), '${stamp}', 1, 'email', 'mail-' || person
          FROM pair WHERE h >= 9900;
          DROP TABLE pair;`);
      })(),
    );
    const events = raw.prepare('SELECT (SELECT count(*) FROM event) + (SELECT count(*) FROM consent_event)').pluck().get() as number;
    console.log(`generated ${count(people)} people, ${count(events)} events and ledger entries in ${secs(elapsedMs(generateStart))}`);

    for (const rule of [
      { purpose: 'customer_relationship', keep: '3y', anchor: 'last_purchase', action: 'anonymize' },
      { purpose: 'legal_records', keep: '6y', anchor: 'last_purchase', action: 'review', obligation: true, legalRef: 'Tax Administration Act, s. 35' },
      { purpose: 'email_marketing', keep: '2y', anchor: 'last_contact', action: 'anonymize' },
      { purpose: 'sms_marketing', keep: '18m', anchor: 'last_activity', action: 'anonymize' },
      { purpose: 'profiling', keep: '400d', anchor: 'last_activity', action: 'review' },
    ]) {
      unwrap(await backend.call('retention.addRule', rule));
    }
    const now = new Date();
    const consentStart = process.hrtime.bigint();
    const consent = refreshConsentState(db, now, { rebuild: true });
    console.log(`consent review's table built first (retention reads consent from it): ${count(consent.rows)} states in ${secs(elapsedMs(consentStart))}`);

    const recomputeStart = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    const rebuilt = refreshRetention(db, now, { rebuild: true });
    const recomputeMs = elapsedMs(recomputeStart);
    const cpu = process.cpuUsage(cpuStart);
    const purposes = raw
      .prepare(`SELECT sum(length(purposes) - length(replace(purposes, ';', '')) + 1) FROM retention_profile WHERE purposes <> ''`)
      .pluck()
      .get() as number;
    console.log(
      `maintain-until recomputed from nothing: ${count(rebuilt.profiles)} profiles, ${count(purposes)} person × purpose dates in ${secs(recomputeMs)} ` +
        `(CPU ${secs((cpu.user + cpu.system) / 1000)}; target ≤ ${secs(RECOMPUTE_TARGET_MS)}) [${load()}]`,
    );

    const times: number[] = [];
    let due = unwrap(await backend.call('retention.due', { on: '2027-01-01' }));
    for (let round = 0; round < 7; round += 1) {
      const start = process.hrtime.bigint();
      due = unwrap(await backend.call('retention.due', { on: '2027-01-01' }));
      times.push(elapsedMs(start));
    }
    const dueMs = median(times);
    console.log(
      `due list on 2027-01-01 (retention.due: counts by purpose and month, first page): median ${dueMs.toFixed(1)} ms, worst ${Math.max(...times).toFixed(1)} ms ` +
        `(target ≤ ${DUE_TARGET_MS} ms); ${count(due.total)} due (${count(due.toAnonymize)} to anonymize, ${count(due.toReview)} to review)`,
    );
    const pageStart = process.hrtime.bigint();
    unwrap(await backend.call('retention.due', { on: '2027-01-01', purpose: 'email_marketing', offset: 10_000, limit: 50 }));
    console.log(`  a page deep in one purpose's due list: ${elapsedMs(pageStart).toFixed(1)} ms`);
    const keepStart = process.hrtime.bigint();
    const keep = unwrap(await backend.call('retention.mayKeep', { purpose: 'email_marketing', on: '2027-01-01', limit: 50 }));
    console.log(`who may still be used for email marketing on 2027-01-01 (retention.mayKeep): ${count(keep.total)} in ${elapsedMs(keepStart).toFixed(0)} ms`);

    raw.transaction(() => {
      const insert = raw.prepare(
        `INSERT INTO event (source_record_id, external_id, type, at, amount, currency, raw, run_id) VALUES (?, ?, 'order', ?, 12, 'CAD', '{}', 1)`,
      );
      for (let index = 0; index < 50; index += 1) insert.run(1 + index * Math.floor(people / 50), `late-${index}`, now.toISOString());
    })();
    const incrementalStart = process.hrtime.bigint();
    const incremental = refreshRetention(db, now);
    console.log(`refresh after 50 new orders (${incremental.mode}, ${incremental.profiles} people): ${elapsedMs(incrementalStart).toFixed(1)} ms`);
    console.log(rssMiB());

    if (PEOPLE >= TARGET_PEOPLE) {
      const failures = [recomputeMs > RECOMPUTE_TARGET_MS && 'recompute', dueMs > DUE_TARGET_MS && 'due list'].filter(Boolean);
      console.log(failures.length === 0 ? 'retention: targets met' : `retention: target missed (${failures.join(', ')})`);
      if (failures.length > 0) process.exitCode = 1;
    } else {
      console.log(`(${count(PEOPLE)} people: the targets are for ${count(TARGET_PEOPLE)})`);
    }
  } finally {
    await backend.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
