/**
 * `npm run bench`: speed targets measured against references taken in the same run, on this machine.
 *   unlock         Argon2id + open + first query, against the 300 ms budget
 *   audit verify   1 M generated entries, against plain SHA-256 of the same canonical entries (≤ 2×)
 *   bridge         API round trips over the loopback bridge (p95 ≤ 5 ms), against a bare HTTP echo
 * Sizes can be lowered for a quick look: BENCH_AUDIT_ENTRIES=100000 npm run bench
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Backend } from '../main/backend/backend';
import { runJob, unwrap } from '../main/backend/run-job';
import { WorkerBackend } from '../main/backend/worker-client';
import { canonicalEntry, entryHash, genesisHash } from '../main/audit/chain';
import { startBridge } from '../main/bridge/server';

const ADMIN = { adminName: 'Bench Admin', passphrase: 'benchmark passphrase 2026' };
const AUDIT_ENTRIES = Number(process.env.BENCH_AUDIT_ENTRIES ?? 1_000_000);
const ROUND_TRIPS = Number(process.env.BENCH_ROUND_TRIPS ?? 2000);

interface Row {
  readonly name: string;
  readonly value: string;
  readonly reference: string;
  readonly ratio: string;
  readonly target: string;
  readonly pass: boolean;
}
const rows: Row[] = [];

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function benchUnlock(dir: string): Promise<void> {
  const backend = new Backend({ vaultDir: dir });
  unwrap(await backend.call('vault.create', ADMIN));
  const times: number[] = [];
  for (let round = 0; round < 5; round += 1) {
    unwrap(await backend.call('vault.lock'));
    const start = process.hrtime.bigint();
    unwrap(await backend.call('vault.unlock', { userName: ADMIN.adminName, passphrase: ADMIN.passphrase }));
    unwrap(await backend.call('users.list'));
    times.push(ms(start));
  }
  await backend.close();
  const median = percentile(times, 50);
  rows.push({
    name: 'unlock (Argon2id 64 MiB t=3 + open + first query), median of 5',
    value: `${median.toFixed(0)} ms`,
    reference: 'budget 300 ms',
    ratio: (median / 300).toFixed(2),
    target: '≤ 1.00',
    pass: median <= 300,
  });
}

/** Appends generated entries straight into the chain (the same hashing append() does), in big transactions. */
function generateAuditEntries(backend: Backend, count: number): void {
  const { raw, vaultId } = backend.vaults.current();
  const head = raw.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  let seq = head?.seq ?? 0;
  let previous = head?.hash ?? genesisHash(vaultId);
  const insert = raw.prepare('INSERT INTO audit_log (seq, entry, prev_hash, hash) VALUES (?, ?, ?, ?)');
  const actions = ['vault.unlocked', 'vault.locked', 'user.added', 'audit.exported', 'vault.idle_lock_changed'];
  const base = Date.parse('2026-01-01T00:00:00Z');
  const batch = raw.transaction((size: number) => {
    for (let index = 0; index < size; index += 1) {
      seq += 1;
      const fields = {
        seq,
        at: new Date(base + seq * 1000).toISOString(),
        actorId: (seq % 7) + 1,
        action: actions[seq % actions.length]!,
        objectType: 'user',
        objectId: String(seq % 101),
        details: `{"count":${seq % 1000},"minutes":${seq % 60}}`,
      };
      const entry = canonicalEntry(fields);
      const hash = entryHash(previous, entry);
      insert.run(fields.seq, entry, previous, hash);
      previous = hash;
    }
  });
  for (let done = 0; done < count; done += 100_000) batch(Math.min(100_000, count - done));
}

