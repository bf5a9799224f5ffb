/**
 * A first mapping for a new source, from its headers and a few sample rows. It is a suggestion the
 * steward confirms or edits, so it prefers leaving a column unmapped to mapping it wrongly: a header
 * maps to a field only when it names the field (possibly with neutral words around it: `Customer Email`,
 * `Téléphone principal`, `email_2`). Sample values break ties and catch mislabelled columns (an `Adresse`
 * column full of email addresses), and decide the date formats and the decimal separator.
 */
import { parseAmount } from '../normalize/amount';
import { looksLikeFlag } from '../normalize/boolean';
import { normalizeCountry } from '../normalize/country';
import { normalizeLanguage } from '../normalize/language';
import type { DateKind } from '../normalize/date';
import { detectDateFormat, detectDecimal } from '../normalize/detect-format';
import { looksLikeEmail } from '../normalize/email';
import { normalizePersonName } from '../normalize/name';
import { normalizePhone } from '../normalize/phone';
import { normalizePostalCode } from '../normalize/postal';
import { isBlank } from '../normalize/result';
import { looksLikeStatus } from '../normalize/subscription-status';
import { foldForSearch } from '../normalize/text';
import type { RawRow } from '../types';
import { Mapping, type MappingColumn, type TargetField } from './fields';
import { isPlainObject, readPath } from './paths';
import { isThirdPartyPath } from './third-party';
import { guessFromValues, looksLikeEventList, type ValueCandidate } from './value-guess';
import {
  BARE_ID_PHRASES,
  CONSENT_ELEMENT_PHRASES,
  CONSENT_LIST_WORDS,
  CONSENT_WORDS,
  DATE_WORDS,
  EVENT_ELEMENT_PHRASES,
  EVENT_LIST_WORDS,
  FIELD_PHRASES,
  LOYALTY_CARD_PHRASES,
  NEUTRAL_WORDS,
  MAILING_LIST_IGNORED,
  MAILING_LIST_PHRASES,
  MAILING_LIST_PURPOSE,
  OPT_OUT_WORDS,
  PURPOSE_STOP_WORDS,
  PURPOSE_WORDS,
} from './vocabulary';

export interface SuggestOptions {
  /** The vault's or source's country; otherwise the most common country in the samples, else CA. */
  readonly defaultCountry?: string;
  /** Clock for the date plausibility ranges used when testing formats. */
  readonly now?: Date;
}

// ---------------------------------------------------------------------------------------------------------
// Header words

/** `firstName`, `First_Name`, `FIRST NAME`, `email2` → ['first', 'name'], ['email', '2']. */
export function headerTokens(header: string): string[] {
  const spaced = header
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{L})(\p{N})/gu, '$1 $2')
    .replace(/(\p{N})(\p{L})/gu, '$1 $2');
  const folded = foldForSearch(spaced);
  return folded === '' ? [] : folded.split(' ');
}

const joinedOf = (phrase: string) => foldForSearch(phrase).replaceAll(' ', '');
const foldedSet = (words: readonly string[]) => new Set(words.map(joinedOf));

const NEUTRAL = foldedSet(NEUTRAL_WORDS);
const CONSENT_JOINED = foldedSet(CONSENT_WORDS);
const OPT_OUT_JOINED = foldedSet(OPT_OUT_WORDS);
const DATE_JOINED = foldedSet(DATE_WORDS);
const PURPOSE_STOP = foldedSet(PURPOSE_STOP_WORDS);
const PURPOSES: readonly (readonly [string, ReadonlySet<string>])[] = PURPOSE_WORDS.map(([purpose, words]) => [purpose, foldedSet(words)]);
const EVENT_LISTS = foldedSet(EVENT_LIST_WORDS);
const CONSENT_LISTS = foldedSet(CONSENT_LIST_WORDS);

interface Run {
  readonly start: number;
  readonly end: number;
}

/** Where a run of consecutive tokens spells `joined` (`['e', 'mail']` spells `email`). */
function findRun(tokens: readonly string[], joined: string): Run | null {
  for (let start = 0; start < tokens.length; start += 1) {
    let text = '';
    for (let end = start; end < tokens.length; end += 1) {
      text += tokens[end];
      if (text === joined) return { start, end: end + 1 };
      if (text.length >= joined.length || !joined.startsWith(text)) break;
    }
  }
  return null;
}

