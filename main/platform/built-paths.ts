/**
 * Finds the built renderer and preload whether this code runs bundled (out/main or out/main/chunks) or
 * from source through tsx (main/…), so the CLI, the bridge and Electron agree without configuration.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function findBuiltDir(name: 'renderer' | 'preload', marker: string): string | null {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, '..', name), path.join(here, '..', '..', name), path.join(here, '..', '..', 'out', name)];
  // Only a folder inside out/ counts: the source renderer/index.html is not a built interface.
  return candidates.find((dir) => path.basename(path.dirname(dir)) === 'out' && fs.existsSync(path.join(dir, marker))) ?? null;
}

export function rendererDir(): string {
  const dir = findBuiltDir('renderer', 'index.html');
  if (!dir) throw new Error('The interface is not built yet: run `npm run build` first.');
  return dir;
}
