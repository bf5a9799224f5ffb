import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/test-translator';
import type { ReasonDetail } from '../../../main/api/contract';
import { shownReasons } from './reject-reasons';

describe('reasons of a rejected row', () => {
  it('are said in the steward’s language when they have a code, and kept in English, marked so, when not', async () => {
    const t = await translator('fr');
    const reasons = ['courriel: not an email address: missing @', 'line 7: unterminated quote', 'duplicate customer number 1001: line 2 has…'];
    const details: (ReasonDetail | null)[] = [
      { code: 'email', params: { column: 'courriel' } },
      null,
      { code: 'duplicateKey', params: { key: '1001', line: 2 } },
    ];
    expect(shownReasons(t, reasons, details)).toEqual([
      { text: 'courriel : adresse courriel invalide', lang: undefined },
      { text: 'line 7: unterminated quote', lang: 'en' },
      { text: 'Le numéro de client 1001 figure aussi à la ligne 2 avec d’autres renseignements ; ceux de la ligne suivante ont été gardés', lang: undefined },
    ]);
  });

  it('from before codes existed are shown as written', async () => {
    expect(shownReasons(await translator('fr'), ['courriel: not an email address'], undefined)).toEqual([
      { text: 'courriel: not an email address', lang: 'en' },
    ]);
  });
});

type Code = ReasonDetail['code'];
type Params = ReasonDetail['params'];

/** The text a steward reads for one coded reason. */
function said(t: TFunction, code: Code, params: Params): string {
  const [shown] = shownReasons(t, ['as the reader wrote it'], [{ code, params }]);
  expect(shown?.lang).toBeUndefined();
  return shown!.text;
}

describe('reasons of the file readers', () => {
  it('say where the file is damaged, with their numbers, in English and French', async () => {
    const en = await translator('en');
    const fr = await translator('fr');
    expect(said(en, 'malformedJsonAt', { line: 30_002, character: 23 })).toBe('Malformed JSON at line 30002, column 23');
    expect(said(fr, 'malformedJsonAt', { line: 30_002, character: 23 })).toBe('JSON mal formé à la ligne 30002, colonne 23');
    expect(said(en, 'quoteBlockSkipped', { first: 120, last: 4_391 })).toBe('A quoted field is never closed: lines 120–4391 were skipped');
    expect(said(fr, 'quoteBlockSkipped', { first: 120, last: 4_391 })).toBe(
      'Un champ entre guillemets n’est jamais fermé\u00a0: les lignes 120 à 4391 ont été ignorées',
    );
    expect(said(en, 'quoteNotClosed', { maxMiB: 1 })).toBe('A quoted field is still not closed after 1 MiB: a quote is probably missing');
    expect(said(fr, 'quoteNotClosed', { maxMiB: 1 })).toBe(
      'Un champ entre guillemets n’est toujours pas fermé après 1\u00a0Mio\u00a0: il manque probablement un guillemet',
    );
    expect(said(en, 'lineTooLong', { maxMiB: 1 })).toBe('The line is longer than 1 MiB');
    expect(said(fr, 'lineTooLong', { maxMiB: 1 })).toBe('La ligne dépasse 1\u00a0Mio');
    expect(said(en, 'recordsPathMissing', { path: 'data.clients' })).toBe('The document has no list of records at “data.clients”');
    expect(said(fr, 'recordsPathMissing', { path: 'data.clients' })).toBe('Le document n’a pas de liste d’enregistrements à «\u00a0data.clients\u00a0»');
    expect(said(fr, 'recordsPathNotArray', { path: 'meta' })).toBe('«\u00a0meta\u00a0» n’est pas une liste d’enregistrements');
    expect(said(fr, 'headerUnterminatedQuote', {})).toBe(
      'Ligne d’en-tête\u00a0: un champ entre guillemets n’est jamais fermé\u00a0; vérifiez les noms de colonnes',
    );
  });

  it('name the kind of JSON value found where a record was expected, in each language', async () => {
    const en = await translator('en');
    const fr = await translator('fr');
    const kinds = ['array', 'boolean', 'null', 'number', 'string'];
    expect(kinds.map((found) => said(en, 'elementNotObject', { found }))).toEqual([
      'The element is an array, not a JSON object',
      'The element is a boolean, not a JSON object',
      'The element is null, not a JSON object',
      'The element is a number, not a JSON object',
      'The element is a string, not a JSON object',
    ]);
    expect(kinds.map((found) => said(fr, 'elementNotObject', { found }))).toEqual([
      'L’élément est un tableau et non un objet JSON',
      'L’élément est un booléen et non un objet JSON',
      'L’élément est null et non un objet JSON',
      'L’élément est un nombre et non un objet JSON',
      'L’élément est une chaîne de caractères et non un objet JSON',
    ]);
  });

  it('leave no placeholder, nested key or missing translation in any code, in either language', async () => {
    // A Record over every code: a new code does not compile until it has parameters to try here.
    const samples: Record<Code, Params> = {
      email: { column: 'courriel' },
      phone: { column: 'tél' },
      country: { column: 'pays' },
      language: { column: 'langue' },
      name: { column: 'nom' },
      text: { column: 'ville' },
      postalCode: { column: 'code postal' },
      date: { column: 'né le' },
      consent: { column: 'infolettre' },
      amount: { column: 'montant' },
      currency: { column: 'devise' },
      notSingle: { column: 'adresse' },
      keyMissing: { column: 'No client' },
      keyNotSingle: { column: 'No client' },
      keyTooLong: { column: 'No client', max: 128 },
      keyDamaged: { column: 'No carte' },
      excelDamaged: { column: 'téléphone' },
      noIdentity: {},
      consentNoPurpose: { column: 'consents[0]' },
      consentUnknownPurpose: { column: 'newsletter' },
      consentNotABasis: { column: 'legal_records' },
      consentInFuture: { column: 'newsletter' },
      consentStatus: { column: 'status' },
      eventNoDate: { column: 'date_achat' },
      notList: { column: 'commandes' },
      notObject: { column: 'commandes[2]' },
      duplicateKey: { key: '1001', line: 2 },
      duplicateTransaction: { id: 'T-1' },
      fieldCount: { expected: 7, found: 9 },
      unterminatedQuote: {},
      malformedQuote: {},
      unreadableRecord: {},
      quoteNotClosed: { maxMiB: 1 },
      quoteBlockSkipped: { first: 12, last: 40 },
      lineTooLong: { maxMiB: 1 },
      headerUnterminatedQuote: {},
      headerMalformedQuote: {},
      headerUnreadable: {},
      elementNotObject: { found: 'number' },
      elementTooLong: { maxMiB: 1 },
      recordsNotArray: {},
      recordsPathNotArray: { path: 'data.customers' },
      recordsPathMissing: { path: 'data.customers' },
      malformedJson: {},
      malformedJsonAt: { line: 4, character: 17 },
      lineNotObject: {},
    };
    const en = await translator('en');
    const fr = await translator('fr');
    for (const [code, params] of Object.entries(samples) as [Code, Params][]) {
      const texts = { en: said(en, code, params), fr: said(fr, code, params) };
      for (const [language, text] of Object.entries(texts)) {
        expect(text, `${language}: ${code}`).not.toMatch(/\{\{|\$t\(|import\.rejects|as the reader wrote it/);
        if (code !== 'elementNotObject') for (const value of Object.values(params)) expect(text, `${language}: ${code}`).toContain(String(value));
      }
      // i18next falls back to English for a key French lacks: the same text in both would hide it.
      expect(texts.fr, code).not.toBe(texts.en);
    }
  });
});
