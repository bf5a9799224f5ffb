/**
 * How every failure leaves the CLI: one code, one message, one exit status. API errors keep their own
 * code so scripts can branch on the same closed set the app uses; the CLI adds only USAGE.
 */
import { CommanderError } from 'commander';
import { isAppError, type ErrorCode } from '../core/errors';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
/** What shells report for a process stopped by Ctrl+C; used when a prompt is interrupted. */
export const EXIT_INTERRUPTED = 130;

export type CliErrorCode = ErrorCode | 'USAGE';

export class CliError extends Error {
  constructor(
    readonly code: CliErrorCode,
    message: string,
    readonly exitCode: number = code === 'USAGE' ? EXIT_USAGE : EXIT_FAILURE,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export function usageError(message: string): CliError {
  return new CliError('USAGE', message);
}

export interface Failure {
  readonly code: CliErrorCode;
  readonly message: string;
  readonly exitCode: number;
}

/** Commander reports help and --version through the same exception path as real errors. */
export function isCommanderExit(error: unknown): error is CommanderError {
  return error instanceof CommanderError;
}

export function toFailure(error: unknown): Failure {
  if (error instanceof CliError) return { code: error.code, message: error.message, exitCode: error.exitCode };
  if (isAppError(error)) return { code: error.code, message: error.message, exitCode: EXIT_FAILURE };
  if (error instanceof CommanderError) {
    return { code: 'USAGE', message: error.message.replace(/^error:\s*/i, ''), exitCode: error.exitCode === 0 ? EXIT_OK : EXIT_USAGE };
  }
  const errno = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  // System errors (ENOENT, EACCES…), not Node's own ERR_* codes, which mean a bug rather than the disk.
  if (/^E(?!RR_)[A-Z]+$/.test(errno)) return { code: 'IO_ERROR', message: (error as Error).message, exitCode: EXIT_FAILURE };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error), exitCode: EXIT_FAILURE };
}

/** `Wrong user name or passphrase.` → `wrong user name or passphrase`, to sit after `custodia: `. */
export function sentenceFragment(message: string): string {
  const trimmed = message.trim().replace(/\.$/, '');
  // Leave acronyms alone ("IO", "CSV"): only a capital not followed by another is a sentence start.
  return /^[A-Z](?![A-Z0-9])/.test(trimmed) ? trimmed[0]!.toLowerCase() + trimmed.slice(1) : trimmed;
}
