#!/usr/bin/env node
// `npm start`: builds, then opens the desktop window. Where the Electron runtime is missing (it cannot
// be downloaded on offline machines), the same app starts in browser mode on 127.0.0.1 and prints its
// address with a one-time token. Arguments after `--` are passed on, e.g. `npm start -- --vault DIR`.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

const build = spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) {
  process.stderr.write('custodia: the build failed (see above).\n');
  process.exit(1);
}

/** The Electron binary's path, or null when the runtime was never downloaded. */
function electronBinary() {
  try {
    const dir = path.join(root, 'node_modules', 'electron');
    const relative = fs.readFileSync(path.join(dir, 'path.txt'), 'utf8').trim();
    const binary = path.join(dir, 'dist', relative);
    return fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
}

const binary = electronBinary();
if (binary && process.env.CUSTODIA_BROWSER_MODE !== '1') {
  run(binary, [root, ...args]);
} else {
  process.stdout.write('The Electron runtime is not installed here: starting Custodia in browser mode.\n');
  run(process.execPath, [path.join(root, 'bin', 'custodia.js'), 'serve', ...args]);
}
