import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ADMIN, AUDITOR, tempDir } from '../test-support/temp-vault';
import { sentenceFragment } from './errors';
import { asAdmin, asAuditor, captured, cli, initVault } from '../test-support/cli';
import { runCli } from './program';
import { createProgress, formatProgress } from './progress';

async function addAuditor(dir: string): Promise<void> {
  const run = await cli(['users', 'add', AUDITOR.name, '--role', 'auditor'], { ...asAdmin(dir), CUSTODIA_NEW_PASSPHRASE: AUDITOR.passphrase });
  expect(run).toMatchObject({ code: 0, stderr: '' });
}

describe('custodia vault', () => {
  it('init creates the vault and shows the recovery code once, with a warning', async () => {
    const dir = path.join(tempDir(), 'vault');
    const run = await cli(['vault', 'init', '--vault', dir, '--user', ADMIN.name], { CUSTODIA_PASSPHRASE: ADMIN.passphrase });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/shown this once/);
    expect(run.stdout).toMatch(/^ {4}[0-9A-Z]{4}(-[0-9A-Z]{4})+$/m);
    expect(fs.existsSync(path.join(dir, 'keyslots.json'))).toBe(true);

    const again = await cli(['vault', 'init', '--vault', dir, '--user', ADMIN.name, '--json'], { CUSTODIA_PASSPHRASE: ADMIN.passphrase });
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: false, error: { code: 'VAULT_EXISTS' } });
  });

  it('init --json answers the recovery code and the administrator', async () => {
    const dir = path.join(tempDir(), 'vault');
    const run = await cli(['vault', 'init', '--json'], asAdmin(dir));
    expect(JSON.parse(run.stdout)).toMatchObject({ recoveryCode: expect.any(String), user: { name: ADMIN.name, role: 'administrator' } });
  });

  it('unlock-check reports the user and role, or one line naming the error', async () => {
    const dir = await initVault();
    expect(await cli(['vault', 'unlock-check'], asAdmin(dir))).toEqual({ code: 0, stdout: `ok: ${ADMIN.name} (administrator)\n`, stderr: '' });
    expect(JSON.parse((await cli(['vault', 'unlock-check', '--json'], asAdmin(dir))).stdout)).toEqual({ ok: true, user: ADMIN.name, role: 'administrator' });

    const wrong = await cli(['vault', 'unlock-check'], { ...asAdmin(dir), CUSTODIA_PASSPHRASE: 'not the passphrase' });
    expect(wrong).toEqual({ code: 1, stdout: '', stderr: 'custodia: wrong user name or passphrase (WRONG_PASSPHRASE)\n' });
    const wrongJson = await cli(['vault', 'unlock-check', '--json'], { ...asAdmin(dir), CUSTODIA_PASSPHRASE: 'not the passphrase' });
    expect(wrongJson.code).toBe(1);
    expect(JSON.parse(wrongJson.stdout)).toEqual({ ok: false, error: { code: 'WRONG_PASSPHRASE', message: 'Wrong user name or passphrase.' } });
  });

  it('says there is no vault before asking for anything', async () => {
    const run = await cli(['vault', 'unlock-check'], asAdmin(path.join(tempDir(), 'nothing-here')));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^custodia: there is no vault in .* \(NO_VAULT\)\n$/);
  });

  it('backs up, restores into a new folder and checks the restored vault', async () => {
    const dir = await initVault();
    const file = path.join(tempDir(), 'vault.custodia-backup');
    const backup = await cli(['vault', 'backup', '--out', file, '--json'], asAdmin(dir));
    expect(backup.code).toBe(0);
    expect(JSON.parse(backup.stdout)).toMatchObject({ file, bytes: expect.any(Number) });

    const target = path.join(tempDir(), 'restored');
    const restored = await cli(['vault', 'restore', file, '--vault', target, '--user', ADMIN.name], { CUSTODIA_PASSPHRASE: ADMIN.passphrase });
    expect(restored).toMatchObject({ code: 0, stderr: '' });
    expect(restored.stdout).toContain(`Restored into ${target}`);
    expect(await cli(['vault', 'check'], asAdmin(target))).toEqual({ code: 0, stdout: 'ok: the vault file is intact\n', stderr: '' });
  });
});

