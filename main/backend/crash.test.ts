import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runJob, unwrap } from './run-job';
import { ADMIN, createVault, ok, openBackend } from '../test-support/temp-vault';

const loop = path.join(import.meta.dirname, '..', 'test-support', 'mutation-loop.ts');

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
});
