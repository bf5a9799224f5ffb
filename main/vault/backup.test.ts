import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../backend/backend';
import { runJob, unwrap } from '../backend/run-job';
import { ADMIN, createVault, ok, openBackend, STEWARD, tempDir } from '../test-support/temp-vault';

async function backup(backend: Backend, outFile: string) {
  return unwrap(await runJob(backend, 'vault.backup', { outFile }));
}

async function restoreError(backend: Backend, input: unknown): Promise<string> {
  const result = await backend.call('vault.restore', input);
  if (result.ok) throw new Error('restore unexpectedly succeeded');
  return result.error.code;
}

describe('backup and restore', () => {
  it('takes an encrypted online copy and restores it into a new folder, audited on both sides', async () => {
    const { backend } = await createVault();
    await ok(backend, 'users.add', { name: STEWARD.name, role: 'steward', passphrase: STEWARD.passphrase });
    const file = path.join(tempDir(), 'nightly.cbak');
    const made = await backup(backend, file);
    expect(made.bytes).toBe(fs.statSync(file).size);
    const bytes = fs.readFileSync(file);
    expect(bytes.includes(Buffer.from(STEWARD.name))).toBe(false);
    expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);

    const target = path.join(tempDir(), 'restored');
    const restored = await ok(backend, 'vault.restore', { file, targetDir: target });
    expect(restored).toMatchObject({ vaultDir: target, vaultId: backend.vaults.current().vaultId, backupSha256: made.sha256 });
    const actions = (await ok(backend, 'audit.list', {})).entries.map((entry) => entry.action);
    expect(actions.slice(0, 2)).toEqual(['vault.restored', 'vault.backup_created']);

    const copy = openBackend(target);
    expect((await ok(copy, 'vault.unlock', { userName: STEWARD.name, passphrase: STEWARD.passphrase })).role).toBe('steward');
    await ok(copy, 'vault.lock');
    await ok(copy, 'vault.unlock', { userName: ADMIN.name, passphrase: ADMIN.passphrase });
    expect(unwrap(await runJob(copy, 'audit.verify', {})).intact).toBe(true);
    expect((await ok(copy, 'audit.list', { filter: { action: 'vault.restored' } })).total).toBe(1);
  });

  it('restores from the command line with the backup administrator\u2019s credentials', async () => {
    const { backend } = await createVault();
    const file = path.join(tempDir(), 'copy.cbak');
    await backup(backend, file);
    const target = path.join(tempDir(), 'restored');
    const locked = openBackend(target);
    expect(await restoreError(locked, { file, targetDir: target })).toBe('LOCKED');
    expect(await restoreError(locked, { file, targetDir: target, userName: ADMIN.name, passphrase: 'not the passphrase' })).toBe('WRONG_PASSPHRASE');
    expect(fs.existsSync(path.join(target, 'vault.db'))).toBe(false);
    await ok(locked, 'vault.restore', { file, targetDir: target, userName: ADMIN.name, passphrase: ADMIN.passphrase });
    await ok(locked, 'vault.unlock', { userName: ADMIN.name, passphrase: ADMIN.passphrase });
  });

  it('refuses a backup of another vault, a damaged backup, a non-backup and an occupied folder', async () => {
    const first = await createVault();
    const second = await createVault();
    const file = path.join(tempDir(), 'other.cbak');
    await backup(second.backend, file);
    expect(await restoreError(first.backend, { file, targetDir: path.join(tempDir(), 'x') })).toBe('BACKUP_OTHER_VAULT');

    const own = path.join(tempDir(), 'own.cbak');
    await backup(first.backend, own);
    const damaged = fs.readFileSync(own);
    damaged[damaged.length - 5000] = damaged[damaged.length - 5000]! ^ 0xff;
    const damagedFile = path.join(tempDir(), 'damaged.cbak');
    fs.writeFileSync(damagedFile, damaged);
    const target = path.join(tempDir(), 'restored');
    expect(await restoreError(first.backend, { file: damagedFile, targetDir: target })).toBe('BACKUP_INVALID');
    expect(fs.existsSync(path.join(target, 'vault.db'))).toBe(false);

    const truncated = path.join(tempDir(), 'truncated.cbak');
    fs.writeFileSync(truncated, fs.readFileSync(own).subarray(0, 3000));
    expect(await restoreError(first.backend, { file: truncated, targetDir: target })).toBe('BACKUP_INVALID');

    const notBackup = path.join(tempDir(), 'notes.cbak');
    fs.writeFileSync(notBackup, 'just some text');
    expect(await restoreError(first.backend, { file: notBackup, targetDir: target })).toBe('BACKUP_INVALID');

    expect(await restoreError(first.backend, { file: own, targetDir: first.dir })).toBe('VAULT_EXISTS');
    expect(await restoreError(first.backend, { file: own, targetDir: second.dir })).toBe('BACKUP_OTHER_VAULT');
  });

  it('is for administrators only', async () => {
    const { backend } = await createVault();
    await ok(backend, 'users.add', { name: STEWARD.name, role: 'steward', passphrase: STEWARD.passphrase });
    await ok(backend, 'vault.lock');
    await ok(backend, 'vault.unlock', { userName: STEWARD.name, passphrase: STEWARD.passphrase });
    const started = await backend.call('vault.backup', { outFile: path.join(tempDir(), 'b.cbak') });
    expect(started.ok || started.error.code).toBe('FORBIDDEN');
  });
});
