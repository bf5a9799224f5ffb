import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN, createVault, openBackend } from '../test-support/temp-vault';

/** Another process holding the file in rollback-journal mode, as a bulk import does, for `ms`. */
function holdExclusive(file: string, key: string, ms: number): Promise<() => Promise<void>> {
  const script = `
    const Database = require(${JSON.stringify(require.resolve('better-sqlite3-multiple-ciphers'))});
    const db = new Database(${JSON.stringify(file)});
    db.pragma("cipher='sqlcipher'"); db.pragma('legacy=4'); db.pragma(${JSON.stringify(`key="x'${key}'"`)});
    db.pragma('journal_mode = TRUNCATE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec("INSERT INTO vault_meta (key, value) VALUES ('held', 'yes')");
    process.stdout.write('held\\n');
    setTimeout(() => { db.exec('COMMIT'); db.close(); process.exit(0); }, ${ms});`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve) => {
    child.stdout.once('data', () => resolve(() => new Promise((done) => child.once('exit', () => done()))));
  });
}

describe('a vault held by a bulk import in another process', () => {
  it('is waited for, or reported as busy, never an internal error', async () => {
    const { backend, dir } = await createVault();
    const key = backend.vaults.current().key.toString('hex');
    await backend.close();
    // Longer than one busy_timeout (5 s): the final index build of a large import holds the file that long.
    const released = await holdExclusive(path.join(dir, 'vault.db'), key, 6_500);
    const other = openBackend(dir);
    const unlocked = await other.call('vault.unlock', { userName: ADMIN.name, passphrase: ADMIN.passphrase });
    await released();
    if (!unlocked.ok) {
      expect(unlocked.error).toMatchObject({ code: 'CONFLICT', params: { reason: 'vaultBusy' } });
      // Once the import lets go, the same call goes through.
      expect(await other.call('vault.unlock', { userName: ADMIN.name, passphrase: ADMIN.passphrase })).toMatchObject({ ok: true });
    }
  });
});