const isNeutral = (token: string) => NEUTRAL.has(token) || /^\d+$/.test(token);

/**
 * How well a phrase names a header: 1 for the whole header, the share of its letters otherwise, 0 when
 * the phrase is absent or the rest of the header is not neutral (`date_inscription` is not an event date).
 */
function phraseScore(tokens: readonly string[], joined: string): number {
  const run = findRun(tokens, joined);
  if (run === null) return 0;
  const rest = [...tokens.slice(0, run.start), ...tokens.slice(run.end)];
  if (!rest.every(isNeutral)) return 0;
  const meaningful = tokens.filter((token) => !/^\d+$/.test(token)).join('').length;
  return meaningful === 0 ? 0 : joined.length / meaningful;
}

const hasAny = (tokens: readonly string[], words: ReadonlySet<string>) => [...words].some((word) => findRun(tokens, word) !== null);

type Compiled<F> = readonly (readonly [F, readonly string[]])[];
const compile = <F>(table: readonly (readonly [F, readonly string[]])[]): Compiled<F> =>
  table.map(([field, phrases]) => [field, phrases.map(joinedOf)] as const);

const ROW_PHRASES = compile(FIELD_PHRASES);
const EVENT_ELEMENT = compile([...EVENT_ELEMENT_PHRASES, ...FIELD_PHRASES.filter(([field]) => field.startsWith('event.'))]);
const CONSENT_ELEMENT = compile(CONSENT_ELEMENT_PHRASES);
const LOYALTY = LOYALTY_CARD_PHRASES.map(joinedOf);
const BARE_ID = BARE_ID_PHRASES.map(joinedOf);

interface Guess {
  readonly field: TargetField;
  readonly score: number;
  readonly purpose?: string;
  /** For record keys: 0 customer number, 1 loyalty card, 2 bare id. */
  readonly keyRank?: number;
}

/** Every field the header could name, best first (ties keep the vocabulary's order). */
function rankFields<F extends TargetField>(tokens: readonly string[], table: Compiled<F>, withKeys = false): Guess[] {
  const guesses: Guess[] = [];
  for (const [field, phrases] of table) {
    const score = Math.max(0, ...phrases.map((phrase) => phraseScore(tokens, phrase)));
    if (score > 0) guesses.push({ field, score });
  }
  if (withKeys) {
    const card = Math.max(0, ...LOYALTY.map((phrase) => phraseScore(tokens, phrase)));
    if (card > 0) guesses.push({ field: 'sourceRecordId', score: card, keyRank: 1 });
    const bare = Math.max(0, ...BARE_ID.map((phrase) => phraseScore(tokens, phrase)));
    if (bare > 0) guesses.push({ field: 'sourceRecordId', score: bare, keyRank: 2 });
  }
  return guesses
    .map((guess) => (guess.field === 'sourceRecordId' && guess.keyRank === undefined ? { ...guess, keyRank: 0 } : guess))
    .sort((a, b) => b.score - a.score);
}

/** The purpose a consent header names: `consentement_infolettre` → newsletter, `zgoda_marketing` → marketing. */
function purposeOf(tokens: readonly string[]): string {
  const rest = tokens.filter((token) => !CONSENT_JOINED.has(token) && !DATE_JOINED.has(token) && !PURPOSE_STOP.has(token) && !/^\d+$/.test(token));
  // Two-token consent words (`opt in`) and purposes (`e mail`, `third party`) are matched on the joined text.
  const words: string[] = [];
  for (let index = 0; index < rest.length; index += 1) {
    const pair = index + 1 < rest.length ? `${rest[index]}${rest[index + 1]}` : null;
    if (pair !== null && CONSENT_JOINED.has(pair)) {
      index += 1;
      continue;
    }
    const pairPurpose = pair === null ? undefined : PURPOSES.find(([, synonyms]) => synonyms.has(pair));
    if (pairPurpose) {
      words.push(pairPurpose[0]);
      index += 1;
      continue;
    }
    const token = rest[index] as string;
    words.push(PURPOSES.find(([, synonyms]) => synonyms.has(token))?.[0] ?? token);
  }
  const unique = [...new Set(words.filter((word) => word !== 'opt' && word !== 'in'))];
  return unique.length === 0 ? 'general' : unique.join('_');
}

