/**
 * What every vault command shares: the common options, where the vault is, who is acting, and a
 * session that is always locked again however the command ends.
 */
import path from 'node:path';
import type { Command } from 'commander';
import type { JobMethodName, MethodOutput, SessionUser } from '../api/contract';
import { Backend } from '../backend/backend';
import { runJob, unwrap } from '../backend/run-job';
import { defaultVaultDir } from '../platform/app-paths';
import { CliError, usageError } from './errors';
import type { CliIo, Output } from './output';
import { assertPassphraseSource, PASSPHRASE_VAR, readPassphrase } from './passphrase';
import { createProgress } from './progress';

export const USER_VAR = 'CUSTODIA_USER';

export interface CommonOptions {
  readonly vault?: string;
  readonly user?: string;
  readonly json?: boolean;
}

export function addCommonOptions(command: Command, { user = true } = {}): Command {
  command.option('--vault <dir>', 'vault folder (default: $CUSTODIA_VAULT or the per-user data folder)');
  if (user) command.option('--user <name>', `who is acting (default: $${USER_VAR})`);
  return command.option('--json', 'machine-readable output on stdout');
}

export function vaultDirOf(options: CommonOptions, io: CliIo): string {
  return options.vault ? path.resolve(options.vault) : defaultVaultDir(io.env);
}

export function userNameOf(options: CommonOptions, io: CliIo): string {
  const name = options.user ?? io.env[USER_VAR];
  if (!name) throw usageError(`no user: pass --user NAME or set ${USER_VAR}`);
  return name;
}

export interface Session {
  readonly backend: Backend;
  readonly user: SessionUser;
  readonly vaultDir: string;
  /** Kept for commands that must confirm it again (revealing the key); gone when the command ends. */
  readonly passphrase: string;
}

/**
 * Unlocks as `--user`, runs `work`, and locks. Usage problems and a missing vault are reported before
 * anyone is asked for a passphrase.
 */
export async function withSession<T>(options: CommonOptions, io: CliIo, work: (session: Session) => Promise<T>): Promise<T> {
  const userName = userNameOf(options, io);
  assertPassphraseSource(io, PASSPHRASE_VAR);
  const vaultDir = vaultDirOf(options, io);
  // A command does its own work only: no scheduled syncs or watched folders in a CLI process (`serve` has them).
  const backend = new Backend({ vaultDir, connectorTickMs: null });
  try {
    const status = unwrap(await backend.call('vault.status'));
    if (status.state === 'no-vault') throw new CliError('NO_VAULT', `There is no vault in ${vaultDir}.`);
    const passphrase = await readPassphrase(io, PASSPHRASE_VAR, `Passphrase for ${userName}: `);
    const user = unwrap(await backend.call('vault.unlock', { userName, passphrase }));
    return await work({ backend, user, vaultDir, passphrase });
  } finally {
    await backend.close();
  }
}

/**
 * Runs a job with a progress bar on a terminal. Ctrl+C cancels it through the backend, which stops the
 * job between batches (leaving the vault consistent) and then locks.
 */
export async function runJobWithProgress<M extends JobMethodName>(session: Session, out: Output, method: M, input: unknown): Promise<MethodOutput<M>> {
  const progress = createProgress(out.io.stderr, !out.json);
  const stopListening = out.io.onStop?.(() => void session.backend.close());
  try {
    return unwrap(await runJob(session.backend, method, input, (update) => progress.update(update)));
  } finally {
    stopListening?.();
    progress.finish();
  }
}
