/**
 * A person's preferred language → ISO 639-1 (`fr`, `en`, `pl`). Sources write codes (`FR`, `fre`, `fra`),
 * locale tags (`fr-CA`, `en_US`, `zh-Hant-TW`), or names in the steward's language or the language's own
 * (`French`, `français`, `anglais`, `polski`, `Język polski`). Names are matched folded, so case and
 * accents do not matter. The name table covers the languages customers of Quebec, EU and California
 * businesses most often state; any other language is accepted by its two-letter code.
 */
import { LANGUAGE_CODES } from '../../core/languages';
import { accept, isBlank, isScalar, rawText, reject, type Normalized } from './result';
import { foldForSearch } from './text';

/** alpha-2, then ISO 639-2 codes, then names: English | French | Polish | native and common variants. */
const LANGUAGES: readonly (readonly [string, ...string[]])[] = [
  ['en', 'eng', 'English', 'Anglais', 'Angielski', 'Język angielski'],
  ['fr', 'fra', 'fre', 'French', 'Français', 'Francuski', 'Język francuski', 'Québécois'],
  ['pl', 'pol', 'Polish', 'Polonais', 'Polski', 'Język polski'],
  ['es', 'spa', 'Spanish', 'Espagnol', 'Hiszpański', 'Español', 'Castellano', 'Castilian'],
  ['de', 'deu', 'ger', 'German', 'Allemand', 'Niemiecki', 'Deutsch'],
  ['it', 'ita', 'Italian', 'Italien', 'Włoski', 'Italiano'],
  ['pt', 'por', 'Portuguese', 'Portugais', 'Portugalski', 'Português'],
  ['nl', 'nld', 'dut', 'Dutch', 'Flemish', 'Néerlandais', 'Flamand', 'Niderlandzki', 'Holenderski', 'Nederlands', 'Vlaams'],
  ['ar', 'ara', 'Arabic', 'Arabe', 'Arabski', 'العربية'],
  ['zh', 'zho', 'chi', 'Chinese', 'Mandarin', 'Cantonese', 'Chinois', 'Chiński', '中文', '汉语', '漢語', '普通话', '廣東話'],
  ['ja', 'jpn', 'Japanese', 'Japonais', 'Japoński', '日本語'],
  ['ko', 'kor', 'Korean', 'Coréen', 'Koreański', '한국어'],
  ['ru', 'rus', 'Russian', 'Russe', 'Rosyjski', 'Русский'],
  ['uk', 'ukr', 'Ukrainian', 'Ukrainien', 'Ukraiński', 'Українська'],
  ['vi', 'vie', 'Vietnamese', 'Vietnamien', 'Wietnamski', 'Tiếng Việt'],
  ['tl', 'tgl', 'Tagalog', 'Filipino', 'Pilipino'],
  ['hi', 'hin', 'Hindi', 'हिन्दी'],
  ['pa', 'pan', 'Punjabi', 'Panjabi', 'Pendjabi', 'Pendżabski', 'ਪੰਜਾਬੀ'],
  ['ht', 'hat', 'Haitian Creole', 'Haitian', 'Créole haïtien', 'Créole', 'Kreyòl', 'Kreyòl ayisyen', 'Kreolski haitański'],
  ['el', 'ell', 'gre', 'Greek', 'Grec', 'Grecki', 'Ελληνικά'],
  ['ro', 'ron', 'rum', 'Romanian', 'Roumain', 'Rumuński', 'Română'],
  ['tr', 'tur', 'Turkish', 'Turc', 'Turecki', 'Türkçe'],
  ['he', 'heb', 'Hebrew', 'Hébreu', 'Hebrajski', 'עברית'],
  ['fa', 'fas', 'per', 'Persian', 'Farsi', 'Persan', 'Perski', 'فارسی'],
  ['cs', 'ces', 'cze', 'Czech', 'Tchèque', 'Czeski', 'Čeština'],
  ['sk', 'slk', 'slo', 'Slovak', 'Slovaque', 'Słowacki', 'Slovenčina'],
  ['hu', 'hun', 'Hungarian', 'Hongrois', 'Węgierski', 'Magyar'],
  ['sv', 'swe', 'Swedish', 'Suédois', 'Szwedzki', 'Svenska'],
  ['da', 'dan', 'Danish', 'Danois', 'Duński', 'Dansk'],
  ['no', 'nor', 'Norwegian', 'Norvégien', 'Norweski', 'Norsk'],
  ['fi', 'fin', 'Finnish', 'Finnois', 'Fiński', 'Suomi'],
  ['ca', 'cat', 'Catalan', 'Kataloński', 'Català'],
  ['bn', 'ben', 'Bengali', 'Bangla', 'Bengalski', 'বাংলা'],
  ['ur', 'urd', 'Urdu', 'Ourdou', 'اردو'],
  ['ta', 'tam', 'Tamil', 'Tamoul', 'Tamilski', 'தமிழ்'],
  ['lt', 'lit', 'Lithuanian', 'Lituanien', 'Litewski', 'Lietuvių'],
  ['lv', 'lav', 'Latvian', 'Letton', 'Łotewski', 'Latviešu'],
  ['et', 'est', 'Estonian', 'Estonien', 'Estoński', 'Eesti'],
  ['bg', 'bul', 'Bulgarian', 'Bulgare', 'Bułgarski', 'Български'],
  ['hr', 'hrv', 'Croatian', 'Croate', 'Chorwacki', 'Hrvatski'],
  ['sr', 'srp', 'Serbian', 'Serbe', 'Serbski', 'Српски'],
  ['sl', 'slv', 'Slovenian', 'Slovène', 'Słoweński', 'Slovenščina'],
  ['iu', 'iku', 'Inuktitut', 'ᐃᓄᒃᑎᑐᑦ'],
  ['cr', 'cre', 'Cree', 'Cri', 'Kri'],
];

