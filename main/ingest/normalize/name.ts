/**
 * Person names. We keep them as written (`D'Amours`, `van der Berg`, `Nguyễn`): names have no spelling
 * rules we could enforce without insulting someone, so only values that cannot be a name are rejected.
 */
import { accept, isBlank, isScalar, rawText, reject, type Normalized } from './result';
import { cleanText } from './text';

export const MAX_NAME_LENGTH = 200;

const HAS_LETTER = /\p{L}/u;
const DIGITS_AND_PUNCTUATION_ONLY = /^[\p{N}\p{P}\p{S}\s]+$/u;

/**
 * Clean form of a given, family or full name. Rejected: longer than 200 characters (a pasted note, not a
 * name), only digits (a customer number in the wrong column), or no letter at all (`---`, `?`).
 * Anything else with a letter is accepted, including odd values such as `=cmd|' /C calc'!A0`: it is data,
 * stored and displayed as text, never evaluated.
 */
export function normalizePersonName(raw: unknown): Normalized<string> {
  const text = rawText(raw);
  if (!isScalar(raw)) return reject('expected a single name, found a list or an object', text);
  if (isBlank(raw)) return accept(null, text);
  const value = cleanText(text);
  if (value === '') return accept(null, text);
  if ([...value].length > MAX_NAME_LENGTH) return reject(`a name cannot be longer than ${MAX_NAME_LENGTH} characters`, text);
  if (!HAS_LETTER.test(value)) {
    return reject(DIGITS_AND_PUNCTUATION_ONLY.test(value) && /\p{N}/u.test(value) ? 'a name cannot be only digits' : 'a name must contain a letter', text);
  }
  return accept(value, text);
}

export interface SplitName {
  readonly given: string | null;
  readonly family: string | null;
}

// Courtesy titles in the three languages: they are not part of either name.
const TITLES = new Set(['m', 'mr', 'mrs', 'ms', 'miss', 'mme', 'mlle', 'mmes', 'dr', 'pr', 'prof', 'pan', 'pani', 'p', 'sir', 'dame']);

// Lower-case particles that belong to the family name when they precede it: "Ludwig van Beethoven",
// "Jean de La Fontaine", "Anna dos Santos". Compared case-insensitively, never as the first token.
const PARTICLES = new Set([
  'van',
  'von',
  'der',
  'den',
  'de',
  'del',
  'della',
  'di',
  'da',
  'das',
  'dos',
  'du',
  'des',
  'la',
  'le',
  'ter',
  'ten',
  'zu',
  'af',
  'av',
  'st',
  'ste',
  'bin',
  'ibn',
  'al',
  'el',
]);

const bare = (token: string) => token.toLowerCase().replace(/\.$/, '');

/**
 * Best-effort split of a full name into given and family names, for sources that only have one column.
 * `Family, Given` (the comma form of directories and exports) is honoured; otherwise the last token is
 * the family name, extended leftwards over particles (`van der Berg`, `de La Fontaine`). A single token is
 * taken as the family name, the field matching weighs most. Never rejects: the full name is kept anyway.
 */
export function splitFullName(full: string): SplitName {
  const clean = cleanText(full);
  if (clean === '') return { given: null, family: null };
  const comma = clean.indexOf(',');
  if (comma >= 0) {
    const family = clean.slice(0, comma).trim();
    const given = clean.slice(comma + 1).trim();
    return { given: given === '' ? null : given, family: family === '' ? null : family };
  }
  const tokens = clean.split(' ');
  while (tokens.length > 1 && TITLES.has(bare(tokens[0] as string))) tokens.shift();
  if (tokens.length === 1) return { given: null, family: tokens[0] as string };
  let familyStart = tokens.length - 1;
  while (familyStart > 1 && PARTICLES.has((tokens[familyStart - 1] as string).toLowerCase())) familyStart -= 1;
  return { given: tokens.slice(0, familyStart).join(' '), family: tokens.slice(familyStart).join(' ') };
}
