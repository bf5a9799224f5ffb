/**
 * Passphrases come from an environment variable (scripts, CI) or a prompt with echo off (people).
 * Never from a command-line flag: arguments are visible to every user through the process list and
 * end up in shell history.
 */
import readline from 'node:readline';
import { Writable } from 'node:stream';
import { CliError, EXIT_INTERRUPTED, usageError } from './errors';
import type { CliIo } from './output';

export const PASSPHRASE_VAR = 'CUSTODIA_PASSPHRASE';
export const NEW_PASSPHRASE_VAR = 'CUSTODIA_NEW_PASSPHRASE';

function fromEnv(io: CliIo, variable: string): string | null {
  const value = io.env[variable];
  return value === undefined || value === '' ? null : value;
}

/** Fails before any work starts when neither source is available, rather than after an unlock. */
export function assertPassphraseSource(io: CliIo, variable: string): void {
  if (fromEnv(io, variable) !== null || io.stdin.isTTY === true) return;
  throw usageError(`no passphrase: set ${variable}, or run in a terminal to be asked for it`);
}

export async function readPassphrase(io: CliIo, variable: string, question: string): Promise<string> {
  const given = fromEnv(io, variable);
  if (given !== null) return given;
  assertPassphraseSource(io, variable);
  return promptHidden(io, question);
}

/** A passphrase being chosen is asked twice when typed: a typo would lock its owner out. */
export async function readNewPassphrase(io: CliIo, variable: string, question: string): Promise<string> {
  const given = fromEnv(io, variable);
  if (given !== null) return given;
  assertPassphraseSource(io, variable);
  const first = await promptHidden(io, question);
  const second = await promptHidden(io, 'Type it again: ');
  if (first !== second) throw new CliError('INVALID_INPUT', 'The two passphrases do not match.');
  return first;
}

/**
 * readline in terminal mode puts the TTY in raw mode, so the terminal itself does not echo; what
 * readline would echo goes to a sink. The question is written to stderr to keep stdout parseable.
 */
function promptHidden(io: CliIo, question: string): Promise<string> {
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  io.stderr.write(question);
  const rl = readline.createInterface({ input: io.stdin, output: sink, terminal: true, historySize: 0 });
  return new Promise<string>((resolve, reject) => {
    let answered = false;
    rl.on('SIGINT', () => {
      rl.close();
    });
    rl.on('close', () => {
      io.stderr.write('\n');
      if (!answered) reject(new CliError('CANCELLED', 'Cancelled.', EXIT_INTERRUPTED));
    });
    rl.question('', (answer) => {
      answered = true;
      resolve(answer);
      rl.close();
    });
  });
}
