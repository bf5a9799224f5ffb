/**
 * The comparable record: what the identity model knows of one customer record, whatever it came from (an
 * import, a connector, the Febrl test files), and the features it is compared on. Preparing the features
 * once per record (folding, nickname groups, canonical emails and phones, parsed street) keeps the pair
 * loop to string comparisons.
 *
 * Pure TypeScript: no Node API, no database, so the same code runs in the worker, in tests and in scripts.
 */
import { soundex } from './soundex';
import { canonicalGiven, nicknameGroups } from './nicknames';

/** One customer record as the model sees it. Blank values are null (or absent from the lists). */
export interface IdentityRecord {
  /** Opaque key: never compared. */
  id: string;
  given: string | null;
  family: string | null;
  /** `YYYY-MM-DD` or `YYYYMMDD`; a corrupted date is still compared digit by digit. */
  birthDate: string | null;
  /** Street line: number and street name ("6 Tullaroop St"). */
  street: string | null;
  /** Second address line (building, locality, apartment), when the source has one. */
  street2?: string | null;
  city: string | null;
  postalCode: string | null;
  region: string | null;
  emails: readonly string[];
  phones: readonly string[];
  /** A national identifier (SSN, NIR, PESEL): used only when both records have one. */
  nationalId?: string | null;
}

/** The features of a record, computed once. Every text is folded; null means "no evidence". */
export interface Features {
  id: string;
  given: string | null;
  family: string | null;
  /** Nickname groups of the given name (see nicknames.ts). */
  givenGroups: readonly number[];
  /** Eight digits YYYYMMDD, or null when the date does not have eight digits. */
  birth: string | null;
  streetNumber: string | null;
  /** Street name with abbreviations expanded ("tullaroop street"). */
  streetName: string | null;
  street2: string | null;
  city: string | null;
  postalCode: string | null;
  region: string | null;
  emails: readonly string[];
  phones: readonly string[];
  /**
   * The emails and phones not known to be a household's (see markHouseholdIdentifiers): until that pass has run
   * over the whole set, every one. Sharing one of these is evidence about the person, not only the household.
   */
  personalEmails: readonly string[];
  personalPhones: readonly string[];
  nationalId: string | null;
  /**
   * Which fields have a value, one bit each (PRESENCE_FIELDS): the pair loops ask "does either record have
   * this?" a dozen times a pair, and a bit test costs nothing where reading a field by its name does.
   */
  present: number;
}

/** The fields of Features.present, in bit order. */
export const PRESENCE_FIELDS = [
  'given',
  'family',
  'birth',
  'streetNumber',
  'streetName',
  'street2',
  'city',
  'postalCode',
  'region',
  'nationalId',
  'emails',
  'phones',
  'personalEmails',
  'personalPhones',
] as const;
export type PresenceField = (typeof PRESENCE_FIELDS)[number];

/** The bits of some fields in Features.present. */
export function presenceMask(fields: readonly PresenceField[]): number {
  let mask = 0;
  for (const field of fields) mask |= 1 << PRESENCE_FIELDS.indexOf(field);
  return mask;
}

function presenceOf(record: Features): number {
  let mask = 0;
  PRESENCE_FIELDS.forEach((field, bit) => {
    const value = record[field];
    if (Array.isArray(value) ? value.length > 0 : value !== null) mask |= 1 << bit;
  });
  return mask;
}

// ---------------------------------------------------------------------------------------------------------
// Folding. main/ingest/normalize/text.ts has the tuned version for imports, but a capability may only import
// another's index, and ingest's index pulls in storage; the model must stay pure. This is the same rule in
// short: NFKD, drop combining marks, our own table for letters NFKD leaves alone (ł → l), punctuation → space.

