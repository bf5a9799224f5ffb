/**
 * i18next set up once, with both languages bundled: the app is offline and the CSP allows no fetching
 * of translation files from anywhere else anyway. One namespace per capability (./resources.ts).
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../main/api/contract';
import { NAMESPACE_OPTIONS } from './resources';

/** The saved preference wins; on first start the system language does, when we have it. */
export function initialLanguage(saved: Language | null, browserLanguages: readonly string[]): Language {
  if (saved) return saved;
  for (const tag of browserLanguages) {
    const base = tag.toLowerCase().split('-')[0];
    const match = LANGUAGES.find((language) => language === base);
    if (match) return match;
  }
  return 'en';
}

export async function initI18n(language: Language): Promise<void> {
  await i18next.use(initReactI18next).init({ ...NAMESPACE_OPTIONS, lng: language });
  document.documentElement.lang = language;
}

export async function switchLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}

export function currentLanguage(): Language {
  return LANGUAGES.find((language) => language === i18next.language) ?? 'en';
}
