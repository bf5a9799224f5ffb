import { describe, expect, it } from 'vitest';
import { errorText, untranslatedDetail } from './error-text';
import { translator } from './test-translator';

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

describe('connector failures', () => {
  it('are said in the user’s language when their reason is known, with nothing left in English', async () => {
    const t = await translator('fr');
    const error = {
      code: 'CONNECTOR_FAILED' as const,
      message: 'PostgreSQL refused the password of user crm (wrong password).',
      params: { kind: 'postgres', reason: 'wrongPassword', server: 'PostgreSQL', user: 'crm', database: 'ventes', code: '28P01' },
    };
    expect(errorText(t, error)).toBe('PostgreSQL a refusé le mot de passe de l’utilisateur crm.');
    expect(untranslatedDetail(t, error)).toBeNull();
  });

  it('keep the server’s own English words under the general sentence otherwise', async () => {
    const t = await translator('fr');
    const error = { code: 'CONNECTOR_FAILED' as const, message: 'The query is not valid for PostgreSQL: relation "crm.nowhere" does not exist (42P01).', params: { reason: 'invalidQuery' } };
    expect(errorText(t, error)).toBe(await translator('fr').then((fr) => fr('errors.CONNECTOR_FAILED')));
    expect(untranslatedDetail(t, error)).toBe(error.message);
  });
});

describe('files too large to read', () => {
  it('name the limit a workbook went past, with its figure written the way the language writes numbers', async () => {
    const cells = { code: 'FILE_TOO_LARGE' as const, message: 'x', params: { reason: 'xlsxCells', max: 16_777_216 } };
    expect(errorText(await translator('fr'), cells)).toMatch(/^Les feuilles de ce classeur Excel s’étendent sur plus de 16\s777\s216 cellules/);
    expect(errorText(await translator('en'), cells)).toMatch(/^The sheets of this Excel workbook span more than 16,777,216 cells/);
    const part = { code: 'FILE_TOO_LARGE' as const, message: 'x', params: { reason: 'xlsxPart', max: 512, part: 'xl/worksheets/sheet1.xml' } };
    expect(errorText(await translator('en'), part)).toMatch(/^A part of this Excel workbook \(xl\/worksheets\/sheet1\.xml\) unpacks to more than 512 MB/);
    const memory = { code: 'FILE_TOO_LARGE' as const, message: 'x', params: { reason: 'memory', max: 4096 } };
    expect(errorText(await translator('fr'), memory)).toMatch(/^La lecture de ce fichier demandait plus que les 4\s096 Mo de mémoire/);
  });
});
