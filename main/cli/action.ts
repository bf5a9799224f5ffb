/**
 * The bridge between commander's callbacks and our commands: it builds the Output for the command's
 * --json flag, reports any failure in the one-line form, and records the exit code for runCli.
 */
import type { Command } from 'commander';
import { EXIT_OK, toFailure } from './errors';
import { Output, type CliIo } from './output';
import type { CommonOptions } from './session';

export interface Invocation<O> {
  /** Positional arguments, in the order the command declares them. */
  readonly args: readonly string[];
  readonly options: O & CommonOptions;
  readonly out: Output;
  readonly io: CliIo;
}

/** Returns the exit code; nothing means success. */
export type Action<O> = (invocation: Invocation<O>) => Promise<number | void>;

export type ActionFactory = <O = object>(run: Action<O>) => (...received: unknown[]) => Promise<void>;

export function actionFactory(io: CliIo, setExitCode: (code: number) => void): ActionFactory {
  return <O>(run: Action<O>) =>
    async (...received: unknown[]): Promise<void> => {
      // commander passes the declared arguments, then the options object, then the command itself.
      const command = received[received.length - 1] as Command;
      const options = command.opts<O & CommonOptions>();
      const args = received.slice(0, -2) as string[];
      const out = new Output(io, options.json === true);
      try {
        setExitCode((await run({ args, options, out, io })) ?? EXIT_OK);
      } catch (error) {
        const failure = toFailure(error);
        out.failure(failure);
        setExitCode(failure.exitCode);
      }
    };
}
