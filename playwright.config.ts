/**
 * End-to-end tests in browser mode: each test serves a fresh vault with `custodia serve` and drives it
 * in real Chromium. This machine has no Playwright-downloaded browser, so Debian's Chromium is used
 * unless CHROMIUM_PATH points elsewhere.
 */
import { defineConfig } from '@playwright/test';
import { execFileSync } from 'node:child_process';

function systemChromium(): string | undefined {
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      const found = execFileSync('which', [name], { encoding: 'utf8' }).trim();
      if (found) return found;
    } catch {
      // not on PATH: try the next name
    }
  }
  return undefined;
}

export default defineConfig({
  testDir: 'e2e',
  // Argon2id derivations dominate each test; two workers keep a 2-core machine responsive.
  workers: 2,
  retries: 0,
  reporter: 'list',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  use: {
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? systemChromium(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
    locale: 'en-GB',
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
  },
});
