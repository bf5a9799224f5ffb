/** Real temporary vaults for tests: every test gets its own folder, removed afterwards. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { MethodName, MethodReply } from '../api/contract';
import { Backend, type BackendOptions } from '../backend/backend';
import { unwrap } from '../backend/run-job';

export const ADMIN = { name: 'Alice Admin', passphrase: 'correct horse battery staple' } as const;
export const AUDITOR = { name: 'Audrey Auditor', passphrase: 'auditor passphrase 2026' } as const;
export const STEWARD = { name: 'Stéphane Steward', passphrase: 'steward passphrase 2026' } as const;

const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

export function tempDir(prefix = 'custodia-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function openBackend(vaultDir: string, options: Partial<BackendOptions> = {}): Backend {
  const backend = new Backend({ vaultDir, ...options });
  cleanups.push(() => backend.close());
  return backend;
}

export async function ok<M extends MethodName>(backend: Backend, method: M, input: unknown = {}): Promise<MethodReply<M>> {
  return unwrap(await backend.call(method, input));
}

/** A fresh vault with an administrator unlocked; returns the backend, folder and recovery code. */
export async function createVault(options: Partial<BackendOptions> = {}): Promise<{ backend: Backend; dir: string; recoveryCode: string }> {
  const dir = path.join(tempDir(), 'vault');
  const backend = openBackend(dir, options);
  const { recoveryCode } = await ok(backend, 'vault.create', { adminName: ADMIN.name, passphrase: ADMIN.passphrase });
  return { backend, dir, recoveryCode };
}
