import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/test-translator';
import type { ReasonDetail } from '../../../main/api/contract';
import { shownReasons } from './reject-reasons';

describe('reasons of a rejected row', () => {
  it('are said in the steward’s language when they have a code, and kept in English, marked so, when not', async () => {
    const t = await translator('fr');
    const reasons = ['courriel: not an email address: missing @', 'line 7: unterminated quote', 'duplicate customer number 1001: line 2 has…'];
    const details: (ReasonDetail | null)[] = [{ code: 'email', params: { column: 'courriel' } }, null, { code: 'duplicateKey', params: { key: '1001', line: 2 } }];
    expect(shownReasons(t, reasons, details)).toEqual([
      { text: 'courriel : adresse courriel invalide', lang: undefined },
      { text: 'line 7: unterminated quote', lang: 'en' },
      { text: 'Le numéro de client 1001 figure déjà à la ligne 2 avec d’autres données ; la ligne 2 a été conservée', lang: undefined },
    ]);
  });

  it('from before codes existed are shown as written', async () => {
    expect(shownReasons(await translator('fr'), ['courriel: not an email address'], undefined)).toEqual([{ text: 'courriel: not an email address', lang: 'en' }]);
  });
});