const MAILING_LIST = MAILING_LIST_PHRASES.map(([field, phrases]) => [field, new Set(phrases.map(joinedOf))] as const);
const MAILING_LIST_OTHER = foldedSet(MAILING_LIST_IGNORED);

/** A mailing list's status or time column (`OPTIN_TIME`, `status` with subscribed/unsubscribed values): the whole header, not a word in it. */
function mailingListGuess(tokens: readonly string[], samples: readonly unknown[]): Guess | 'ignored' | null {
  const joined = tokens.join('');
  if (MAILING_LIST_OTHER.has(joined)) return 'ignored';
  const field = MAILING_LIST.find(([, phrases]) => phrases.has(joined))?.[0];
  if (field === undefined) return null;
  if (field === 'consent.status' && !(samples.length > 0 && share(samples, looksLikeStatus) >= 0.8)) return null;
  return { field, score: 1, purpose: MAILING_LIST_PURPOSE };
}

/** A consent column (`optin_email`, `date_consentement_infolettre`), or a purpose alone with yes/no values. */
function consentGuess(tokens: readonly string[], samples: readonly unknown[]): Guess | null {
  const named = hasAny(tokens, CONSENT_JOINED);
  if (!named) {
    const meaningful = tokens.filter((token) => !PURPOSE_STOP.has(token) && !/^\d+$/.test(token));
    const allPurposes = meaningful.length > 0 && meaningful.every((token) => PURPOSES.some(([, synonyms]) => synonyms.has(token)));
    const flags = samples.length > 0 && samples.every(looksLikeFlag);
    // `newsletter: oui/non` is a consent; `sms` or `email` alone is a consent only if its values are yes/no.
    const newsletter = meaningful.length === 1 && PURPOSES.find(([purpose]) => purpose === 'newsletter')?.[1].has(meaningful[0] as string) === true;
    if (!allPurposes || !(flags || (newsletter && samples.length === 0))) return null;
  }
  const isDate = tokens.some((token) => DATE_JOINED.has(token));
  return { field: isDate ? 'consent.at' : 'consent.granted', score: 1, purpose: purposeOf(tokens) };
}

// ---------------------------------------------------------------------------------------------------------
// Sample values

const share = (samples: readonly unknown[], test: (value: unknown) => boolean) => (samples.length === 0 ? 1 : samples.filter(test).length / samples.length);

