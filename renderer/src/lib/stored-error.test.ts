import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/test-translator';
import { shownError, shownErrorTitle } from './stored-error';

const REFUSED = 'Cannot connect to PostgreSQL at db.local:5432: the connection was refused (is the server running?).';
const REFUSED_DETAIL = {
  code: 'CONNECTOR_FAILED',
  params: { kind: 'postgres', reason: 'refused', server: 'PostgreSQL', host: 'db.local', port: 5432, seconds: 10 },
};

describe('a stored error', () => {
  it('is said in the steward’s language from its code and reason, with nothing left in English', async () => {
    expect(shownError(await translator('fr'), REFUSED, REFUSED_DETAIL)).toEqual({
      text: 'Impossible de se connecter à PostgreSQL sur db.local:5432 : la connexion a été refusée. Le serveur est-il démarré ?',
      lang: undefined,
      detail: null,
    });
    expect(shownError(await translator('en'), 'Cancelled.', { code: 'CANCELLED' })).toEqual({ text: 'Cancelled.', lang: undefined, detail: null });
    expect(shownError(await translator('fr'), 'Cancelled.', { code: 'CANCELLED' }).text).toBe('Annulé.');
  });

  it('keeps the server’s English words under a general sentence, as a live error does', async () => {
    const fr = await translator('fr');
    const text = 'The query is not valid for PostgreSQL: relation "crm.nowhere" does not exist (42P01).';
    const shown = shownError(fr, text, { code: 'CONNECTOR_FAILED', params: { kind: 'postgres', reason: 'invalidQuery' } });
    expect(shown).toEqual({ text: fr('errors.CONNECTOR_FAILED'), lang: undefined, detail: text });
    expect(shownErrorTitle(shown)).toBe(`${fr('errors.CONNECTOR_FAILED')}\n${text}`);
  });

  it('names the files of a watched folder that failed, in French', async () => {
    const detail = { code: 'CONNECTOR_FAILED', params: { kind: 'folder', reason: 'filesFailed', failed: 1, total: 2, files: 'photo.csv', folder: 'failed' } };
    expect(shownError(await translator('fr'), '1 file of 2 failed (see failed/): photo.csv: …', detail)).toEqual({
      text: 'Fichiers en échec (1 sur 2)\u00a0: photo.csv. L’historique des importations donne la raison de chacun\u00a0; un fichier qui n’a pas pu être importé a été déplacé dans failed/.',
      lang: undefined,
      detail: null,
    });
  });

  it('tells of a run that never finished that nothing written is lost, in French', async () => {
    const shown = shownError(await translator('fr'), 'The import stopped before it finished: …', { code: 'CANCELLED', params: { reason: 'interrupted' } });
    expect(shown.text).toMatch(/^L’importation s’est arrêtée avant la fin\u00a0: .*sans doublons\.$/);
    expect(shown).toMatchObject({ lang: undefined, detail: null });
  });

  it('without a detail, or with a code this version does not know, is its English text, marked so', async () => {
    const fr = await translator('fr');
    expect(shownError(fr, 'database or disk is full', null)).toEqual({ text: 'database or disk is full', lang: 'en', detail: null });
    expect(shownError(fr, 'Something new went wrong.', { code: 'SOMETHING_NEW', params: { reason: 'x' } })).toEqual({
      text: 'Something new went wrong.',
      lang: 'en',
      detail: null,
    });
    expect(shownErrorTitle(shownError(fr, 'database or disk is full', null))).toBe('database or disk is full');
  });
});
