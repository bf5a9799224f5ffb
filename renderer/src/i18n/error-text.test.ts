import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { errorText } from './error-text';
import { resources } from './index';

async function translator(language: 'en' | 'fr') {
  const instance = i18next.createInstance();
  await instance.init({ resources, lng: language, fallbackLng: 'en', interpolation: { escapeValue: false } });
  return instance.t;
}

describe('error sentences', () => {
  it('name the precise case when the backend gives one, in the user’s language', async () => {
    const error = { code: 'CONFLICT' as const, message: 'Another import of this source is running (run 12…).', params: { reason: 'importRunning', runId: 12, startedAt: '10:02' } };
    expect(errorText(await translator('fr'), error)).toBe(
      'Une autre importation de cette source est déjà en cours (exécution 12, commencée à 10:02). Attendez qu’elle se termine ou annulez-la, puis réessayez.',
    );
    expect(errorText(await translator('en'), error)).toMatch(/^Another import of this source is already running \(run 12/);
  });

  it('fall back to the code’s general sentence for a case they do not know', async () => {
    const error = { code: 'CONFLICT' as const, message: 'x', params: { reason: 'somethingNew' } };
    expect(errorText(await translator('fr'), error)).toBe('Impossible dans l’état actuel, par exemple parce que ce nom est déjà utilisé.');
  });
});
