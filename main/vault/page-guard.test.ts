import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../backend/backend';
import { runJob, unwrap } from '../backend/run-job';
import { ADMIN, createVault, ok, openBackend, tempDir } from '../test-support/temp-vault';

const PAGE = 4096;

/** A vault of a few hundred pages, locked and closed so that everything is in vault.db itself. */
async function vaultOnDisk(): Promise<string> {
  const { backend, dir } = await createVault();
  const file = path.join(tempDir(), 'clients.csv');
  const rows = ['id,first_name,last_name,email,city'];
  for (let index = 0; index < 3_000; index += 1) rows.push(`${index},Prénom${index},Nom${index},p${index}@exemple.ca,Montréal`);
  fs.writeFileSync(file, rows.join('\n'));
  unwrap(await runJob(backend, 'import.file', { file, source: 'CRM' }));
  await backend.close();
  expect(fs.existsSync(path.join(dir, 'vault.db-wal'))).toBe(false);
  return dir;
}

/** Eight flipped bytes in the middle of one page in the middle of the file, as the probe did. */
function flipMiddle(dir: string): void {
  const db = path.join(dir, 'vault.db');
  const pages = fs.statSync(db).size / PAGE;
  expect(pages).toBeGreaterThan(50);
  const fd = fs.openSync(db, 'r+');
  const at = Math.floor(pages / 2) * PAGE + 1000;
  const bytes = Buffer.alloc(8);
  fs.readSync(fd, bytes, 0, 8, at);
  for (let index = 0; index < 8; index += 1) bytes[index]! ^= 0xff;
  fs.writeSync(fd, bytes, 0, 8, at);
  fs.closeSync(fd);
}

async function damageFound(backend: Backend): Promise<void> {
  for (let tries = 0; tries < 200; tries += 1) {
    if ((await ok(backend, 'vault.status')).damage) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the page check never reported the damage');
}

describe('the background page check', () => {
  it('finds a damaged page after unlock, stops every write and points to the last backup', async () => {
    const dir = await vaultOnDisk();
    const setup = openBackend(dir);
    await ok(setup, 'vault.unlock', { userName: ADMIN.name, passphrase: ADMIN.passphrase });
    const backup = path.join(tempDir(), 'before.cbak');
    unwrap(await runJob(setup, 'vault.backup', { outFile: backup }));
    expect(await setup.vaults.pages.check(setup.vaults.current())).toBeNull();
    await setup.close();
    expect(fs.existsSync(path.join(dir, 'vault.db-wal'))).toBe(false);

    flipMiddle(dir);
    const backend = openBackend(dir);
    const events: string[] = [];
    backend.onEvent((event) => events.push(event.type));
    // Unlock, counting and searching do not read the damaged page: they all still work.
    await ok(backend, 'vault.unlock', { userName: ADMIN.name, passphrase: ADMIN.passphrase });
    await damageFound(backend);
    const { damage } = await ok(backend, 'vault.status');
    expect(damage).toMatchObject({ problems: expect.any(Number), lastBackupAt: expect.stringMatching(/^\d{4}-/) });
    expect(events).toContain('vault.damaged');

    // Nothing reaches the file or its WAL once the damage is known (what the unlock wrote before is there).
    const files = () => ['vault.db', 'vault.db-wal'].map((name) => fs.readFileSync(path.join(dir, name)).toString('base64')).join(':');
    const before = files();
    const file = path.join(tempDir(), 'more.csv');
    fs.writeFileSync(file, 'id,first_name,email\n9001,Zoé,zoe@exemple.ca\n');
    const imported = await runJob(backend, 'import.file', { file, source: 'CRM' });
    expect(imported).toMatchObject({ ok: false, error: { code: 'VAULT_DAMAGED', params: { reason: 'pagesDamaged' } } });
    const setting = await backend.call('vault.setIdleLock', { minutes: 30 });
    expect(setting).toMatchObject({ ok: false, error: { code: 'VAULT_DAMAGED' } });
    // Even a write that does not go through the guarded paths is stopped by the read-only connection.
    expect(() => backend.vaults.current().raw.prepare(`INSERT INTO vault_meta (key, value) VALUES ('x', 'y')`).run()).toThrow(/readonly|read-only/i);
    expect(files() === before).toBe(true);
    await backend.close();
  });

  it('checks again before a bulk write, so damage that appears while unlocked is caught before the import', async () => {
    const dir = await vaultOnDisk();
    const backend = openBackend(dir);
    await ok(backend, 'vault.unlock', { userName: ADMIN.name, passphrase: ADMIN.passphrase });
    await backend.vaults.pages.check(backend.vaults.current());
    expect((await ok(backend, 'vault.status')).damage).toBeNull();
    // A clean check older than the freshness window is not trusted: the import reads every page again.
    backend.vaults.pages.freshForMs = 0;
    backend.vaults.current().raw.pragma('wal_checkpoint(TRUNCATE)');
    flipMiddle(dir);
    const file = path.join(tempDir(), 'more.csv');
    fs.writeFileSync(file, 'id,first_name,email\n9001,Zoé,zoe@exemple.ca\n');
    const imported = await runJob(backend, 'import.file', { file, source: 'CRM' });
    expect(imported).toMatchObject({ ok: false, error: { code: 'VAULT_DAMAGED', params: { reason: 'pagesDamaged' } } });
  });

  it('lets an intact vault write as before', async () => {
    const dir = await vaultOnDisk();
    const backend = openBackend(dir);
    await ok(backend, 'vault.unlock', { userName: ADMIN.name, passphrase: ADMIN.passphrase });
    const file = path.join(tempDir(), 'more.csv');
    fs.writeFileSync(file, 'id,first_name,email\n9001,Zoé,zoe@exemple.ca\n');
    expect(unwrap(await runJob(backend, 'import.file', { file, source: 'CRM' }))).toMatchObject({ inserted: 1 });
    expect((await ok(backend, 'vault.status')).damage).toBeNull();
  });
});

describe('the check before a bulk write', () => {
  it('trusts a clean check of the last minutes instead of reading every page again', async () => {
    const dir = await vaultOnDisk();
    const backend = openBackend(dir);
    await ok(backend, 'vault.unlock', { userName: ADMIN.name, passphrase: ADMIN.passphrase });
    const vault = backend.vaults.current();
    await backend.vaults.pages.check(vault);
    let started = 0;
    const original = backend.vaults.pages.check.bind(backend.vaults.pages);
    backend.vaults.pages.check = (checked) => {
      started += 1;
      return original(checked);
    };
    await backend.vaults.pages.assertIntact(vault);
    expect(started).toBe(0);
    backend.vaults.pages.freshForMs = 0;
    await backend.vaults.pages.assertIntact(vault);
    expect(started).toBe(1);
  });
});
