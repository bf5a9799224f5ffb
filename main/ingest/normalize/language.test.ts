import { describe, expect, it } from 'vitest';
import { LANGUAGE_CODES } from '../../core/languages';
import { LANGUAGE_KEYS, languageTableEntries, normalizeLanguage } from './language';

const code = (raw: unknown) => {
  const result = normalizeLanguage(raw);
  return result.ok ? result.value : `✗ ${result.reason}`;
};

describe('normalizeLanguage', () => {
  it.each([
    ['fr', 'fr'],
    ['FR', 'fr'],
    [' Fr ', 'fr'],
    ['fr-CA', 'fr'],
    ['fr_ca', 'fr'],
    ['fra', 'fr'],
    ['fre', 'fr'],
    ['French', 'fr'],
    ['français', 'fr'],
    ['FRANCAIS', 'fr'],
    ['French (Canada)', 'fr'],
    ['Français (Québec)', 'fr'],
    ['anglais', 'en'],
    ['English', 'en'],
    ['en-US', 'en'],
    ['eng', 'en'],
    ['Angielski', 'en'],
    ['polski', 'pl'],
    ['Polonais', 'pl'],
    ['Język polski', 'pl'],
    ['pl-PL', 'pl'],
    ['Español', 'es'],
    ['espagnol', 'es'],
    ['es-419', 'es'],
    ['Deutsch', 'de'],
    ['zh-Hant-TW', 'zh'],
    ['中文', 'zh'],
    ['Kreyòl', 'ht'],
    // Any ISO 639-1 code, even one the name table does not list.
    ['sw', 'sw'],
  ])('%s → %s', (raw, expected) => {
    expect(code(raw)).toBe(expected);
  });

  it('keeps a blank value as none, and refuses what is no language without guessing', () => {
    expect(normalizeLanguage('')).toEqual({ ok: true, value: null, raw: '' });
    expect(normalizeLanguage('   ')).toEqual({ ok: true, value: null, raw: '   ' });
    expect(normalizeLanguage(null)).toEqual({ ok: true, value: null, raw: '' });
    expect(normalizeLanguage('Klingon')).toEqual({ ok: false, reason: 'unknown language', raw: 'Klingon' });
    expect(code('xx')).toBe('✗ unknown language');
    expect(code('xx-YY')).toBe('✗ unknown language');
    expect(code('N/A')).toBe('✗ unknown language');
    expect(code('---')).toBe('✗ not a language');
    expect(code(['fr', 'en'])).toBe('✗ expected a single language, found a list or an object');
  });

  it('has no name claimed by two languages, and only codes ISO 639-1 assigns', () => {
    for (const [key, language] of languageTableEntries()) {
      expect(LANGUAGE_CODES.has(language), language).toBe(true);
      expect(LANGUAGE_KEYS.get(key), key).toBe(language);
    }
  });
});
