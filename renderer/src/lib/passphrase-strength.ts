/**
 * A deliberately simple strength hint. The contract's 10-character floor is the hard rule; this only
 * nudges people towards length, which matters far more than symbol rules (NIST SP 800-63B).
 */
export const MIN_PASSPHRASE_LENGTH = 10;

export type PassphraseStrength = 'empty' | 'too-short' | 'weak' | 'fair' | 'strong';

export function passphraseStrength(passphrase: string): PassphraseStrength {
  const length = [...passphrase].length;
  if (length === 0) return 'empty';
  if (length < MIN_PASSPHRASE_LENGTH) return 'too-short';
  const distinct = new Set(passphrase.toLowerCase()).size;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((pattern) => pattern.test(passphrase)).length;
  // A long string of one repeated key is not a passphrase.
  if (distinct < 5) return 'weak';
  if (length >= 20 || (length >= 14 && classes >= 3)) return 'strong';
  if (length >= 14 || classes >= 3) return 'fair';
  return 'weak';
}