/** Whether the samples are plausible for a field (true when there are none: nothing says otherwise). */
function samplesFit(field: TargetField, samples: readonly unknown[], country: string, now: Date): boolean {
  if (samples.length === 0) return true;
  switch (field) {
    case 'email':
      return share(samples, (value) => typeof value === 'string' && looksLikeEmail(value)) >= 0.8;
    case 'phone':
      return share(samples, (value) => normalizePhone(value, country).ok) >= 0.5;
    case 'postalCode':
      return share(samples, (value) => normalizePostalCode(value, country).ok) >= 0.5;
    case 'country':
      return share(samples, (value) => normalizeCountry(value).ok) >= 0.5;
    case 'language':
      return share(samples, (value) => normalizeLanguage(value).ok) >= 0.5;
    case 'event.amount':
      return share(samples, (value) => parseAmount(value).ok) >= 0.8;
    case 'givenName':
    case 'familyName':
    case 'fullName':
      return share(samples, (value) => normalizePersonName(value).ok && !(typeof value === 'string' && looksLikeEmail(value))) >= 0.8;
    case 'birthDate':
    case 'event.at':
    case 'consent.at': {
      const kind: DateKind = field === 'birthDate' ? 'birth' : 'event';
      return detectDateFormat(samples, { kind, country, now }).failing <= samples.length * 0.2;
    }
    default:
      return true;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Columns, including nested JSON

type Context = 'row' | 'events' | 'consents';

interface Candidate {
  readonly column: string;
  readonly tokens: readonly string[];
  /** The last key's words alone, when `tokens` also holds its parent's. */
  readonly bareTokens: readonly string[];
  /** The enclosing object's words (`name` for `name.given`); none at a record's or a list element's top. */
  readonly parentTokens: readonly string[];
  readonly context: Context;
  readonly samples: readonly unknown[];
}

const MAX_DEPTH = 4;
const MAX_SAMPLES = 200;

function nonBlank(values: readonly unknown[]): unknown[] {
  return values.filter((value) => !isBlank(value)).slice(0, MAX_SAMPLES);
}

/** The keys seen in a set of objects, in first-seen order. */
function keysOf(objects: readonly Readonly<Record<string, unknown>>[]): string[] {
  const keys = new Set<string>();
  for (const object of objects) for (const key of Object.keys(object)) keys.add(key);
  return [...keys];
}

interface Lists {
  eventsPath?: string;
  consentsPath?: string;
}

/**
 * Flattens nested objects into dotted columns and picks the events and consents lists. A third party's
 * details (`orders[].ship_to`, `gift`) are left out whole: no field of the customer's comes from them.
 */
function collect(path: string, name: string, values: readonly unknown[], context: Context, depth: number, lists: Lists, out: Candidate[], now: Date): void {
  if (isThirdPartyPath(path)) return;
  const present = nonBlank(values);
  const objects = present.filter(isPlainObject);
  if (depth < MAX_DEPTH && objects.length > 0 && objects.length === present.length) {
    for (const key of keysOf(objects))
      collect(
        `${path}.${key}`,
        key,
        objects.map((object) => readPath(object, key)),
        context,
        depth + 1,
        lists,
        out,
        now,
      );
    return;
  }
  const arrays = present.filter(Array.isArray);
  if (context === 'row' && arrays.length > 0 && arrays.length === present.length) {
    const elements = arrays.flat();
    const elementObjects = elements.filter(isPlainObject);
    if (elementObjects.length > 0 && elementObjects.length === elements.length) {
      const listTokens = headerTokens(name);
      const listContext: Context | null =
        lists.consentsPath === undefined && hasAny(listTokens, CONSENT_LISTS)
          ? 'consents'
          : lists.eventsPath === undefined && (hasAny(listTokens, EVENT_LISTS) || looksLikeEventList(elementObjects, now))
            ? 'events'
            : null;
      // Other lists of objects (`addresses`) have no place in a mapping: left to the raw record.
      if (listContext === null) return;
      if (listContext === 'events') lists.eventsPath = path;
      else lists.consentsPath = path;
      for (const key of keysOf(elementObjects))
        collect(
          `${path}[].${key}`,
          key,
          elementObjects.map((object) => readPath(object, key)),
          listContext,
          depth + 1,
          lists,
          out,
          now,
        );
      return;
    }
    const tokens = headerTokens(name);
    out.push({ column: path, tokens, bareTokens: tokens, parentTokens: [], context, samples: nonBlank(elements) });
    return;
  }
  // Inside a nested object the key alone may be too vague (`store.name`, `address.line1`): keep the parent's words too.
  const tokens = headerTokens(name);
  const parentKey = path.includes('.') ? (path.slice(0, path.lastIndexOf('.')).split('.').at(-1) ?? '') : '';
  const parent = parentKey.endsWith('[]') ? [] : headerTokens(parentKey);
  const oneWord = tokens.filter((token) => !/^\d+$/.test(token)).length === 1;
  out.push({
    column: path,
    tokens: parent.length > 0 && oneWord && context === 'row' ? [...parent, ...tokens] : tokens,
    bareTokens: tokens,
    parentTokens: parent,
    context,
    samples: present,
  });
}

function candidatesOf(headers: readonly string[], rows: readonly RawRow[], lists: Lists, now: Date): Candidate[] {
  const out: Candidate[] = [];
  for (const header of headers) {
    if (header.trim() === '' || header.length > 500) continue;
    collect(
      header,
      header,
      rows.map((row) => readPath(row.values, header)),
      'row',
      0,
      lists,
      out,
      now,
    );
  }
  return out;
}

function guessesFor(candidate: Candidate): Guess[] {
  switch (candidate.context) {
    case 'consents':
      return rankFields(candidate.tokens, CONSENT_ELEMENT);
    case 'events': {
      const ranked = rankFields(candidate.tokens, EVENT_ELEMENT);
      // `store.name` is the store; `guest.name` is a person, never a place.
      const placeParent = candidate.parentTokens.length === 0 || rankFields(candidate.parentTokens, EVENT_ELEMENT)[0]?.field === 'event.place';
      return placeParent ? ranked : ranked.filter((guess) => guess.field !== 'event.place');
    }
    case 'row': {
      // Before the opt-out words: `UNSUB_TIME` is a mailing list's withdrawal, not an opt-out flag.
      const listColumn = mailingListGuess(candidate.tokens, candidate.samples);
      if (listColumn === 'ignored') return [];
      if (listColumn !== null) return [listColumn];
      if (hasAny(candidate.tokens, OPT_OUT_JOINED)) return [];
      const consent = consentGuess(candidate.tokens, candidate.samples);
      if (consent !== null) return [consent];
      const ranked = rankFields(candidate.tokens, ROW_PHRASES, true);
      if (ranked.length > 0 || candidate.parentTokens.length === 0) return ranked;
      // Words read in the parent-first order may say nothing that key-first does (`name.given` is a given
      // name); the parent's words (`profil.prenom`) may also have spoiled a key that is clear alone.
      const keyFirst = rankFields([...candidate.bareTokens, ...candidate.parentTokens], ROW_PHRASES, true);
      return keyFirst.length > 0 ? keyFirst : rankFields(candidate.bareTokens, ROW_PHRASES, true);
    }
  }
}

interface Ranked {
  readonly candidate: Candidate;
  readonly guesses: readonly Guess[];
}

/**
 * Inside the events and consents lists: one column per field, the shallowest (`orders[].id` over
 * `orders[].store.id`), and the fields no name gave taken from the values (`placed_at` is the order's date).
 */
function withValueGuesses(ranked: readonly Ranked[], now: Date): Ranked[] {
  const taken = new Set<TargetField>();
  const depth = (column: string) => column.split('.').length;
  const byDepth = ranked.filter(({ candidate }) => candidate.context !== 'row').sort((a, b) => depth(a.candidate.column) - depth(b.candidate.column));
  const dropped = new Set<Candidate>();
  for (const { candidate, guesses } of byDepth) {
    const field = guesses[0]?.field;
    if (field === undefined) continue;
    if (taken.has(field)) dropped.add(candidate);
    taken.add(field);
  }
  const unnamed: ValueCandidate[] = ranked.flatMap(({ candidate, guesses }) =>
    candidate.context !== 'row' && guesses.length === 0
      ? [{ column: candidate.column, tokens: candidate.bareTokens, context: candidate.context, samples: candidate.samples }]
      : [],
  );
  const fromValues = guessFromValues(unnamed, taken, now);
  return ranked.map(({ candidate, guesses }) => {
    if (dropped.has(candidate)) return { candidate, guesses: [] };
    const field = fromValues.get(candidate.column);
    return field === undefined || candidate.context === 'row' ? { candidate, guesses } : { candidate, guesses: [{ field, score: 0.5 }] };
  });
}

// ---------------------------------------------------------------------------------------------------------

const mostCommon = (values: readonly string[]): string | undefined => {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
};

export function suggestMapping(headers: readonly string[], sampleRows: readonly RawRow[] = [], options: SuggestOptions = {}): Mapping {
  const now = options.now ?? new Date();
  const lists: Lists = {};
  const candidates = candidatesOf(headers, sampleRows, lists, now);
  const ranked = withValueGuesses(
    candidates.map((candidate) => ({ candidate, guesses: guessesFor(candidate) })),
    now,
  );

  // The default country first: phone and postal samples are judged in it.
  const countrySamples = ranked
    .filter(({ guesses }) => guesses[0]?.field === 'country')
    .flatMap(({ candidate }) => candidate.samples.map((value) => normalizeCountry(value)))
    .flatMap((result) => (result.ok && result.value !== null ? [result.value] : []));
  const defaultCountry =
    options.defaultCountry !== undefined && /^[A-Z]{2}$/.test(options.defaultCountry) ? options.defaultCountry : (mostCommon(countrySamples) ?? 'CA');

  const chosen: { candidate: Candidate; guess: Guess }[] = [];
  for (const { candidate, guesses } of ranked) {
    const emails = candidate.context === 'row' && candidate.samples.length > 0 && samplesFit('email', candidate.samples, defaultCountry, now);
    // Values decide over a misleading header: a column of email addresses is an email column.
    if (emails && !guesses.some((guess) => guess.field.startsWith('consent.'))) {
      const key = guesses.find((guess) => guess.field === 'sourceRecordId');
      chosen.push({ candidate, guess: { field: 'email', score: 1, ...(key ? { keyRank: key.keyRank } : {}) } });
      continue;
    }
    const top = guesses[0];
    if (top === undefined) continue;
    // Among equally good names, the first whose samples fit; a lower-scored name only if the top one's don't.
    const fitting = guesses.find((guess) => samplesFit(guess.field, candidate.samples, defaultCountry, now));
    chosen.push({ candidate, guess: fitting ?? top });
  }

  // One record key: the best customer-number column. Other key-like columns are demoted: a bare `id`
  // next to a customer number in a file with events is the transaction number; the rest stay unmapped.
  const keys = chosen
    .filter(({ guess }) => guess.field === 'sourceRecordId')
    .sort((a, b) => (a.guess.keyRank ?? 0) - (b.guess.keyRank ?? 0) || b.guess.score - a.guess.score);
  const hasEvents = chosen.some(({ guess }) => guess.field.startsWith('event.'));
  const hasEventId = chosen.some(({ guess }) => guess.field === 'event.id');
  const columns: MappingColumn[] = [];
  const key = keys[0];
  for (const entry of chosen) {
    const { candidate, guess } = entry;
    if (guess.field === 'sourceRecordId' && entry !== key) {
      if (guess.keyRank === 2 && hasEvents && !hasEventId) columns.push({ column: candidate.column, field: 'event.id' });
      continue;
    }
    columns.push(
      guess.purpose === undefined ? { column: candidate.column, field: guess.field } : { column: candidate.column, field: guess.field, purpose: guess.purpose },
    );
  }

  const emailKey = chosen.find(({ guess }) => guess.field === 'email' && guess.keyRank !== undefined) ?? chosen.find(({ guess }) => guess.field === 'email');
  const recordKey = key?.candidate.column ?? emailKey?.candidate.column ?? candidates[0]?.column ?? 'id';

  const samplesOf = (fields: readonly TargetField[]) =>
    chosen.filter(({ guess }) => fields.includes(guess.field)).flatMap(({ candidate }) => candidate.samples);
  // Read from the values (see normalize/detect-format): a day above 12 settles day/month, else the country.
  const dateFormat = detectDateFormat(samplesOf(['event.at', 'consent.at', 'consent.optInAt', 'consent.confirmedAt', 'consent.withdrawnAt']), {
    kind: 'event',
    country: defaultCountry,
    now,
    fallback: 'iso',
  }).format;
  const birthDateFormat = detectDateFormat(samplesOf(['birthDate']), { kind: 'birth', country: defaultCountry, now, fallback: 'YYYY-MM-DD' }).format;
  const { decimal } = detectDecimal(samplesOf(['event.amount']));
  const hasType = columns.some((column) => column.field === 'event.type');
  const hasAmount = columns.some((column) => column.field === 'event.amount');

  const mapping: Mapping = {
    version: 1,
    columns,
    recordKey,
    dateFormat,
    birthDateFormat,
    defaultCountry,
    ...(decimal === undefined ? {} : { decimal }),
    ...(lists.eventsPath !== undefined && columns.some((column) => column.column.startsWith(`${lists.eventsPath}[]`)) ? { eventsPath: lists.eventsPath } : {}),
    ...(lists.consentsPath !== undefined && columns.some((column) => column.column.startsWith(`${lists.consentsPath}[]`))
      ? { consentsPath: lists.consentsPath }
      : {}),
    ...(hasAmount && !hasType ? { eventType: 'purchase' } : {}),
  };
  // Built to be valid; parsing proves it (and strips nothing): a failure here is a bug to see in tests.
  return Mapping.parse(mapping);
}
