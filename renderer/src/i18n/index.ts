/**
 * i18next set up once, with both languages bundled: the app is offline and the CSP allows no fetching
 * of translation files from anywhere else anyway. One namespace per capability (./resources.ts).
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language, type Region } from '../../../main/api/contract';
import { formatNumber } from '../lib/format';
import { setCurrentRegion } from '../lib/region';
import { NAMESPACE_OPTIONS } from './resources';

/** Emitted on i18next when the region changes: every component that translates also formats, so it re-renders. */
const REGION_CHANGED = 'regionChanged';

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
  await i18next.use(initReactI18next).init({ ...NAMESPACE_OPTIONS, lng: language, react: { bindI18n: `languageChanged ${REGION_CHANGED}` } });
  // `{{max, number}}` in a sentence is written in the region too, not in the bare language's.
  i18next.services.formatter?.add('number', (value: number, lng: string | undefined, options: Intl.NumberFormatOptions) => formatNumber(value, lng ?? language, options));
  document.documentElement.lang = language;
}

export async function switchLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}

export function currentLanguage(): Language {
  return LANGUAGES.find((language) => language === i18next.language) ?? 'en';
}

/** Formats dates, numbers and addresses in this region from now on (null: not chosen, the default). */
export function applyRegion(region: Region | null): void {
  setCurrentRegion(region);
  i18next.emit(REGION_CHANGED, region);
}
