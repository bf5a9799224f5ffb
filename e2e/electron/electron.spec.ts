/**
 * The Electron shell end to end: the app:// window, the sandboxed page, the preload API, the CSP header
 * and a vault created in a fresh folder through `--vault`. Each test launches its own app on its own
 * vault. Where the Electron binary is absent (offline machines cannot download it) every test is
 * skipped and says why. On Linux CI without a display, run under `xvfb-run`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';

const projectRoot = path.resolve(import.meta.dirname, '..', '..');

type Binary = { readonly path: string } | { readonly missing: string };
let binary: Binary | undefined;

/**
 * Reads where the electron package puts its binary instead of requiring the package: requiring it
 * starts a download when the binary is missing, and tests must not reach outside this machine.
 */
function electronBinary(): Binary {
  if (binary) return binary;
  const packageDir = path.join(projectRoot, 'node_modules', 'electron');
  try {
    const file = path.join(packageDir, 'dist', fs.readFileSync(path.join(packageDir, 'path.txt'), 'utf8').trim());
    binary = fs.existsSync(file) ? { path: file } : { missing: `the Electron binary is not installed (expected at ${file})` };
  } catch {
    binary = { missing: 'the Electron binary is not installed (node_modules/electron has no path.txt)' };
  }
  return binary;
}

/** Skips the calling test, visibly, when Electron cannot run here; returns the binary's path otherwise. */
function electronOrSkip(): string {
  const found = electronBinary();
  if ('missing' in found) console.log(`[e2e/electron] skipped: ${found.missing}.`);
  test.skip('missing' in found, 'missing' in found ? found.missing : '');
  return 'path' in found ? found.path : '';
}

/** What the tests touch in the page, typed here because this project's Node tsconfig has no DOM types. */
interface PageGlobals {
  readonly custodia: { call(method: string, input: unknown): Promise<unknown> } & Record<string, (input: unknown) => Promise<unknown>>;
  open(url: string): unknown;
  readonly location: { href: string };
}

interface Shell {
  readonly app: ElectronApplication;
  readonly page: Page;
  readonly vaultDir: string;
}

const launched: Shell[] = [];

async function launch(executablePath: string): Promise<Shell> {
  expect(fs.existsSync(path.join(projectRoot, 'out', 'main', 'electron.js')), 'the app is not built: run `npm run build`').toBe(true);
  const vaultDir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-e2e-electron-'));
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && name !== 'CUSTODIA_VAULT' && name !== 'ELECTRON_RUN_AS_NODE') env[name] = value;
  }
  // Chromium refuses to start as root without --no-sandbox (containers). The renderer keeps Electron's
  // own `sandbox: true` restrictions either way; only the OS-level sandbox is lifted, and only here.
  const rootOnly = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const app = await electron.launch({ executablePath, args: [...rootOnly, projectRoot, '--vault', vaultDir], env, cwd: projectRoot });
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  const shell = { app, page, vaultDir };
  launched.push(shell);
  return shell;
}

test.afterEach(async () => {
  for (const shell of launched.splice(0)) {
    await shell.app.close();
    fs.rmSync(shell.vaultDir, { recursive: true, force: true });
  }
});

test('opens one sandboxed app:// window whose page sees only the custodia API', async () => {
  const { app, page, vaultDir } = await launch(electronOrSkip());

  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((window) => window.getTitle()))).toEqual([
    expect.stringContaining('Custodia'),
  ]);
  expect(page.url()).toMatch(/^app:\/\/custodia\//);

  const globals = await page.evaluate(() => {
    const scope = globalThis as unknown as Record<string, unknown>;
    const api = (scope.custodia ?? {}) as Record<string, unknown>;
    return {
      require: typeof scope.require,
      process: typeof scope.process,
      custodia: typeof scope.custodia,
      status: typeof api['vault.status'],
      call: typeof api.call,
      onEvent: typeof api.onEvent,
      ipcRenderer: typeof api.ipcRenderer,
    };
  });
  expect(globals).toEqual({
    require: 'undefined',
    process: 'undefined',
    custodia: 'object',
    status: 'function',
    call: 'function',
    onEvent: 'function',
    ipcRenderer: 'undefined',
  });

  const status = await page.evaluate(() => (globalThis as unknown as PageGlobals).custodia.call('vault.status', {}));
  expect(status).toMatchObject({ ok: true, value: { state: 'no-vault', vaultDir } });
});

test('serves the renderer with the Content-Security-Policy header', async () => {
  const { page } = await launch(electronOrSkip());
  const headers = await page.evaluate(async () => {
    const response = await fetch('/index.html');
    return { csp: response.headers.get('content-security-policy'), type: response.headers.get('content-type') };
  });
  expect(headers.csp).toContain("default-src 'none'");
  expect(headers.csp).toContain("script-src 'self'");
  expect(headers.type).toContain('text/html');
});

test('creates a vault in the folder given by --vault', async () => {
  const { page, vaultDir } = await launch(electronOrSkip());
  const created = await page.evaluate(() =>
    (globalThis as unknown as PageGlobals).custodia['vault.create']!({
      adminName: 'Ada Admin',
      passphrase: 'correct horse battery staple',
    }),
  );
  expect(
    created,
    'vault.create failed; if the message mentions NODE_MODULE_VERSION, the SQLite driver is still built for Node: rebuild it for Electron (docs/packaging.md)',
  ).toMatchObject({ ok: true, value: { user: { name: 'Ada Admin', role: 'administrator' } } });
  expect(fs.existsSync(path.join(vaultDir, 'keyslots.json'))).toBe(true);
});

test('refuses new windows and navigation away from app://', async () => {
  const { app, page } = await launch(electronOrSkip());
  const opened = await page.evaluate(() => (globalThis as unknown as PageGlobals).open('https://example.org/') === null);
  expect(opened).toBe(true);
  await page.evaluate(() => {
    (globalThis as unknown as PageGlobals).location.href = 'https://example.org/';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toMatch(/^app:\/\/custodia\//);
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
});