const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ł: 'l',
  đ: 'd',
  ð: 'd',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
  ŀ: 'l',
};
const MARKS = /\p{M}/gu;
const SPECIAL = /[łđðøæœßþıħŧŀ]/g;
const NOT_ALNUM = /[^\p{L}\p{N}]+/gu;
const PLAIN = /^[a-z0-9]+(?: [a-z0-9]+)*$/;

/** Comparison form of a text: `Łódź-Wiśniewska` → `lodz wisniewska`. Blank → null. */
export function fold(input: string | null | undefined): string | null {
  if (input === null || input === undefined) return null;
  if (PLAIN.test(input)) return input;
  const folded = input
    .toLowerCase()
    .normalize('NFKD')
    .replace(MARKS, '')
    .replace(SPECIAL, (char) => SPECIAL_LETTERS[char] ?? char)
    .replace(NOT_ALNUM, ' ')
    .trim();
  return folded === '' ? null : folded;
}

// ---------------------------------------------------------------------------------------------------------
// Emails and phones.

/** Providers that ignore dots in the local part. */
const DOTLESS_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

/**
 * Canonical email: lower case; `+tag` dropped (most providers deliver `a+shop@x` to `a@x`); for Gmail the dots
 * in the local part are dropped and googlemail.com is gmail.com. Not an address: null.
 */
export function canonicalEmail(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const email = raw.trim().toLowerCase();
  const at = email.lastIndexOf('@');
  if (at <= 0 || at === email.length - 1) return null;
  let local = email.slice(0, at);
  let domain = email.slice(at + 1);
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  if (domain === 'googlemail.com') domain = 'gmail.com';
  if (DOTLESS_DOMAINS.has(domain)) local = local.replaceAll('.', '');
  return local === '' ? null : `${local}@${domain}`;
}

/**
 * Comparable phone: its digits, last nine kept, so `+33 6 12 34 56 78`, `0612345678` and `0033612345678` agree
 * (the national trunk prefix and the country code differ; the subscriber number does not). Fewer than six
 * digits is not a phone number.
 */
export function canonicalPhone(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const digits = raw.replace(/\D/g, '');
  if (digits.length < 6) return null;
  return digits.length > 9 ? digits.slice(-9) : digits;
}

// ---------------------------------------------------------------------------------------------------------
// Streets.

/** Street-type abbreviations (EN, FR) → the full word, so `12 Main St` and `12 main street` are equal. */
const STREET_WORDS: Readonly<Record<string, string>> = {
  st: 'street',
  str: 'street',
  rd: 'road',
  ave: 'avenue',
  av: 'avenue',
  avn: 'avenue',
  blvd: 'boulevard',
  boul: 'boulevard',
  bd: 'boulevard',
  bvd: 'boulevard',
  dr: 'drive',
  drv: 'drive',
  ln: 'lane',
  ct: 'court',
  crt: 'court',
  pl: 'place',
  plc: 'place',
  cres: 'crescent',
  cr: 'crescent',
  cct: 'circuit',
  cir: 'circuit',
  hwy: 'highway',
  pde: 'parade',
  tce: 'terrace',
  ter: 'terrace',
  sq: 'square',
  cl: 'close',
  gr: 'grove',
  pkwy: 'parkway',
  wy: 'way',
  mt: 'mount',
  apt: 'apartment',
  ste: 'suite',
  ch: 'chemin',
  che: 'chemin',
  rte: 'route',
  imp: 'impasse',
  fg: 'faubourg',
  n: 'north',
  s: 'south',
  e: 'east',
  w: 'west',
};

/** `12b Main St.` → number `12b`, name `main street`. The number is the first token that starts with a digit. */
export function parseStreet(raw: string | null | undefined): { number: string | null; name: string | null } {
  const folded = fold(raw);
  if (folded === null) return { number: null, name: null };
  const words = folded.split(' ');
  let number: string | null = null;
  const name: string[] = [];
  for (const word of words) {
    if (number === null && /^\d/.test(word)) number = word;
    else name.push(STREET_WORDS[word] ?? word);
  }
  return { number, name: name.length === 0 ? null : name.join(' ') };
}

