/** `--country`: a two-letter code, accepted in either case, stored upper-case as sources keep it. */
import { InvalidArgumentError } from 'commander';

export function parseCountry(value: string): string {
  if (!/^[A-Za-z]{2}$/.test(value)) throw new InvalidArgumentError('expected a two-letter country code such as CA, FR or PL.');
  return value.toUpperCase();
}
