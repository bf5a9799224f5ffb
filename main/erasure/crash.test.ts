import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runJob, unwrap } from '../backend/run-job';
import { sql } from '../store/sql';
import { ADMIN, createVault, ok, openBackend } from '../test-support/temp-vault';

const child = path.join(import.meta.dirname, '..', 'test-support', 'erase-child.ts');

/** One customer with many purchases (the commit's transaction lasts long enough to be cut), and a few others. */
function shop(): string {
  const rows = ['id,first_name,last_name,email,phone,order_id,order_date,total'];
  for (let order = 0; order < 20_000; order += 1)
    rows.push(`1,Marie,Tremblay,marie@exemple.ca,514-555-0101,M-${order},2026-01-${String(1 + (order % 28)).padStart(2, '0')},${order % 300}.50`);
  for (let id = 2; id < 50; id += 1) rows.push(`${id},Prénom${id},Nom${id},p${id}@exemple.ca,514-555-${String(1000 + id)},O-${id},2026-02-01,10.00`);
  return rows.join('\n');
}

function killDuringCommit(vaultDir: string, profileId: number, afterMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const process_ = spawn(process.execPath, ['--import', 'tsx', child, vaultDir, ADMIN.name, ADMIN.passphrase, String(profileId)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    process_.stderr.on('data', (chunk) => (stderr += String(chunk)));
    process_.stdout.on('data', (chunk) => {
      stdout += String(chunk);
      if (stdout.includes('committing')) setTimeout(() => process_.kill('SIGKILL'), afterMs);
    });
    process_.on('exit', (_code, signal) =>
      signal === 'SIGKILL' || stdout.includes('committed') ? resolve(stdout) : reject(new Error(`the child ended: ${stdout} ${stderr}`)),
    );
  });
}

describe('kill -9 during an erasure', () => {
  it('leaves the person as before or as after, never in between', async () => {
    const { backend, dir } = await createVault();
    const file = path.join(dir, '..', 'shop.csv');
    fs.writeFileSync(file, shop());
    const preview = await ok(backend, 'import.preview', { file });
    unwrap(await runJob(backend, 'import.file', { file, source: 'Caisse', options: {}, mapping: preview.mapping }));
    const db = backend.vaults.current().db;
    const marie = db.get<{ id: number }>(
      sql`SELECT m.profile_id AS id FROM source_record r JOIN profile_member m ON m.source_record_id = r.id WHERE r.given_name = 'Marie'`,
    )!.id;
    const events = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM event`)!.n;
    expect(events).toBeGreaterThan(20_000);
    await backend.close();

    const outcomes = new Set<string>();
    for (const afterMs of [5, 60, 200]) {
      await killDuringCommit(dir, marie, afterMs);
      const reopened = openBackend(dir);
      await ok(reopened, 'vault.unlock', { userName: ADMIN.name, passphrase: ADMIN.passphrase });
      const state = reopened.vaults.current().db.get<{ status: string; records: number; events: number; identifiers: number; certificates: number }>(sql`
        SELECT (SELECT status FROM profile WHERE id = ${marie}) AS status,
          (SELECT count(*) FROM profile_member WHERE profile_id = ${marie}) AS records,
          (SELECT count(*) FROM event) AS events,
          (SELECT count(*) FROM identifier WHERE value = 'marie@exemple.ca') AS identifiers,
          (SELECT count(*) FROM erasure) AS certificates`)!;
      if (state.status === 'active') expect(state).toEqual({ status: 'active', records: 1, events, identifiers: 1, certificates: 0 });
      else expect(state).toEqual({ status: 'erased', records: 0, events: events - 20_000, identifiers: 0, certificates: 1 });
      outcomes.add(state.status);
      expect(unwrap(await runJob(reopened, 'audit.verify', {})).intact).toBe(true);
      await reopened.close();
      if (state.status === 'erased') break;
    }
    expect(outcomes.size).toBeGreaterThan(0);
  });
});
