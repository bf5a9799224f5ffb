/**
 * Yes/no answers as the three languages and spreadsheets write them, for consent columns. Blank is
 * missing (null), not "no": recording a refusal that nobody expressed would write a withdrawal into the
 * consent ledger and could cancel a consent given through another channel.
 */
import { accept, isBlank, isScalar, rawText, reject, type Normalized } from './result';
import { foldForSearch } from './text';

// Folded forms (lower case, no accents, punctuation as spaces): `Oui` → `oui`, `Fałsz` → `falsz`,
// `opt-in` → `opt in`. `x` and check marks are how people tick a box in a spreadsheet.
const TRUE = new Set([
  'yes',
  'y',
  'oui',
  'o',
  'tak',
  't',
  'true',
  'vrai',
  'prawda',
  '1',
  'x',
  'on',
  'granted',
  'accepted',
  'accepte',
  'opt in',
  'optin',
  'subscribed',
  'abonne',
  'zgoda',
]);
const FALSE = new Set([
  'no',
  'n',
  'non',
  'nie',
  'false',
  'f',
  'faux',
  'falsz',
  '0',
  'off',
  'refused',
  'refuse',
  'withdrawn',
  'retire',
  'opt out',
  'optout',
  'unsubscribed',
  'desabonne',
  'brak zgody',
]);
const CHECK_MARKS = new Set(['✓', '✔', '☑', '✅']);

export function parseConsentFlag(raw: unknown): Normalized<boolean> {
  const text = rawText(raw);
  if (!isScalar(raw)) return reject('expected yes or no, found a list or an object', text);
  if (isBlank(raw)) return accept(null, text);
  if (typeof raw === 'boolean') return accept(raw, text);
  if (typeof raw === 'number') return raw === 1 || raw === 0 ? accept(raw === 1, text) : reject('not a yes/no value', text);
  const trimmed = text.trim();
  if (CHECK_MARKS.has(trimmed)) return accept(true, text);
  const folded = foldForSearch(trimmed);
  if (TRUE.has(folded)) return accept(true, text);
  if (FALSE.has(folded)) return accept(false, text);
  return reject('not a yes/no value', text);
}

/** True when the value reads as yes or no (used to recognise consent columns from samples). */
export function looksLikeFlag(value: unknown): boolean {
  const result = parseConsentFlag(value);
  return result.ok && result.value !== null;
}
