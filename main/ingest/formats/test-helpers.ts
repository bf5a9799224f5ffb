/** Helpers for the format readers' tests: real files in a temporary directory, read through the public API. */
import fs from 'node:fs';
import os from 'node:os';
import nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../core/errors';
import type { FileDescription, RawRow, ReadItem, ReadOptions, ReadProblem } from '../types';
import { openReader } from './index';

export const FIXTURES = nodePath.join(nodePath.dirname(fileURLToPath(import.meta.url)), 'fixtures');

export function fixture(name: string): string {
  return nodePath.join(FIXTURES, name);
}

export interface TempDir {
  readonly path: string;
  write(name: string, content: string | Uint8Array): string;
  remove(): void;
}

export function tempDir(): TempDir {
  const path = fs.mkdtempSync(nodePath.join(os.tmpdir(), 'custodia-formats-'));
  return {
    path,
    write(name, content) {
      const file = nodePath.join(path, name);
      fs.writeFileSync(file, content);
      return file;
    },
    remove() {
      fs.rmSync(path, { recursive: true, force: true });
    },
  };
}

export interface ReadResult {
  readonly description: FileDescription;
  readonly rows: RawRow[];
  readonly problems: ReadProblem[];
  /** Items in file order, for tests about ordering. */
  readonly items: ReadItem[];
  readonly batchSizes: number[];
}

export async function readAll(path: string, options: ReadOptions = {}, batchSize?: number): Promise<ReadResult> {
  const reader = await openReader(path, options);
  const items: ReadItem[] = [];
  const batchSizes: number[] = [];
  for await (const batch of reader.batches(undefined, batchSize)) {
    batchSizes.push(batch.length);
    items.push(...batch);
  }
  return {
    description: reader.description,
    rows: items.flatMap((item) => (item.kind === 'row' ? [item.row] : [])),
    problems: items.flatMap((item) => (item.kind === 'problem' ? [item.problem] : [])),
    items,
    batchSizes,
  };
}

/** The AppError a promise rejects with (fails the test when it resolves or throws something else). */
export async function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError, but the call succeeded');
}

/** Open descriptors of this process that point at `file` (Linux: /proc/self/fd). */
export function openDescriptorsOf(file: string): number {
  const dir = '/proc/self/fd';
  if (!fs.existsSync(dir)) return 0;
  let count = 0;
  for (const fd of fs.readdirSync(dir)) {
    try {
      if (fs.readlinkSync(nodePath.join(dir, fd)) === file) count++;
    } catch {
      // The descriptor closed while we were listing.
    }
  }
  return count;
}

/** Waits until `check` holds (file closes are asynchronous), at most `ms`. */
export async function eventually(check: () => boolean, ms = 2_000): Promise<boolean> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}
