/**
 * `custodia serve`: browser mode. The backend runs in its worker exactly as under Electron, and the
 * bridge serves the built interface and the API on a loopback port. No passphrase here: people unlock
 * in the browser, each with their own name.
 */
import fs from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { unwrap } from '../../backend/run-job';
import { WorkerBackend } from '../../backend/worker-client';
import { startBridge, type Bridge } from '../../bridge/server';
import { rendererDir } from '../../platform/built-paths';
import { vaultFiles } from '../../vault/vault-files';
import type { ActionFactory } from '../action';
import { CliError } from '../errors';
import { addCommonOptions, vaultDirOf } from '../session';

export function registerServeCommand(program: Command, action: ActionFactory): void {
  addCommonOptions(program.command('serve').description('run Custodia in your browser on this computer only'), { user: false })
    .option('--port <n>', 'port to listen on (default: a free one)', parsePort)
    .action(
      action<{ port?: number }>(async ({ options, io, out }) => {
        // Resolved before the worker starts, so an unbuilt checkout fails at once with the build hint.
        const renderer = findRenderer(io.rendererDir ?? rendererDir);
        const backend = new WorkerBackend(vaultDirOf(options, io));
        let bridge: Bridge;
        try {
          // One call before announcing the address: a worker that failed to start should end the command
          // with its reason, not leave a page whose every request goes unanswered.
          unwrap(await backend.call('vault.status'));
          bridge = await startBridge({ backend, rendererDir: renderer, port: options.port, uploadDir: vaultFiles(vaultDirOf(options, io)).staging });
        } catch (error) {
          await backend.close();
          if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new CliError('IO_ERROR', `Port ${options.port ?? ''} is already in use.`);
          throw error;
        }
        // Subscribed for the whole run so that a second Ctrl+C during shutdown cannot cut the lock short.
        let unsubscribe: () => void = () => undefined;
        const stopped = new Promise<void>((resolve) => {
          unsubscribe = io.onStop?.(resolve) ?? (() => undefined);
        });
        out.result({ url: bridge.url, origin: bridge.origin, token: bridge.token }, () => [
          `Custodia is running at ${bridge.url}`,
          'Open this address in your browser; press Ctrl+C to stop.',
        ]);
        try {
          await stopped;
          out.note('Stopping: locking the vault…');
          await bridge.close();
          await backend.close();
          // Files staged for import but never imported hold personal data in the clear.
          fs.rmSync(vaultFiles(vaultDirOf(options, io)).staging, { recursive: true, force: true });
        } finally {
          unsubscribe();
        }
      }),
    );
}

function findRenderer(find: () => string): string {
  try {
    return find();
  } catch (error) {
    throw new CliError('NOT_FOUND', (error as Error).message);
  }
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new InvalidArgumentError('expected a port number from 0 to 65535.');
  return port;
}
