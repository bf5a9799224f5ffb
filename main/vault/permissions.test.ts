import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { asAdmin, cli } from '../test-support/cli';
import { openBackend, tempDir } from '../test-support/temp-vault';

const mode = (file: string): number => fs.statSync(file).mode & 0o777;

describe('what the vault folder lets others read', () => {
  it('vault init tightens a folder that already existed, and the log is owner-only', async () => {
    const dir = path.join(tempDir(), 'vault');
    fs.mkdirSync(dir, { mode: 0o755 });
    fs.chmodSync(dir, 0o755);
    expect((await cli(['vault', 'init'], asAdmin(dir))).code).toBe(0);
    expect(mode(dir)).toBe(0o700);

    // A log left readable by everyone (by an earlier version) is tightened when the backend starts.
    const log = path.join(dir, 'custodia.log');
    fs.writeFileSync(log, 'earlier line\n', { mode: 0o644 });
    fs.chmodSync(log, 0o644);
    openBackend(dir);
    expect(mode(log)).toBe(0o600);
  });
});
