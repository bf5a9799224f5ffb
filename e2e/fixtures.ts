/**
 * Each test gets its own vault folder and its own `custodia serve` process (browser mode on a random
 * port), stopped with SIGTERM afterwards so the vault locks cleanly. HOME points into the temporary
 * folder too, so suggested export paths never touch the real home directory.
 */
import { test as base, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppPage } from './pages/app-page';

const projectRoot = path.resolve(import.meta.dirname, '..');
const START_TIMEOUT_MS = 60_000;

export interface Served {
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly vaultDir: string;
}

function readLaunchLine(child: ChildProcess): Promise<Omit<Served, 'vaultDir'>> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`custodia serve did not start in time.\n${stderr}`)), START_TIMEOUT_MS);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const newline = stdout.indexOf('\n');
      if (newline === -1) return;
      clearTimeout(timer);
      try {
        resolve(JSON.parse(stdout.slice(0, newline)) as Omit<Served, 'vaultDir'>);
      } catch {
        reject(new Error(`custodia serve printed something other than its JSON line: ${stdout.slice(0, newline)}\n${stderr}`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`custodia serve exited with code ${code}.\n${stderr}`));
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export const test = base.extend<{ custodia: Served; app: AppPage }>({
  // Playwright reads fixture dependencies from the destructuring pattern; this one has none.
  // eslint-disable-next-line no-empty-pattern
  custodia: async ({}, use) => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-e2e-'));
    const vaultDir = path.join(root, 'vault');
    const home = path.join(root, 'home');
    fs.mkdirSync(home);
    const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'custodia.js'), 'serve', '--vault', vaultDir, '--port', '0', '--json'], {
      cwd: projectRoot,
      env: { ...process.env, HOME: home, USERPROFILE: home, XDG_DATA_HOME: path.join(home, '.local', 'share') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const launched = await readLaunchLine(child);
      await use({ ...launched, vaultDir });
    } finally {
      await stop(child);
      fs.rmSync(root, { recursive: true, force: true });
    }
  },
  app: async ({ page, custodia }, use) => {
    await use(new AppPage(page, custodia));
  },
});

export { expect };
