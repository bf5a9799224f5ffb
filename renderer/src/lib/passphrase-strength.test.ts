import { describe, expect, it } from 'vitest';
import { passphraseStrength } from './passphrase-strength';

describe('passphraseStrength', () => {
  it('follows the contract floor of 10 characters', () => {
    expect(passphraseStrength('')).toBe('empty');
    expect(passphraseStrength('abcdefghi')).toBe('too-short');
    expect(passphraseStrength('abcdefghij')).toBe('weak');
  });

  it('rewards length over symbols and refuses repetition', () => {
    expect(passphraseStrength('aaaaaaaaaaaaaaaaaaaaaaaa')).toBe('weak');
    expect(passphraseStrength('Tr0ub4dor&x')).toBe('fair');
    expect(passphraseStrength('correct horse battery staple')).toBe('strong');
  });
});
