import { InvalidArgumentError } from 'commander';

/** A run number as people write it: `12` or `#12`, as the history shows it. */
export function parseRunId(value: string): number {
  const n = Number(value.replace(/^#/, ''));
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a run number.');
  return n;
}
