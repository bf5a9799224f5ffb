/**
 * Translations for the main process (reports, CLI messages): an i18next instance of its own with every
 * capability's namespace, so `t('errors.LOCKED')` or `t('auditActions.user.create')` reads as in the window.
 * The resources are bundled, so the instance is ready when this returns (no loading, no waiting).
 */
import i18next, { type i18n, type TFunction } from 'i18next';
import { LANGUAGES, type Language } from '../core/contract-kit';
import { MAIN_DEFAULT_NAMESPACE, MAIN_NAMESPACES, toResources } from './namespaces';

const NAMESPACES = Object.keys(MAIN_NAMESPACES);

export function createTranslator(language: Language): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    resources: toResources(MAIN_NAMESPACES),
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    ns: NAMESPACES,
    defaultNS: MAIN_DEFAULT_NAMESPACE,
    // Every namespace answers a key the one asked lacks (the default one included, for `t` fixed to another
    // namespace): keys name their group, not their namespace.
    fallbackNS: NAMESPACES,
    // Synchronous: the resources are in memory, and callers want `t` now.
    initAsync: false,
    // Text for a terminal or a file, not HTML: escaping is the writer's business.
    interpolation: { escapeValue: false },
  });
  return instance;
}

const translators = new Map<Language, TFunction>();

/** The `t` function for a language, made once. */
export function translator(language: Language): TFunction {
  let t = translators.get(language);
  if (!t) {
    t = createTranslator(language).t;
    translators.set(language, t);
  }
  return t;
}
