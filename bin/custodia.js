#!/usr/bin/env node
// The `custodia` command. Built (`npm install` runs the build), it loads the bundle directly; in a fresh
// clone before any build, it runs the TypeScript source through tsx so the command works either way.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'out', 'main', 'cli.js');

// CUSTODIA_CLI_FROM_SOURCE=1 skips a bundle that may be older than the source being worked on.
if (fs.existsSync(bundle) && process.env.CUSTODIA_CLI_FROM_SOURCE !== '1') {
  await import(pathToFileURL(bundle).href);
} else {
  runFromSource();
}

function runFromSource() {
  let tsx;
  try {
    // Resolved from here, not by name: `--import tsx` would be looked up from the caller's folder.
    tsx = import.meta.resolve('tsx');
  } catch {
    process.stderr.write('custodia: the CLI is not built and tsx is missing: run `npm install` in ' + root + ' (INTERNAL)\n');
    process.exit(1);
  }
  const child = spawn(process.execPath, ['--import', tsx, path.join(root, 'main', 'cli', 'index.ts'), ...process.argv.slice(2)], { stdio: 'inherit' });
  // Ctrl+C reaches both processes from the terminal; a signal sent to this process alone (a test
  // harness stopping `serve`) is passed on. Either way the child decides when it is done.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    process.stderr.write(`custodia: cannot start node: ${error.message} (INTERNAL)\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (signal) {
      // Die of the same signal, so the caller's shell sees what really happened.
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
      return;
    }
    process.exit(code ?? 1);
  });
}
