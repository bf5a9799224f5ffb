/**
 * Languages (ISO 639-1 codes, main/core/languages.ts) named by the browser
 * (Intl.DisplayNames), so no names have to be shipped or translated: in the interface language for a
 * person's record, in the language itself for a choice of languages (`English`, `Français`, `Polski`), the
 * way language pickers show them so that each reader finds their own.
 */
import { formatLocale } from './format';

/** The languages an audience offers first: those Custodia's customers most often write to people in. */
export const COMMON_LANGUAGES = ['en', 'fr', 'es', 'pl', 'de', 'it', 'pt', 'nl', 'ar', 'zh'] as const;

function nameIn(locale: string, code: string): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' }).of(code);
    return name && name !== code ? name : code;
  } catch {
    return code;
  }
}

/** The language's name in the interface language (`French`, `français`); the code when the browser has none. */
export function languageName(code: string, language: string): string {
  return nameIn(formatLocale(language), code);
}

/** The language's name in itself, capitalised as a label (`Français`, `Polski`, `English`). */
export function languageEndonym(code: string): string {
  const name = nameIn(code, code);
  return name.charAt(0).toLocaleUpperCase(code) + name.slice(1);
}
