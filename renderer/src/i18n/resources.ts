/**
 * Every namespace the interface loads: its own `app` (common, validation, passphrase, shell, home, pager,
 * countries: words only the interface says, kept in ./strings) and the capabilities' namespaces, which
 * their folders in main/ own (listed, with the mapping of groups to namespaces, in main/i18n/namespaces.ts).
 *
 * Each file keeps its top-level groups and no group is in two files, so `app` is the default namespace and
 * every namespace a fallback: `useTranslation()` and `t('audit.title')` find a key wherever it lives,
 * and a screen may still name its namespace (`useTranslation('audit')`).
 */
import type { InitOptions } from 'i18next';
import { LANGUAGES } from '../../../main/api/contract';
import { MAIN_NAMESPACES, toResources, type NamespaceStrings } from '../../../main/i18n/namespaces';
import appEn from './strings/en.json';
import appFr from './strings/fr.json';

export const NAMESPACES = {
  app: { en: appEn, fr: appFr },
  ...MAIN_NAMESPACES,
} as const satisfies Readonly<Record<string, NamespaceStrings>>;

export type Namespace = keyof typeof NAMESPACES;

export const DEFAULT_NAMESPACE: Namespace = 'app';

export const resources = toResources(NAMESPACES);

const names = Object.keys(NAMESPACES) as Namespace[];

/** The options every instance shares (the app's and the tests' own): namespaces and their fallbacks. */
export const NAMESPACE_OPTIONS = {
  resources,
  ns: names,
  defaultNS: DEFAULT_NAMESPACE,
  // Every namespace, the default one included: a screen that names its own (`useTranslation('audit')`)
  // must still find `common.cancel` in app. A key the named namespace lacks is then looked up in all of them.
  fallbackNS: names,
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
} as const satisfies InitOptions;
