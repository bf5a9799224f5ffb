/**
 * The ISO 639-1 languages (two-letter codes, 183), the one list of languages a person's record may hold and
 * the API accepts. A person's language is what a source says they prefer to be written to in; imports
 * read names and locale tags (`French`, `fr-CA`) into these codes (main/ingest/normalize/language.ts).
 */
import { z } from 'zod';

export const LANGUAGE_CODES: ReadonlySet<string> = new Set(
  (
    'aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff ' +
    'fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ' +
    'ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps ' +
    'pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ' +
    've vi vo wa wo xh yi yo za zh zu'
  ).split(' '),
);

export function isLanguageCode(code: string): boolean {
  return LANGUAGE_CODES.has(code);
}

/** A language as the API takes it: an ISO 639-1 code, either case, kept lower-case (`FR` → `fr`). */
export const LanguageCode = z
  .string()
  .trim()
  .transform((code) => code.toLowerCase())
  .refine(isLanguageCode, 'an ISO 639-1 language code such as en, fr, pl, es');