describe('custodia users', () => {
  it('adds, lists and disables users as an administrator', async () => {
    const dir = await initVault();
    await addAuditor(dir);
    const list = await cli(['users', 'list'], asAdmin(dir));
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`^${AUDITOR.name} +auditor +active`, 'm'));

    const disabled = await cli(['users', 'disable', AUDITOR.name.toUpperCase(), '--json'], asAdmin(dir));
    expect(JSON.parse(disabled.stdout)).toMatchObject({ name: AUDITOR.name, status: 'disabled' });
    const users = JSON.parse((await cli(['users', 'list', '--json'], asAdmin(dir))).stdout) as Array<{ name: string; status: string }>;
    expect(users.map((user) => [user.name, user.status])).toEqual([
      [ADMIN.name, 'active'],
      [AUDITOR.name, 'disabled'],
    ]);
  });

  it('refuses an auditor who tries to add a user', async () => {
    const dir = await initVault();
    await addAuditor(dir);
    const run = await cli(['users', 'add', 'Mallory', '--role', 'administrator'], { ...asAuditor(dir), CUSTODIA_NEW_PASSPHRASE: 'mallory passphrase 1' });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('custodia: the auditor role may not do this (FORBIDDEN)\n');
  });
});

describe('custodia audit', () => {
  it('verifies an intact trail with exit code 0', async () => {
    const dir = await initVault();
    const run = await cli(['audit', 'verify'], asAdmin(dir));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^intact, \d+ entries, head hash [0-9a-f]{64}\n$/);
  });

  it('exports three files whose checkpoint later verifies, and fails a checkpoint that does not hold', async () => {
    const dir = await initVault();
    await addAuditor(dir);
    const out = path.join(tempDir(), 'export');
    const exported = await cli(['audit', 'export', '--out', out, '--json'], asAuditor(dir));
    expect(exported.code).toBe(0);
    const { files, checkpoint } = JSON.parse(exported.stdout) as { files: string[]; checkpoint: { seq: number; headHash: string } };
    expect(fs.readdirSync(out)).toHaveLength(3);
    expect(files.map((file) => path.extname(file))).toEqual(['.csv', '.json', '.json']);
    const checkpointFile = files.find((file) => file.endsWith('.checkpoint.json'))!;

    const verified = await cli(['audit', 'verify', '--checkpoint', checkpointFile], asAuditor(dir));
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(new RegExp(`^Checkpoint at entry #${checkpoint.seq} \\(unsigned\\): extends`, 'm'));

    // A checkpoint whose head no longer matches is what a rewritten history looks like.
    const forged = path.join(out, 'forged.checkpoint.json');
    fs.writeFileSync(forged, JSON.stringify({ ...JSON.parse(fs.readFileSync(checkpointFile, 'utf8')), headHash: 'f'.repeat(64) }));
    const failed = await cli(['audit', 'verify', '--checkpoint', forged, '--json'], asAuditor(dir));
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.stdout)).toMatchObject({ intact: true, checkpoint: { status: 'head-mismatch' } });
  });

  it('lists entries as JSON for scripts, filtered by action', async () => {
    const dir = await initVault();
    const run = await cli(['audit', 'list', '--action', 'vault.created', '--json'], asAdmin(dir));
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ total: 1, entries: [{ seq: 1, action: 'vault.created', actorName: ADMIN.name }] });
  });
});

describe('usage errors', () => {
  it('exit with code 2 and one line, from commander or from our own checks', async () => {
    const dir = await initVault();
    const runs = await Promise.all([
      cli(['vault', 'explode'], asAdmin(dir)),
      cli(['users', 'add', 'Bob'], asAdmin(dir)),
      cli(['audit', 'list', '--limit', 'lots'], asAdmin(dir)),
      cli(['vault', 'unlock-check'], { CUSTODIA_VAULT: dir, CUSTODIA_PASSPHRASE: ADMIN.passphrase }),
      cli(['vault', 'unlock-check'], { CUSTODIA_VAULT: dir, CUSTODIA_USER: ADMIN.name }),
    ]);
    for (const run of runs) {
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^custodia: [^\n]+ \(USAGE\)\n$/);
    }
    expect(runs[3]!.stderr).toContain('CUSTODIA_USER');
    expect(runs[4]!.stderr).toContain('set CUSTODIA_PASSPHRASE');
  });

  it('answer JSON under --json, and help exits 0', async () => {
    const run = await cli(['users', 'add', 'Bob', '--json'], {});
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, error: { code: 'USAGE' } });
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('CUSTODIA_PASSPHRASE');
  });
});