/** Folded key → alpha-2. Built once; a key claimed by two languages is a table bug (a test checks). */
export const LANGUAGE_KEYS: ReadonlyMap<string, string> = (() => {
  const keys = new Map<string, string>();
  const add = (key: string, code: string) => {
    if (key !== '' && !keys.has(key)) keys.set(key, code);
  };
  for (const [alpha2, ...names] of LANGUAGES) for (const name of [alpha2, ...names]) add(foldForSearch(name), alpha2);
  for (const code of LANGUAGE_CODES) add(code, code);
  return keys;
})();

/** For the table-consistency test: every (folded name, language) pair as written in the table. */
export function languageTableEntries(): readonly (readonly [string, string])[] {
  return LANGUAGES.flatMap(([alpha2, ...names]) => [alpha2, ...names].map((name) => [foldForSearch(name), alpha2] as const));
}

/** `fr-CA`, `en_US`, `zh-Hant-TW`, `fra-FR`: the language subtag before the region or script. */
const LOCALE_TAG = /^([a-z]{2,3})[-_][a-z0-9]{2,8}(?:[-_][a-z0-9]{1,8})*$/i;

export function normalizeLanguage(raw: unknown): Normalized<string> {
  const text = rawText(raw);
  if (!isScalar(raw)) return reject('expected a single language, found a list or an object', text);
  if (isBlank(raw)) return accept(null, text);
  const trimmed = text.trim();
  const tag = LOCALE_TAG.exec(trimmed);
  // `French (Canada)`, `Français (Québec)`: the language, then where it is spoken.
  const folded = foldForSearch(tag?.[1] ?? trimmed.replace(/\s*\([^)]*\)\s*$/u, ''));
  if (folded === '') return reject('not a language', text);
  const code = LANGUAGE_KEYS.get(folded);
  return code === undefined ? reject('unknown language', text) : accept(code, text);
}
