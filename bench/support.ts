/** What every benchmark prints and parses the same way: its options, its figures, the machine's load. */
import os from 'node:os';

const args = process.argv.slice(2);

/** The value after `--name` on the command line. */
export function option(name: string): string | undefined {
  const index = args.indexOf(name);
  return index < 0 ? undefined : args[index + 1];
}

/** `1_000_000` or `1,000,000` as typed. */
export const numberOf = (text: string): number => Number(text.replace(/[_,]/g, ''));

/** The vault every benchmark creates: its administrator. */
export const BENCH_ADMIN = { adminName: 'Bench Admin', passphrase: 'benchmark passphrase 2026' };

export const count = (value: number): string => Math.round(value).toLocaleString('en');
export const secs = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
export const load = (): string =>
  `load ${os
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(' ')}`;
export const rssMiB = (): string => `peak RSS ${count(process.resourceUsage().maxRSS / 1024)} MiB`;

/** Milliseconds since a `process.hrtime.bigint()`. */
export const elapsedMs = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
