/**
 * A rejected row's reasons in the requester's language, for the rejects CSV: in English the stored words
 * (those the command line prints); in another language each reason with a code is translated from this
 * capability's own strings (`import.rejects.reason.<code>`, as the interface does), and a reason stored
 * without one (before migration 006) stays in English.
 */
import i18next, { type TFunction } from 'i18next';
import { LANGUAGES, type Language } from '../core/contract-kit';
import type { ReasonDetail } from './reasons';
import en from './strings/en.json';
import fr from './strings/fr.json';

const translators = new Map<Language, TFunction>();

function translator(language: Language): TFunction {
  let t = translators.get(language);
  if (!t) {
    const instance = i18next.createInstance();
    void instance.init({
      resources: { en: { ingest: en }, fr: { ingest: fr } },
      lng: language,
      fallbackLng: 'en',
      supportedLngs: [...LANGUAGES],
      ns: ['ingest'],
      defaultNS: 'ingest',
      initAsync: false,
      // Text for a CSV file, not HTML.
      interpolation: { escapeValue: false },
    });
    t = instance.t;
    translators.set(language, t);
  }
  return t;
}

/** English keeps the stored words, as the command line prints them; another language translates each coded reason. */
export function reasonTexts(language: Language, reasons: readonly string[], details: readonly (ReasonDetail | null)[] | null): string[] {
  if (language === 'en') return [...reasons];
  const t = translator(language);
  return reasons.map((reason, index) => {
    const detail = details?.[index] ?? null;
    return detail === null ? reason : t(`import.rejects.reason.${detail.code}`, { ...detail.params, defaultValue: reason });
  });
}

/** The rejects CSV's own column names (`line`, `reasons`, `raw`) in the requester's language. */
export function rejectColumnName(language: Language, column: 'line' | 'reasons' | 'raw'): string {
  return translator(language)(`import.rejects.csvColumns.${column}`);
}
