import { describe, expect, it } from 'vitest';
import { COMMON_LANGUAGES, languageEndonym, languageName } from './languages';

describe('language names', () => {
  it('names a language in the interface language, and in itself for a choice of languages', () => {
    expect(languageName('fr', 'en')).toBe('French');
    expect(languageName('pl', 'fr')).toBe('polonais');
    expect(languageEndonym('fr')).toBe('Français');
    expect(languageEndonym('pl')).toBe('Polski');
    expect(languageEndonym('en')).toBe('English');
    expect(languageEndonym('es')).toBe('Español');
    // Every language offered has a name of its own, not its code.
    for (const code of COMMON_LANGUAGES) expect(languageEndonym(code)).not.toBe(code);
  });
});