describe('custodia serve', () => {
  it('prints one JSON line once listening, serves the API, and stops cleanly', async () => {
    const dir = await initVault();
    const renderer = tempDir();
    fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Custodia</title>');
    let stop: () => void = () => undefined;
    const stdout = captured();
    const stderr = captured();
    const running = runCli(['serve', '--json'], {
      stdout,
      stderr,
      stdin: Readable.from([]),
      env: { CUSTODIA_VAULT: dir },
      rendererDir: () => renderer,
      onStop: (handler) => {
        stop = handler;
        return () => undefined;
      },
    });
    await expect.poll(() => stdout.text, { timeout: 15_000 }).toMatch(/\n$/);
    const lines = stdout.text.trim().split('\n');
    expect(lines).toHaveLength(1);
    const { url, origin, token } = JSON.parse(lines[0]!) as { url: string; origin: string; token: string };
    expect(url).toBe(`${origin}/#token=${token}`);

    const response = await fetch(`${origin}/api/call`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'vault.status', input: {} }),
    });
    expect(await response.json()).toMatchObject({ ok: true, value: { state: 'locked' } });

    stop();
    expect(await running).toBe(0);
    expect(stdout.text.trim().split('\n')).toHaveLength(1);
    await expect(fetch(origin)).rejects.toThrow();
  });

  it('fails with a build hint when the interface is not built', async () => {
    const run = await cli(
      ['serve'],
      { CUSTODIA_VAULT: tempDir() },
      {
        rendererDir: () => {
          throw new Error('The interface is not built yet: run `npm run build` first.');
        },
      },
    );
    expect(run).toMatchObject({ code: 1, stderr: 'custodia: the interface is not built yet: run `npm run build` first (NOT_FOUND)\n' });
  });
});

describe('progress and messages', () => {
  it('draws a bar on a terminal only, redrawn in place and cleared at the end', () => {
    expect(formatProgress('verify', 5, 10)).toBe(`verify [${'#'.repeat(12)}${'-'.repeat(12)}] 50% 5/10`);
    expect(formatProgress('backup', 7, null)).toBe('backup 7');

    const tty = {
      text: '',
      isTTY: true,
      columns: 80,
      write(text: string) {
        this.text += text;
      },
    };
    const progress = createProgress(tty, true, () => 0);
    progress.update({ step: 'verify', done: 10, total: 10 });
    progress.finish();
    expect(tty.text).toMatch(/^\rverify \[#+\] 100% 10\/10\r +\r$/);

    const pipe = captured();
    createProgress(pipe, true).update({ step: 'verify', done: 10, total: 10 });
    expect(pipe.text).toBe('');
  });

  it('turns API messages into the one-line form', () => {
    expect(sentenceFragment('Wrong user name or passphrase.')).toBe('wrong user name or passphrase');
    expect(sentenceFragment('A vault already exists.')).toBe('a vault already exists');
    expect(sentenceFragment('IO trouble.')).toBe('IO trouble');
  });
});

describe('bin/custodia.js', () => {
  it('runs as a real command: vault init, then users list --json', async () => {
    const bin = fileURLToPath(new URL('../../bin/custodia.js', import.meta.url));
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('CUSTODIA_')));
    // From source: a bundle in out/ may predate the code under test (the bundle path is the same index.ts).
    const env = { ...inherited, ...asAdmin(path.join(tempDir(), 'vault')), CUSTODIA_CLI_FROM_SOURCE: '1' };
    // Another folder than the project's, as an installed command would be run from.
    const cwd = tempDir();
    const run = (args: string[]) => promisify(execFile)(process.execPath, [bin, ...args], { cwd, env, timeout: 60_000 });
    const init = await run(['vault', 'init']);
    expect(init.stdout).toContain('Recovery code');
    const list = await run(['users', 'list', '--json']);
    expect(JSON.parse(list.stdout)).toMatchObject([{ name: ADMIN.name, role: 'administrator', status: 'active' }]);
  }, 60_000);
});
