/**
 * Every command that writes a file the user names: it refuses the vault's own folder (once an export
 * replaced vault.db with a plaintext CSV) and existing files unless --force, and leaves the vault as it was.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { asAdmin, cli, initVault } from '../test-support/cli';
import { runJob } from '../backend/run-job';
import { createVault, tempDir } from '../test-support/temp-vault';

/** Every file of the vault folder with its SHA-256: what "byte-identical" is checked against. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, file)] = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  }
  return files;
}

async function vaultWithRejects(): Promise<string> {
  const dir = await initVault();
  const file = path.join(tempDir(), 'clients.csv');
  fs.writeFileSync(file, 'no_client;prénom;courriel\n1;Hélène;helene@exemple.ca\n2;Bad;nope@;too many\n');
  expect((await cli(['import', file, '--source', 'Boutique', '--country', 'CA'], asAdmin(dir))).code).toBe(0);
  return dir;
}

describe('commands that write files', () => {
  it('refuse any path in the vault folder with a clear message, leaving the vault byte-identical', async () => {
    const dir = await vaultWithRejects();
    const before = snapshot(dir);
    const attempts = [
      ['rejects', 'export', '1', '--out', path.join(dir, 'vault.db')],
      ['rejects', 'export', '1', '--out', path.join(dir, 'keyslots.json'), '--force'],
      ['rejects', 'export', '1', '--out', path.join(dir, 'staging', 'rejects.csv')],
      ['vault', 'backup', '--out', path.join(dir, 'nightly.cbak')],
      ['vault', 'backup', '--out', path.join(dir, 'vault.db'), '--force'],
      ['audit', 'export', '--out', dir],
      ['audit', 'export', '--out', path.join(dir, 'exports')],
    ];
    for (const args of attempts) {
      const run = await cli(args, asAdmin(dir));
      expect(run, args.join(' ')).toMatchObject({ code: 1, stdout: '' });
      expect(run.stderr).toMatch(/inside the vault folder .*Choose a location outside it/);
    }
    expect(snapshot(dir)).toEqual(before);
    expect(await cli(['vault', 'check'], asAdmin(dir))).toMatchObject({ code: 0 });
  });

  it('refuse to replace an existing file unless --force, then replace it whole', async () => {
    const dir = await vaultWithRejects();
    const out = path.join(tempDir(), 'rejects.csv');
    fs.writeFileSync(out, 'my corrections');
    const refused = await cli(['rejects', 'export', '1', '--out', out], asAdmin(dir));
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringMatching(/already exists.*--force/) });
    expect(fs.readFileSync(out, 'utf8')).toBe('my corrections');

    expect(await cli(['rejects', 'export', '1', '--out', out, '--force'], asAdmin(dir))).toMatchObject({ code: 0 });
    expect(fs.readFileSync(out, 'utf8')).toMatch(/nope@/);
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);

    const backup = path.join(tempDir(), 'nightly.cbak');
    fs.writeFileSync(backup, 'last week');
    expect(await cli(['vault', 'backup', '--out', backup], asAdmin(dir))).toMatchObject({ code: 1, stderr: expect.stringMatching(/already exists/) });
    expect(fs.readFileSync(backup, 'utf8')).toBe('last week');
    expect(await cli(['vault', 'backup', '--out', backup, '--force'], asAdmin(dir))).toMatchObject({ code: 0 });
    expect(fs.statSync(backup).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.dirname(backup))).toEqual(['nightly.cbak']);
  });

  it('writes audit exports owner-only into a new owner-only folder', async () => {
    const dir = await initVault();
    const out = path.join(tempDir(), 'audit', 'december');
    expect(await cli(['audit', 'export', '--out', out], asAdmin(dir))).toMatchObject({ code: 0 });
    expect(fs.statSync(out).mode & 0o777).toBe(0o700);
    const files = fs.readdirSync(out);
    expect(files).toHaveLength(3);
    for (const file of files) expect(fs.statSync(path.join(out, file)).mode & 0o777).toBe(0o600);
  });
});

describe('API methods that write files', () => {
  it('refuse the vault folder and existing files too, whatever the transport', async () => {
    const { backend, dir } = await createVault();
    const before = fs.readFileSync(path.join(dir, 'keyslots.json'));
    const backup = await runJob(backend, 'vault.backup', { outFile: path.join(dir, 'keyslots.json'), overwrite: true });
    expect(backup).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', params: { reason: 'outputInVault' } } });
    const audit = await runJob(backend, 'audit.export', { outDir: path.join(dir, 'exports') });
    expect(audit).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', params: { reason: 'outputInVault' } } });
    const rejects = await backend.call('import.exportRejects', { runId: 1, outFile: path.join(dir, 'vault.db'), overwrite: true });
    expect(rejects).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', params: { reason: 'outputInVault' } } });
    expect(fs.readFileSync(path.join(dir, 'keyslots.json'))).toEqual(before);
    expect(fs.existsSync(path.join(dir, 'exports'))).toBe(false);
  });
});
