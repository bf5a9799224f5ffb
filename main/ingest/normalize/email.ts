/**
 * Email addresses. The value is the lower-cased address: mailbox providers treat the local part as
 * case-insensitive in practice, and matching `Zoe@X.fr` with `zoe@x.fr` matters more than the RFC's
 * theoretical case-sensitive local part. Provider-specific canonical forms (dots and `+tags` at Gmail)
 * are a matching concern (identity module), not a normalization one: the address stays as sent.
 *
 * zod's default pattern rejects `zoé@exemple.fr`, and its Unicode pattern accepts `jean@localhost` and
 * `a..b@x.com`; customer addresses need neither, so the check is our own: a dot-atom local part made of
 * Unicode letters, digits and the RFC 5322 atom symbols, and a domain of at least two labels whose last
 * one (the TLD) is alphabetic or an IDN `xn--` label. Quoted local parts and IP-literal domains are
 * rejected: legitimate in theory, in customer files they are always typos.
 */
import { accept, isBlank, isScalar, rawText, reject, type Normalized } from './result';

// ASCII first: nearly every address is ASCII, and these are several times faster than the \p{…} forms.
// The ASCII domain pattern also bounds each label to 63 characters.
const ASCII_LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const ASCII_DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
const LOCAL_PART = /^[\p{L}\p{M}\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{M}\p{N}!#$%&'*+/=?^_`{|}~-]+)*$/u;
const DOMAIN = /^(?:[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}-]*[\p{L}\p{M}\p{N}])?\.)+(?:\p{L}[\p{L}\p{M}]+|xn--[a-z0-9-]+)$/u;
const MAX_LOCAL = 64;
const MAX_LABEL = 63;
const MAX_ADDRESS = 254;

const NOT_AN_EMAIL = 'not an email address';

/** Validates an address already trimmed, NFC-composed and lower-cased; returns a reason or null. */
function emailProblem(address: string): string | null {
  const at = address.indexOf('@');
  if (at < 0) return 'not an email address: no @';
  if (address.indexOf('@', at + 1) >= 0) return 'not an email address: more than one @';
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local === '') return 'not an email address: nothing before the @';
  if (domain === '') return 'not an email address: no domain after the @';
  if (address.length > MAX_ADDRESS || local.length > MAX_LOCAL) return 'not an email address: too long';
  if (!ASCII_LOCAL_PART.test(local) && !LOCAL_PART.test(local)) return NOT_AN_EMAIL;
  if (!domain.includes('.')) return 'not an email address: the domain has no dot';
  if (ASCII_DOMAIN.test(domain)) return null;
  if (!DOMAIN.test(domain)) return NOT_AN_EMAIL;
  for (const label of domain.split('.')) if (label.length > MAX_LABEL) return NOT_AN_EMAIL;
  return null;
}

export function normalizeEmail(raw: unknown): Normalized<string> {
  const text = rawText(raw);
  if (!isScalar(raw)) return reject('expected a single email address, found a list or an object', text);
  if (isBlank(raw)) return accept(null, text);
  // NFC so that an `é` typed as e + combining accent equals the precomposed one. Not NFKC: it would
  // silently rewrite characters that are part of someone's address.
  const value = text.trim().normalize('NFC').toLowerCase();
  const problem = emailProblem(value);
  return problem === null ? accept(value, text) : reject(problem, text);
}

/** True when the value would pass `normalizeEmail` (used to recognise email columns from samples). */
export function looksLikeEmail(value: string): boolean {
  return value.trim() !== '' && emailProblem(value.trim().normalize('NFC').toLowerCase()) === null;
}