// ---------------------------------------------------------------------------------------------------------

/** Eight digits YYYYMMDD from `1990-02-19`, `19900219`; anything else → null. */
export function birthDigits(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const digits = raw.replace(/\D/g, '');
  return digits.length === 8 ? digits : null;
}

/** Postal codes: folded and without spaces (`H2X 1Y4` = `h2x1y4`). */
function postal(raw: string | null | undefined): string | null {
  const folded = fold(raw);
  return folded === null ? null : folded.replaceAll(' ', '');
}

function unique(values: readonly (string | null)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== null))];
}

/** All the features of one record. */
export function features(record: IdentityRecord): Features {
  const given = fold(record.given);
  const street = parseStreet(record.street);
  const nationalId = fold(record.nationalId);
  const emails = unique(record.emails.map(canonicalEmail));
  const phones = unique(record.phones.map(canonicalPhone));
  const prepared: Features = {
    id: record.id,
    given,
    family: fold(record.family),
    givenGroups: given === null ? [] : nicknameGroups(given),
    birth: birthDigits(record.birthDate),
    streetNumber: street.number,
    streetName: street.name,
    street2: fold(record.street2),
    city: fold(record.city),
    postalCode: postal(record.postalCode),
    region: fold(record.region),
    emails,
    phones,
    personalEmails: emails,
    personalPhones: phones,
    nationalId: nationalId === null ? null : nationalId.replaceAll(' ', ''),
    present: 0,
  };
  // Set on the object as built (one shape for every record): a copy spread with the bit mask added cost a
  // million records half a gigabyte of heap.
  prepared.present = presenceOf(prepared);
  return prepared;
}

/** One key per first name, the same for its nicknames and most typos: the sound of its canonical form. */
function givenKey(given: string): string {
  return soundex(canonicalGiven(given));
}

/**
 * Marks the household identifiers of a record set: an email or phone that records with two different first
 * names carry (a landline, a family mailbox). Sharing one says "same household", which spouses, children and
 * twins also are; it stays evidence in the weights but no longer counts as evidence about the person (the
 * noPersonEvidence veto). Nicknames and typos of one name share a key, so one person's variants do not make
 * their own mobile a household's. Linear in the records; run once over the whole set before comparing.
 */
/** Given and family keyed the other way round on one side: each crossing agrees where both fields are there. */
function namesCrossed(a: { given: string; family: string | null }, b: { given: string; family: string | null }): boolean {
  const givenAsFamily = b.family === null ? null : a.given === b.family;
  const familyAsGiven = a.family === null ? null : a.family === b.given;
  return givenAsFamily !== false && familyAsGiven !== false && (givenAsFamily === true || familyAsGiven === true);
}

export function markHouseholdIdentifiers(records: readonly Features[]): void {
  for (const field of ['emails', 'phones'] as const) {
    const firstKeys = new Map<string, { given: string; family: string | null }>();
    const household = new Set<string>();
    for (const record of records) {
      if (record.given === null) continue;
      // A record with its names keyed the other way round is still the same person (two family names agreeing
      // are not: households share them; nor is a given name in the other's family field beside two given names that differ).
      const keys = { given: givenKey(record.given), family: record.family === null ? null : givenKey(record.family) };
      for (const value of record[field]) {
        const seen = firstKeys.get(value);
        if (seen === undefined) firstKeys.set(value, keys);
        else if (seen.given !== keys.given && !namesCrossed(seen, keys)) household.add(value);
      }
    }
    if (household.size === 0) continue;
    for (const record of records) {
      const values = record[field];
      if (!values.some((value) => household.has(value))) continue;
      const personal = values.filter((value) => !household.has(value));
      if (field === 'emails') record.personalEmails = personal;
      else record.personalPhones = personal;
      record.present = presenceOf(record);
    }
  }
}
