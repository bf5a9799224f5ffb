/**
 * The CLI's view of the terminal. Everything goes through `CliIo` rather than `process`, so tests run
 * commands in-process with captured streams and their own environment.
 */
import { sentenceFragment, type Failure } from './errors';

export interface OutStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface InStream extends NodeJS.ReadableStream {
  readonly isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}

export interface CliIo {
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  readonly stdin: InStream;
  readonly env: NodeJS.ProcessEnv;
  /**
   * Subscribes to the user's request to stop (Ctrl+C, SIGTERM) and returns the unsubscribe function.
   * `serve` shuts down on it and jobs cancel on it; without it (tests) nothing is interruptible.
   */
  readonly onStop?: (handler: () => void) => () => void;
  /** Where `serve` finds the built interface; defaults to the build output. Tests pass a fixture. */
  readonly rendererDir?: () => string;
}

export class Output {
  constructor(
    readonly io: CliIo,
    readonly json: boolean,
  ) {}

  /**
   * One result per command: the JSON value for scripts, or lines for people. Text is built lazily so a
   * --json run never formats what it will not print.
   */
  result(value: unknown, text: () => readonly string[]): void {
    if (this.json) this.io.stdout.write(`${JSON.stringify(value)}\n`);
    else for (const line of text()) this.io.stdout.write(`${line}\n`);
  }

  /** Human notes (warnings, hints) go to stderr so stdout stays parseable, and are dropped under --json. */
  note(line: string): void {
    if (!this.json) this.io.stderr.write(`${line}\n`);
  }

  failure(failure: Failure, { quiet = false } = {}): void {
    if (!quiet) this.io.stderr.write(`custodia: ${sentenceFragment(failure.message)} (${failure.code})\n`);
    if (this.json) this.io.stdout.write(`${JSON.stringify({ ok: false, error: { code: failure.code, message: failure.message } })}\n`);
  }
}

/** Left-aligned columns for small tables (users, audit entries); no dependency needed for this. */
export function table(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}
