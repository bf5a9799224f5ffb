/** Runs the CLI in-process for tests, with captured output and an environment of the test's own. */
import path from 'node:path';
import { Readable } from 'node:stream';
import { expect } from 'vitest';
import type { CliIo } from '../cli/output';
import { runCli } from '../cli/program';
import { ADMIN, AUDITOR, tempDir } from './temp-vault';

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function captured(): { write(text: string): boolean; text: string; isTTY: false } {
  return {
    text: '',
    isTTY: false,
    write(text: string) {
      this.text += text;
      return true;
    },
  };
}

/** Runs the CLI in-process with its own environment: nothing from the developer's shell leaks in. */
export async function cli(args: readonly string[], env: Record<string, string> = {}, extra: Partial<CliIo> = {}): Promise<Run> {
  const stdout = captured();
  const stderr = captured();
  const io: CliIo = { stdout, stderr, stdin: Object.assign(Readable.from([]), { isTTY: false }), env, ...extra };
  const code = await runCli(args, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

export const asAdmin = (dir: string): Record<string, string> => ({ CUSTODIA_VAULT: dir, CUSTODIA_USER: ADMIN.name, CUSTODIA_PASSPHRASE: ADMIN.passphrase });
export const asAuditor = (dir: string): Record<string, string> => ({
  CUSTODIA_VAULT: dir,
  CUSTODIA_USER: AUDITOR.name,
  CUSTODIA_PASSPHRASE: AUDITOR.passphrase,
});

export async function initVault(): Promise<string> {
  const dir = path.join(tempDir(), 'vault');
  const run = await cli(['vault', 'init', '--json'], asAdmin(dir));
  expect(run.code).toBe(0);
  return dir;
}
