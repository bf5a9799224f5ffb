/**
 * Verifies one contiguous range of the chain on its own. Every row stores the hash it links to, so a
 * range can be checked without the rows before it; the caller then checks that adjacent ranges join
 * (the first row's stored link equals the previous range's last hash). That is what lets a million
 * entries be verified on several cores at once.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { entryHash } from './chain';

type Row = [seq: number, entry: string, hash: string];

export interface RangeBreak {
  readonly seq: number;
  readonly reason: 'hash-mismatch' | 'link-mismatch' | 'sequence-gap';
}

export interface RangeResult {
  /** Rows checked before the first break (or all of them). */
  readonly checked: number;
  /** The link stored in the range's first row, or null for an empty range. */
  readonly firstPrev: string | null;
  /** The hash of the last row that verified. */
  readonly lastHash: string | null;
  readonly firstBroken: RangeBreak | null;
  /** The stored hash at `watchSeq`, when that row lies in the range and verified. */
  readonly hashAtWatch: string | null;
}

const PAGE = 20_000;

/** Checks rows with from < seq <= to, expecting them to be numbered from+1 … to without gaps. */
export async function verifyRange(
  raw: Database.Database,
  from: number,
  to: number,
  options: { watchSeq?: number; onPage?: (checked: number) => Promise<void> | void } = {},
): Promise<RangeResult> {
  // The stored entry is the exact text that was hashed. The stored link (prev_hash) is read only where a
  // range starts and where a row fails: a link is already checked by hashing with the running hash.
  const page = raw.prepare('SELECT seq, entry, hash FROM audit_log WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?').raw(true);
  const storedLink = raw.prepare('SELECT prev_hash FROM audit_log WHERE seq = ?').pluck();

  let expected = from + 1;
  let running: string | null = null;
  let firstPrev: string | null = null;
  let checked = 0;
  let firstBroken: RangeBreak | null = null;
  let hashAtWatch: string | null = null;
  let after = from;
  while (!firstBroken && after < to) {
    const rows = page.all(after, to, PAGE) as Row[];
    if (rows.length === 0) break;
    for (const [seq, entry, hash] of rows) {
      if (seq !== expected) {
        firstBroken = { seq: expected, reason: 'sequence-gap' };
        break;
      }
      if (running === null) running = firstPrev = storedLink.get(seq) as string;
      // The canonical form ends with the sequence number: a row moved to another position shows here.
      if (!entry.endsWith(`"seq":${seq}}`) || entryHash(running, entry) !== hash) {
        firstBroken = { seq, reason: storedLink.get(seq) === running ? 'hash-mismatch' : 'link-mismatch' };
        break;
      }
      if (seq === options.watchSeq) hashAtWatch = hash;
      running = hash;
      expected += 1;
      checked += 1;
    }
    after = rows[rows.length - 1]![0];
    await options.onPage?.(checked);
  }
  if (!firstBroken && expected <= to) firstBroken = { seq: expected, reason: 'sequence-gap' };
  return { checked, firstPrev, lastHash: running, firstBroken, hashAtWatch };
}
