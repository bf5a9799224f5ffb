/** Option and argument parsers the commands share: an id (`7` or `#7`) and a calendar day. */
import { InvalidArgumentError } from 'commander';

export function parseId(what: string): (value: string) => number {
  return (value) => {
    const id = Number(value.replace(/^#/, ''));
    if (!Number.isInteger(id) || id < 1) throw new InvalidArgumentError(`expected a ${what} number.`);
    return id;
  };
}

export function parseDay(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new InvalidArgumentError('expected a date written YYYY-MM-DD.');
  return value;
}
