/** `--country`: a two-letter code, accepted in either case, stored upper-case as sources keep it. */
import { InvalidArgumentError } from 'commander';
import { isCountryCode } from '../core/countries';

export function parseCountry(value: string): string {
  if (!/^[A-Za-z]{2}$/.test(value)) throw new InvalidArgumentError('expected a two-letter country code such as CA, FR or PL.');
  const code = value.toUpperCase();
  if (!isCountryCode(code))
    throw new InvalidArgumentError(
      `${code} is not a current ISO 3166-1 country code (withdrawn codes such as DD, YU, SU, ZR are refused; the United Kingdom is GB).`,
    );
  return code;
}
