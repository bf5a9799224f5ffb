import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runJob, unwrap } from './run-job';
import { ADMIN, createVault, ok, openBackend } from '../test-support/temp-vault';

const support = path.join(import.meta.dirname, '..', 'test-support');
const loop = path.join(support, 'mutation-loop.ts');

function runAndKill(vaultDir: string, afterMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', loop, vaultDir, ADMIN.name, ADMIN.passphrase], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), afterMs));
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`loop ended without being killed: ${stderr}`))));
  });
}

describe('kill -9 in the middle of mutations', () => {
  it('leaves the vault openable, the chain intact and every change with its audit entry', async () => {
    const { backend, dir } = await createVault();
    await backend.close();
    for (const afterMs of [150, 400, 700]) {
      await runAndKill(dir, afterMs);
      const reopened = openBackend(dir);
      await ok(reopened, 'vault.unlock', { userName: ADMIN.name, passphrase: ADMIN.passphrase });
      const report = unwrap(await runJob(reopened, 'audit.verify', {}));
      expect(report.intact).toBe(true);
      const status = await ok(reopened, 'vault.status');
      const [last] = (await ok(reopened, 'audit.list', { filter: { action: 'vault.idle_lock_changed' }, limit: 1 })).entries;
      // The setting on disk is exactly the one the last audit entry records: never one without the other.
      expect(last?.details).toEqual({ minutes: status.idleLockMinutes });
      await reopened.close();
    }
  });

  it('leaves an import as it was after its last whole batch, and the next run adds the rest without duplicates', async () => {
    const { backend, dir } = await createVault();
    await backend.close();
    // Enough rows for a bulk import (see run-batches.ts): the kill lands while the rollback journal is in use.
    const total = 60_000;
    const rows = ['id,first_name,last_name,email'];
    for (let index = 0; index < total; index += 1) rows.push(`${index},Prénom${index},Nom${index},p${index}@exemple.ca`);
    const file = path.join(dir, '..', 'big.csv');
    fs.writeFileSync(file, rows.join('\n'));
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(support, 'import-child.ts'), dir, ADMIN.name, ADMIN.passphrase, file], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.on('data', (chunk) => {
        const done = Math.max(...String(chunk).trim().split('\n').map(Number).filter(Number.isFinite));
        if (done >= 6_000) child.kill('SIGKILL');
      });
      child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error('the import finished before it could be killed'))));
    });
    expect(fs.existsSync(path.join(dir, 'vault.db-wal'))).toBe(false);
    const reopened = openBackend(dir);
    await ok(reopened, 'vault.unlock', { userName: ADMIN.name, passphrase: ADMIN.passphrase });
    expect(reopened.vaults.current().db.raw.pragma('journal_mode', { simple: true })).toBe('wal');
    const [killed] = await ok(reopened, 'import.runs', {});
    const afterCrash = (await ok(reopened, 'profiles.count')).profiles;
    // Unlocking tells the truth at once: the process that ran it is gone, so the run is interrupted,
    // not "running" until the next import of its source notices (and its undo is no longer refused).
    expect(killed).toMatchObject({ status: 'interrupted' });
    expect(await ok(reopened, 'import.undoPlan', { runId: killed!.id })).toMatchObject({ removed: afterCrash });
    const interrupted = await ok(reopened, 'audit.list', { filter: { action: 'import.interrupted' } });
    expect(interrupted.entries).toEqual([expect.objectContaining({ objectId: String(killed!.id), actorName: ADMIN.name })]);
    // The run's counters were committed with each batch, so they match what is in the vault exactly.
    expect(afterCrash).toBe(killed!.inserted);
    expect(afterCrash % 5_000).toBe(0);
    const rerun = unwrap(await runJob(reopened, 'import.file', { file, source: 'Crash' }));
    expect(rerun).toMatchObject({ status: 'completed', inserted: total - afterCrash, unchanged: afterCrash });
    expect((await ok(reopened, 'profiles.count')).profiles).toBe(total);
    expect((await ok(reopened, 'import.runs', {}))[1]).toMatchObject({ id: killed!.id, status: 'interrupted' });
    expect(unwrap(await runJob(reopened, 'audit.verify', {})).intact).toBe(true);
  });
});
