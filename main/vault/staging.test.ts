import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { asAdmin, cli, initVault } from '../test-support/cli';

function stage(dir: string, owner: string): string {
  const file = path.join(dir, 'staging', owner, '0b7e8a52-6f0f-4c11-9d0e-2f1d7c9a4b10', 'clients.csv');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, 'id,email\n1,helene@exemple.ca\n');
  return file;
}

describe('staged uploads', () => {
  it('belong to the process that staged them: a CLI command locking its session leaves a live window’s files', async () => {
    const dir = await initVault();
    const window = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    try {
      const host = os.hostname().replace(/[^A-Za-z0-9.-]/g, '_');
      const live = stage(dir, `${host}-${window.pid}`);
      const dead = stage(dir, `${host}-2147483646`);
      expect(await cli(['profiles', 'count'], asAdmin(dir))).toMatchObject({ code: 0 });
      expect(fs.existsSync(live)).toBe(true);
      // A process that is gone never locks: its plaintext copies go with the next lock of anyone.
      expect(fs.existsSync(path.dirname(path.dirname(dead)))).toBe(false);
    } finally {
      window.kill();
    }
  });
});