async function benchVerify(dir: string): Promise<void> {
  const backend = new Backend({ vaultDir: dir });
  unwrap(await backend.call('vault.unlock', { userName: ADMIN.adminName, passphrase: ADMIN.passphrase }));
  const generateStart = process.hrtime.bigint();
  generateAuditEntries(backend, AUDIT_ENTRIES);
  console.log(`  generated ${AUDIT_ENTRIES.toLocaleString('en')} audit entries in ${(ms(generateStart) / 1000).toFixed(1)} s`);

  // Reference: the same canonical entries, already in memory, hashed in a chain.
  const { raw, vaultId } = backend.vaults.current();
  const canonical = raw.prepare('SELECT entry FROM audit_log ORDER BY seq').pluck().all() as string[];
  const hashStart = process.hrtime.bigint();
  let running = genesisHash(vaultId);
  for (const entry of canonical) running = crypto.hash('sha256', running + entry, 'hex');
  const hashMs = ms(hashStart);
  // Node's incremental API, for comparison: what "hashing each entry" costs written the usual way.
  const incrementalStart = process.hrtime.bigint();
  let incremental = genesisHash(vaultId);
  for (const entry of canonical) incremental = crypto.createHash('sha256').update(incremental).update(entry).digest('hex');
  const incrementalMs = ms(incrementalStart);
  if (incremental !== running) throw new Error('the two reference hash chains disagree');
  canonical.length = 0;

  const verifyStart = process.hrtime.bigint();
  const report = unwrap(await runJob(backend, 'audit.verify', {}));
  const verifyMs = ms(verifyStart);
  if (!report.intact || report.headHash !== running) throw new Error('verify disagrees with the reference hash chain');
  await backend.close();
  const ratio = verifyMs / hashMs;
  rows.push({
    name: `audit verify, ${report.entries.toLocaleString('en')} entries (read and hash on worker threads)`,
    value: `${(verifyMs / 1000).toFixed(2)} s`,
    reference: `SHA-256 chain over the same entries in memory: one-shot crypto.hash ${(hashMs / 1000).toFixed(2)} s, createHash ${(incrementalMs / 1000).toFixed(2)} s (ratio ${(verifyMs / incrementalMs).toFixed(2)})`,
    ratio: ratio.toFixed(2),
    target: '≤ 2.00',
    pass: ratio <= 2,
  });
}

function roundTrips(origin: string, headers: Record<string, string>, body: string, count: number): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  const one = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const start = process.hrtime.bigint();
      const request = http.request(`${origin}/api/call`, { method: 'POST', agent, headers }, (response) => {
        response.resume();
        response.on('end', () => {
          times.push(ms(start));
          resolve();
        });
      });
      request.on('error', reject);
      request.end(body);
    });
  return (async () => {
    for (let index = 0; index < count; index += 1) await one();
    agent.destroy();
    return times.slice(Math.floor(count / 10)); // the first tenth warms up
  })();
}

async function benchBridge(dir: string): Promise<void> {
  const backend = new WorkerBackend(dir);
  unwrap(await backend.call('vault.unlock', { userName: ADMIN.adminName, passphrase: ADMIN.passphrase }));
  const rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-bench-ui-'));
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html>');
  const bridge = await startBridge({ backend, rendererDir });
  const body = JSON.stringify({ method: 'users.list', input: {} });
  const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${bridge.token}` };
  const times = await roundTrips(bridge.origin, headers, body, ROUND_TRIPS);

  // Reference: a bare loopback HTTP server answering the same request with a fixed body.
  const echo = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => response.end('{"ok":true,"value":[]}'));
  });
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  const echoTimes = await roundTrips(`http://127.0.0.1:${(echo.address() as AddressInfo).port}`, headers, body, ROUND_TRIPS);
  echo.close();
  await bridge.close();
  await backend.close();
  fs.rmSync(rendererDir, { recursive: true, force: true });
  const p95 = percentile(times, 95);
  const echoP95 = percentile(echoTimes, 95);
  rows.push({
    name: `bridge round trip users.list (worker + dispatch + audit-free read), p95 of ${times.length}`,
    value: `${p95.toFixed(2)} ms (p50 ${percentile(times, 50).toFixed(2)})`,
    reference: `bare HTTP echo p95 ${echoP95.toFixed(2)} ms`,
    ratio: (p95 / 5).toFixed(2),
    target: '≤ 1.00 of 5 ms',
    pass: p95 <= 5,
  });
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-bench-'));
try {
  const vault = path.join(root, 'vault');
  console.log(`Custodia benchmarks on ${os.cpus().length} cores, Node ${process.version}`);
  await benchUnlock(vault);
  await benchVerify(vault);
  await benchBridge(vault);
  const vaultBytes = fs.statSync(path.join(vault, 'vault.db')).size;
  console.log(`  vault.db with ${AUDIT_ENTRIES.toLocaleString('en')} audit entries: ${(vaultBytes / 1024 / 1024).toFixed(1)} MiB`);
  console.log('');
  for (const row of rows) {
    console.log(`${row.pass ? 'PASS' : 'FAIL'}  ${row.name}\n      ${row.value}   reference: ${row.reference}   ratio ${row.ratio} (target ${row.target})`);
  }
  process.exitCode = rows.every((row) => row.pass) ? 0 : 1;
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
