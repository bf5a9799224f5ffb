/** For tests: the app's translations in a language of one's choosing, without touching the shared instance. */
import i18next, { type i18n, type TFunction } from 'i18next';
import { NAMESPACE_OPTIONS } from './resources';

/** An instance of its own, for components rendered under an I18nextProvider. */
export async function testI18n(language: 'en' | 'fr'): Promise<i18n> {
  const instance = i18next.createInstance();
  await instance.init({ ...NAMESPACE_OPTIONS, lng: language });
  return instance;
}

export async function translator(language: 'en' | 'fr'): Promise<TFunction> {
  return (await testI18n(language)).t;
}
