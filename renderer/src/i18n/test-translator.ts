/** For tests: the app's translations in a language of one's choosing, without touching the shared instance. */
import i18next, { type TFunction } from 'i18next';
import { resources } from './index';

export async function translator(language: 'en' | 'fr'): Promise<TFunction> {
  const instance = i18next.createInstance();
  await instance.init({ resources, lng: language, fallbackLng: 'en', interpolation: { escapeValue: false } });
  return instance.t;
}
