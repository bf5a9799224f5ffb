/**
 * A yes/no question before an irreversible step, for a person at a terminal. Scripts answer with a flag
 * (`--yes`) instead: without a terminal there is nobody to ask, and guessing "yes" would be the danger.
 */
import readline from 'node:readline';
import { CliError, EXIT_INTERRUPTED, usageError } from './errors';
import type { CliIo } from './output';

/** True when the person typed "yes" (or "y"); anything else is a no. */
export async function confirmInTerminal(io: CliIo, question: string, flag: string): Promise<boolean> {
  if (io.stdin.isTTY !== true) throw usageError(`nothing was removed: pass ${flag} to confirm, or run in a terminal to be asked`);
  io.stderr.write(question);
  const rl = readline.createInterface({ input: io.stdin, terminal: false });
  return new Promise<boolean>((resolve, reject) => {
    let answered = false;
    rl.on('close', () => {
      if (!answered) reject(new CliError('CANCELLED', 'Cancelled.', EXIT_INTERRUPTED));
    });
    rl.once('line', (answer) => {
      answered = true;
      rl.close();
      resolve(/^\s*y(es)?\s*$/i.test(answer));
    });
  });
}
