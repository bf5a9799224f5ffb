import { describe, expect, it } from 'vitest';
import { formatBytes, formatLocale, shortHash } from './format';

describe('format', () => {
  it('takes the region from the system when it speaks the interface language', () => {
    expect(formatLocale('en', ['en-GB', 'fr-FR'])).toBe('en-GB');
    expect(formatLocale('fr', ['en-GB', 'fr-CA'])).toBe('fr-CA');
    expect(formatLocale('fr', ['en-US'])).toBe('fr');
  });

  it('formats sizes and hashes compactly', () => {
    expect(formatBytes(512, 'en')).toBe('512 byte');
    expect(formatBytes(161_192, 'en')).toBe('157.4 kB');
    expect(shortHash('a'.repeat(64), 8)).toBe('aaaaaaaa…');
    expect(shortHash('abc')).toBe('abc');
  });
});
