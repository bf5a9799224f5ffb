/** Entry point of the `custodia` command (bundled as out/main/cli.js; run from source through tsx). */
import { runCli } from './program';

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

function onStop(handler: () => void): () => void {
  for (const signal of STOP_SIGNALS) process.on(signal, handler);
  return () => {
    for (const signal of STOP_SIGNALS) process.off(signal, handler);
  };
}

const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, onStop });

// Exit explicitly (a stray handle must not keep a finished command alive), but only once both streams
// have flushed: on some platforms pipe writes are asynchronous and process.exit would cut them off.
let pending = 2;
const flushed = (): void => {
  if (--pending === 0) process.exit(code);
};
process.stdout.write('', flushed);
process.stderr.write('', flushed);
