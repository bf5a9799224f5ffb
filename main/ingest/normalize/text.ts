/**
 * Two forms of every piece of text: the display form (`cleanText`: case and accents kept, invisible junk
 * removed) and the comparison form (`foldForSearch`: lower case, no accents, punctuation as spaces).
 * Identity matching and search compare folded forms; the UI and disclosure packages show clean forms.
 */
import { accept, isBlank, isScalar, rawText, reject, type Normalized } from './result';

// C0/C1 controls (tab, LF and CR are whitespace and handled below), soft hyphen, zero-width space, word
// joiner, BOM, and the bidirectional overrides/isolates: these are invisible, break equality between two
// spellings of the same name, and the bidi ones can make a value display differently from what it is
// ("Trojan Source"). ZWJ/ZWNJ are kept: some scripts and emoji need them.
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;
const WHITESPACE_RUN = /\s+/g;
// Printable ASCII words separated by single spaces: already clean, and most values look like this.
const ALREADY_CLEAN = /^[\x21-\x7E]+(?: [\x21-\x7E]+)*$/;

/**
 * Display form: Unicode NFKC (full-width letters, ligatures and compatibility spaces become ordinary
 * characters, so `ﬁ` and `fi` are the same name), invisible characters removed, whitespace collapsed to
 * single spaces, trimmed. Case, accents and punctuation are kept: `D'Amours`, `Nguyễn`, `=cmd` stay as
 * they are — a leading `=` is data, and escaping for spreadsheets is the exporter's job.
 */
export function cleanText(input: string): string {
  if (ALREADY_CLEAN.test(input)) return input;
  return input.normalize('NFKC').replace(INVISIBLE, '').replace(WHITESPACE_RUN, ' ').trim();
}

/** A text field (street, city, region, place): clean form, blank → null, over-long values rejected. */
export function normalizeText(raw: unknown, maxLength = 500): Normalized<string> {
  const text = rawText(raw);
  if (!isScalar(raw)) return reject('expected a single value, found a list or an object', text);
  if (isBlank(raw)) return accept(null, text);
  const value = cleanText(text);
  if (value === '') return accept(null, text);
  if (value.length > maxLength) return reject(`longer than ${maxLength} characters`, text);
  return accept(value, text);
}

// ---------------------------------------------------------------------------------------------------------
// Folding. It runs on every name, city and street of every import (millions of values), so it walks the
// string once by char code, looks each character up in a table, and never runs a regular expression per
// character: the Unicode work (NFKD, category tests) is done once per distinct character and cached.

/** Marker for "this character separates words". */
const SEPARATOR = ' ';

/**
 * Letters that NFD/NFKD do not decompose, so stripping combining marks leaves them untouched (`Łódź`
 * would fold to `łodz` and never match `Lodz`). The usual transliterations, as used by libraries
 * and by people typing on keyboards without these letters.
 */
const SPECIAL_LETTERS: ReadonlyMap<string, string> = new Map([
  ['ł', 'l'],
  ['Ł', 'l'],
  ['đ', 'd'],
  ['Đ', 'd'],
  ['ð', 'd'],
  ['Ð', 'd'],
  ['ø', 'o'],
  ['Ø', 'o'],
  ['æ', 'ae'],
  ['Æ', 'ae'],
  ['œ', 'oe'],
  ['Œ', 'oe'],
  ['ß', 'ss'],
  ['ẞ', 'ss'],
  ['þ', 'th'],
  ['Þ', 'th'],
  ['ı', 'i'],
  ['ħ', 'h'],
  ['Ħ', 'h'],
  ['ŧ', 't'],
  ['Ŧ', 't'],
  // NFKD turns ŀ into "l·", and the middle dot would split the word.
  ['ŀ', 'l'],
  ['Ŀ', 'l'],
]);

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const COMBINING_MARK = /^\p{M}$/u;

/** The folded form of one character: letters/digits, '' (a combining mark: dropped) or SEPARATOR. */
function foldCharacter(char: string): string {
  const special = SPECIAL_LETTERS.get(char);
  if (special !== undefined) return special;
  if (COMBINING_MARK.test(char)) return '';
  // Decompose, lower-case, decompose again (lower-casing `İ` yields `i` + a combining dot), then keep
  // letters and digits and drop the marks. Compatibility decomposition also folds `ﬁ` → `fi`, `²` → `2`.
  const decomposed = char.normalize('NFKD').toLowerCase().normalize('NFKD');
  let folded = '';
  let pendingSeparator = false;
  for (const part of decomposed) {
    const partSpecial = SPECIAL_LETTERS.get(part);
    if (partSpecial !== undefined || LETTER_OR_DIGIT.test(part)) {
      if (pendingSeparator && folded !== '') folded += SEPARATOR;
      pendingSeparator = false;
      folded += partSpecial ?? part;
    } else if (!COMBINING_MARK.test(part)) {
      pendingSeparator = true;
    }
  }
  return folded === '' ? SEPARATOR : folded;
}

/** ASCII: a plain array lookup (the common case); lower-case letters and digits map to themselves. */
const ASCII_FOLD: readonly string[] = Array.from({ length: 128 }, (_, code) => {
  const char = String.fromCharCode(code);
  if ((code >= 48 && code <= 57) || (code >= 97 && code <= 122)) return char;
  if (code >= 65 && code <= 90) return char.toLowerCase();
  return SEPARATOR;
});

/** Below U+3000 (Latin, Greek, Cyrillic, …): a dense array filled on first use; above: a Map. */
const DENSE_LIMIT = 0x3000;
const denseCache: (string | undefined)[] = new Array<string | undefined>(DENSE_LIMIT);
const sparseCache = new Map<number, string>();

function foldCodePoint(codePoint: number): string {
  if (codePoint < DENSE_LIMIT) {
    let folded = denseCache[codePoint];
    if (folded === undefined) denseCache[codePoint] = folded = foldCharacter(String.fromCodePoint(codePoint));
    return folded;
  }
  let folded = sparseCache.get(codePoint);
  if (folded === undefined) sparseCache.set(codePoint, (folded = foldCharacter(String.fromCodePoint(codePoint))));
  return folded;
}

/**
 * Comparison form: lower case, accents removed (`Hélène` → `helene`, `Łódź` → `lodz`,
 * `Wiśniewska` → `wisniewska`), punctuation and symbols turned into single spaces, trimmed
 * (`O'Brien-Smith` → `o brien smith`). Never shown to people; only compared and indexed.
 */
export function foldForSearch(input: string): string {
  let out = '';
  let pendingSeparator = false;
  const length = input.length;
  for (let index = 0; index < length; index += 1) {
    const code = input.charCodeAt(index);
    let piece: string;
    if (code < 128) {
      piece = ASCII_FOLD[code] as string;
    } else if (code >= 0xd800 && code <= 0xdbff && index + 1 < length) {
      // A surrogate pair: one code point outside the BMP (rare letters, emoji).
      const codePoint = input.codePointAt(index) as number;
      if (codePoint > 0xffff) index += 1;
      piece = foldCodePoint(codePoint);
    } else {
      piece = foldCodePoint(code);
    }
    if (piece === SEPARATOR) {
      pendingSeparator = true;
    } else if (piece !== '') {
      if (pendingSeparator && out !== '') out += SEPARATOR;
      pendingSeparator = false;
      out += piece;
    }
  }
  return out;
}
