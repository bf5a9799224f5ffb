/**
 * Realistic customer exports for tests and benchmarks: deterministic for a seed (same seed, same bytes),
 * streamed to disk in ~1 MiB chunks so a million rows never sit in memory.
 *
 * Formats: `csv` (UTF-8, `,`), `csv-fr` (Windows-1252, `;`, French headers, decimal comma, CRLF),
 * `csv-pl` (Windows-1250, `;`, Polish headers, decimal comma, CRLF), `tsv` (UTF-8, tab, US-style dates,
 * a newsletter tool's export), `ndjson` and `json` (nested records with consents and orders), `till` and
 * `till-fr` (one row per purchase, the customer repeated on each row, keyed by loyalty card; till.ts).
 *
 * Messiness (default rates, scalable): households of 2–4 sharing an address and a landline, typos,
 * missing accents, upper-case names, extra spaces, ~1 % broken e-mails, ~0.5 % unreadable dates,
 * ~0.2 % rows without a customer number, values starting with = + - @, exact duplicate rows and
 * different people under the same customer number. And what real exports showed besides:
 * - Customers living in France or Poland keep their national habits in a Canadian company's file: most
 *   of their phones have no country code (`601 234 567`, `06 12 34 56 78`; about a quarter of csv/tsv
 *   rows, from the locale mix), so only the row's country explains them.
 * - ~1 % of phones in a hand-written international form (`0048 601…`, `(+48) 601…`, `+33 (0)6…`,
 *   `011 33…` dialled from Canada, `001 514…` from Europe) that strict parsing does not read alone.
 * - ~2 % of postal codes of another country than the row's (moved abroad, or a defaulted country cell).
 * - tsv: ~1 % of rows repeat an earlier subscriber (same e-mail) as `unsubscribed`: a consent withdrawn
 *   later in the same file, which must win over the earlier `yes`.
 * - JSON: `{ given, family }` or only `{ full }` names (~10 %), orders with `placed_at` in local,
 *   offset or UTC time, a currency, and ~5 % shipped to a third party (`ship_to`); see records.ts.
 * - Tills: cardless and anonymous purchases, cards damaged by Excel (`6,03314E+15`), day-first
 *   dates with a time and no zone; see till.ts.
 * GenerateStats counts each kind so an import's accounting can be checked against it; the CLI writes
 * them beside the file (`<file>.counts.json`). Till rows are counted by kind as written, duplicates
 * included, and add up to the rows; the other counts are per generated customer or record, an exact
 * duplicate row being counted once, in duplicateRows.
 */
import fs from 'node:fs';
import iconv from 'iconv-lite';
import { COUNTRY, GIVEN, FAMILY, GROUP, LOCALE_MIX, type City, type Locale } from './data';
import {
  badDate,
  badEmail,
  birthDate,
  emailAddress,
  formatDate,
  landline,
  mobilePhone,
  pickCity,
  postalCode,
  streetLine,
  type DateFormat,
  type Ymd,
} from './people';
import { Rng, weights, type Weighted } from './random';
import { extraSpaces, fitToEncoding, quoteField, stripAccents, transpose } from './text';
import { TILL_HEADERS, TillRows } from './till';
import { handwrittenInternational, jsonRecord, type JsonContext } from './records';

export const FORMATS = ['csv', 'csv-fr', 'csv-pl', 'tsv', 'ndjson', 'json', 'till', 'till-fr'] as const;
export type Format = (typeof FORMATS)[number];

export interface MessinessRates {
  /** Probability that a new customer starts a household (2–4 people sharing address and landline). */
  readonly household: number;
  readonly missingAccents: number;
  readonly upperCase: number;
  readonly lowerCase: number;
  readonly extraSpaces: number;
  readonly transposed: number;
  readonly badEmail: number;
  readonly blankEmail: number;
  readonly badDate: number;
  readonly blankBirthDate: number;
  readonly blankPhone: number;
  /** Two numbers in one cell, or an extension. */
  readonly oddPhone: number;
  readonly missingId: number;
  /** A value starting with = + - @ (spreadsheet formula injection material). */
  readonly formula: number;
  /** The same row exported twice. */
  readonly duplicateRow: number;
  /** A different person under a customer number already used. */
  readonly duplicateId: number;
  /** A postal code of another country than the row's own (moved abroad, or the country cell defaulted). */
  readonly foreignPostal: number;
  /** A phone in a hand-written international form: `0048 601…`, `(+48) 601…`, `+33 (0)6…`, `011 33…`. */
  readonly handwrittenPhone: number;
  /** tsv: a later row of the same customer (same e-mail) that says `unsubscribed`. */
  readonly unsubscribe: number;
  /** JSON: an order shipped to someone else (a gift: a third party's name and city). */
  readonly giftOrder: number;
  /** JSON: a customer whose name is only `{ full }`, not `{ given, family }`. */
  readonly fullName: number;
  /** Till: a purchase without card nor personal data. */
  readonly tillAnonymous: number;
  /** Till: a purchase without card but with a name and a phone or an e-mail. */
  readonly tillCardless: number;
  /** Till: a card turned into `6,03314E+15` by a spreadsheet. */
  readonly damagedCard: number;
}

export const DEFAULT_MESSINESS: MessinessRates = {
  household: 0.06,
  missingAccents: 0.05,
  upperCase: 0.03,
  lowerCase: 0.01,
  extraSpaces: 0.015,
  transposed: 0.006,
  badEmail: 0.01,
  blankEmail: 0.03,
  badDate: 0.005,
  blankBirthDate: 0.08,
  blankPhone: 0.03,
  oddPhone: 0.003,
  missingId: 0.002,
  formula: 0.0008,
  duplicateRow: 0.003,
  duplicateId: 0.001,
  foreignPostal: 0.02,
  handwrittenPhone: 0.01,
  unsubscribe: 0.01,
  giftOrder: 0.05,
  fullName: 0.1,
  tillAnonymous: 0.15,
  tillCardless: 0.15,
  damagedCard: 0.01,
};

export interface GenerateOptions {
  readonly count: number;
  readonly seed: number | string;
  readonly format: Format;
  readonly out: string;
  /** A multiplier of the default rates (0 = clean data, 1 = default), or explicit rates. */
  readonly messiness?: number | Partial<MessinessRates>;
  /** Birth-date format; each format has its own default (csv ISO, csv-fr DD/MM/YYYY, csv-pl DD.MM.YYYY, tsv MM/DD/YYYY). */
  readonly dateFormat?: DateFormat;
  /** Where to write the counts of each kind of row and mess as JSON (the ground truth an import is checked against). */
  readonly counts?: string;
}

export interface GenerateStats {
  customers: number;
  households: number;
  householdMembers: number;
  badEmails: number;
  badDates: number;
  missingIds: number;
  duplicateRows: number;
  duplicateIds: number;
  formulaValues: number;
  typos: number;
  foreignPostals: number;
  handwrittenPhones: number;
  unsubscribes: number;
  /** JSON orders, those shipped to a third party, and records with only a full name. */
  orders: number;
  giftOrders: number;
  fullNames: number;
  /** Till rows by kind; they add up to the rows written. */
  cardRows: number;
  damagedCardRows: number;
  cardlessRows: number;
  anonymousRows: number;
  /** Distinct cards that were damaged, and the distinct damaged texts they became (fewer: they collapse). */
  damagedCards: number;
  damagedCardTexts: number;
  /**
   * Till: the people an import should find. Distinct intact cards written (a card is one customer however
   * often it comes), and sales with no usable card but a name, a phone or an e-mail, exact duplicate rows
   * left out: each is its own customer until identity resolution says otherwise.
   */
  cards: number;
  keylessSales: number;
}

export interface GenerateResult {
  readonly file: string;
  readonly format: Format;
  readonly encoding: string;
  readonly delimiter: string | null;
  readonly dateFormat: DateFormat;
  readonly headers: readonly string[];
  /** Data rows (CSV/TSV/till lines after the header, JSON records). */
  readonly rows: number;
  readonly bytes: number;
  readonly ms: number;
  readonly stats: GenerateStats;
}

type Language = 'en' | 'fr' | 'pl';

interface FormatSpec {
  readonly encoding: string;
  readonly delimiter: string | null;
  readonly eol: string;
  readonly language: Language;
  readonly mix: Weighted<Locale>;
  readonly dateFormat: DateFormat;
  readonly headers: readonly string[];
}

export const FORMAT_SPECS: Readonly<Record<Format, FormatSpec>> = {
  csv: {
    encoding: 'utf-8',
    delimiter: ',',
    eol: '\n',
    language: 'en',
    mix: weights(LOCALE_MIX.mixed),
    dateFormat: 'YYYY-MM-DD',
    headers: [
      'customer_no',
      'first_name',
      'last_name',
      'email',
      'phone',
      'street',
      'city',
      'postal_code',
      'country',
      'birth_date',
      'consent_marketing',
      'lifetime_spend',
    ],
  },
  'csv-fr': {
    encoding: 'windows-1252',
    delimiter: ';',
    eol: '\r\n',
    language: 'fr',
    mix: weights(LOCALE_MIX.french),
    dateFormat: 'DD/MM/YYYY',
    headers: [
      'prénom',
      'nom',
      'courriel',
      'téléphone',
      'adresse',
      'ville',
      'code_postal',
      'pays',
      'date_de_naissance',
      'no_client',
      'consentement_marketing',
      'total_achats',
    ],
  },
  'csv-pl': {
    encoding: 'windows-1250',
    delimiter: ';',
    eol: '\r\n',
    language: 'pl',
    mix: weights(LOCALE_MIX.polish),
    dateFormat: 'DD.MM.YYYY',
    headers: [
      'imię',
      'nazwisko',
      'e-mail',
      'telefon',
      'ulica',
      'miasto',
      'kod_pocztowy',
      'kraj',
      'data_urodzenia',
      'id_klienta',
      'zgoda_marketing',
      'wartość_zakupów',
    ],
  },
  tsv: {
    encoding: 'utf-8',
    delimiter: '\t',
    eol: '\n',
    language: 'en',
    mix: weights(LOCALE_MIX.mixed),
    dateFormat: 'MM/DD/YYYY',
    headers: [
      'Customer ID',
      'First Name',
      'Last Name',
      'Email',
      'Phone',
      'Street Address',
      'City',
      'ZIP/Postal Code',
      'Country',
      'Date of Birth',
      'Marketing Opt-In',
      'Lifetime Value',
    ],
  },
  ndjson: {
    encoding: 'utf-8',
    delimiter: null,
    eol: '\n',
    language: 'en',
    mix: weights(LOCALE_MIX.mixed),
    dateFormat: 'YYYY-MM-DD',
    headers: ['customer', 'address', 'consents', 'orders'],
  },
  json: {
    encoding: 'utf-8',
    delimiter: null,
    eol: '\n',
    language: 'en',
    mix: weights(LOCALE_MIX.mixed),
    dateFormat: 'YYYY-MM-DD',
    headers: ['customer', 'address', 'consents', 'orders'],
  },
  till: {
    encoding: 'utf-8',
    delimiter: ',',
    eol: '\n',
    language: 'en',
    mix: weights(LOCALE_MIX.till),
    dateFormat: 'DD/MM/YYYY',
    headers: TILL_HEADERS.till,
  },
  'till-fr': {
    encoding: 'windows-1252',
    delimiter: ';',
    eol: '\r\n',
    language: 'fr',
    mix: weights(LOCALE_MIX.till),
    dateFormat: 'DD/MM/YYYY',
    headers: TILL_HEADERS['till-fr'],
  },
};

/** Column order of the CSV-like customer formats, by meaning. */
const CUSTOMER_COLUMNS: Readonly<Record<'csv' | 'csv-fr' | 'csv-pl' | 'tsv', readonly FieldName[]>> = {
  csv: ['id', 'first', 'last', 'email', 'phone', 'street', 'city', 'postal', 'country', 'birth', 'consent', 'spend'],
  tsv: ['id', 'first', 'last', 'email', 'phone', 'street', 'city', 'postal', 'country', 'birth', 'consent', 'spend'],
  'csv-fr': ['first', 'last', 'email', 'phone', 'street', 'city', 'postal', 'country', 'birth', 'id', 'consent', 'spend'],
  'csv-pl': ['first', 'last', 'email', 'phone', 'street', 'city', 'postal', 'country', 'birth', 'id', 'consent', 'spend'],
};
const PLAIN_FIELDS: ReadonlySet<FieldName> = new Set(['id', 'postal', 'consent', 'spend']);
type FieldName = 'id' | 'first' | 'last' | 'email' | 'phone' | 'street' | 'city' | 'postal' | 'country' | 'birth' | 'consent' | 'spend';

const COUNTRY_NAME_WEIGHTS: Readonly<Record<Language | 'iso', Readonly<Record<'CA' | 'FR' | 'US' | 'PL', readonly (readonly [string, number])[]>>>> = {
  en: {
    CA: [
      ['Canada', 70],
      ['CA', 20],
      ['CAN', 5],
      ['canada', 5],
    ],
    FR: [
      ['France', 80],
      ['FR', 20],
    ],
    US: [
      ['United States', 40],
      ['USA', 30],
      ['US', 25],
      ['U.S.A.', 5],
    ],
    PL: [
      ['Poland', 70],
      ['PL', 20],
      ['Polska', 10],
    ],
  },
  fr: {
    CA: [
      ['Canada', 85],
      ['CA', 15],
    ],
    FR: [
      ['France', 90],
      ['FR', 10],
    ],
    US: [
      ['États-Unis', 80],
      ['USA', 20],
    ],
    PL: [
      ['Pologne', 85],
      ['PL', 15],
    ],
  },
  pl: {
    CA: [
      ['Kanada', 90],
      ['CA', 10],
    ],
    FR: [
      ['Francja', 90],
      ['FR', 10],
    ],
    US: [
      ['USA', 70],
      ['Stany Zjednoczone', 30],
    ],
    PL: [
      ['Polska', 85],
      ['PL', 10],
      ['POLSKA', 5],
    ],
  },
  iso: { CA: [['CA', 1]], FR: [['FR', 1]], US: [['US', 1]], PL: [['PL', 1]] },
};

const COUNTRY_NAMES = Object.fromEntries(
  Object.entries(COUNTRY_NAME_WEIGHTS).map(([language, byCountry]) => [
    language,
    Object.fromEntries(Object.entries(byCountry).map(([country, table]) => [country, weights(table)])),
  ]),
) as Record<Language | 'iso', Record<'CA' | 'FR' | 'US' | 'PL', Weighted<string>>>;

/** Locales of the other countries, for a postal code that does not match the row's country. */
const FOREIGN_LOCALES: Readonly<Record<'CA' | 'FR' | 'US' | 'PL', readonly Locale[]>> = {
  CA: ['fr', 'us', 'pl'],
  FR: ['qc', 'us', 'pl'],
  US: ['qc', 'ca', 'fr', 'pl'],
  PL: ['qc', 'ca', 'fr', 'us'],
};

const CONSENT_WORDS: Readonly<Record<Language, readonly [string, string]>> = { en: ['yes', 'no'], fr: ['oui', 'non'], pl: ['tak', 'nie'] };
const LOCALE_LANGUAGE: Readonly<Record<Locale, Language>> = { qc: 'fr', fr: 'fr', ca: 'en', us: 'en', pl: 'pl' };

const FORMULAS = [
  '=1+2',
  '=HYPERLINK("http://example.com/promo","Promo")',
  "=cmd|' /C calc'!A0",
  '@SUM(A1:A9)',
  '+Appt 5',
  '-',
  '--',
  '=A1',
  '@home',
  '-Marie',
];

interface Household {
  readonly locale: Locale;
  readonly city: City;
  readonly street: string;
  readonly postal: string;
  readonly landline: string;
  readonly last: string;
  /** A shared family address some members give. */
  email: string;
  remaining: number;
}

/** One customer, before rendering. */
export interface Person {
  readonly locale: Locale;
  first: string;
  last: string;
  email: string | null;
  phones: string[];
  /** Index into `phones` of the number a single-phone column shows. */
  primaryPhone: number;
  street: string;
  city: string;
  postal: string;
  readonly country: 'CA' | 'FR' | 'US' | 'PL';
  birth: Ymd | string | null;
  id: string | null;
  consent: boolean | null;
  /** A later newsletter row of this customer withdraws the consent. */
  unsubscribed?: boolean;
  /** When the consent answer was recorded (ms since epoch). */
  consentAt: number;
  spendCents: number;
}

function mergeRates(messiness: GenerateOptions['messiness']): MessinessRates {
  if (messiness === undefined) return DEFAULT_MESSINESS;
  if (typeof messiness === 'number') {
    const scaled = {} as Record<keyof MessinessRates, number>;
    for (const key of Object.keys(DEFAULT_MESSINESS) as (keyof MessinessRates)[]) scaled[key] = Math.min(1, DEFAULT_MESSINESS[key] * messiness);
    return scaled;
  }
  return { ...DEFAULT_MESSINESS, ...messiness };
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** Genders the Polish adjectival surnames: "Wiśniewski|Wiśniewska". */
function surnameFor(entry: string, gender: 'm' | 'f'): string {
  const bar = entry.indexOf('|');
  if (bar < 0) return entry;
  return gender === 'm' ? entry.slice(0, bar) : entry.slice(bar + 1);
}

/** Re-genders a household's surname for a member of the other gender. */
function householdSurname(last: string, gender: 'm' | 'f', locale: Locale): string {
  if (locale !== 'pl') return last;
  for (const entry of FAMILY.pl) {
    const bar = entry.indexOf('|');
    if (bar > 0 && (entry.slice(0, bar) === last || entry.slice(bar + 1) === last)) return surnameFor(entry, gender);
  }
  return last;
}

class Generator {
  readonly stats: GenerateStats = {
    customers: 0,
    households: 0,
    householdMembers: 0,
    badEmails: 0,
    badDates: 0,
    missingIds: 0,
    duplicateRows: 0,
    duplicateIds: 0,
    formulaValues: 0,
    typos: 0,
    foreignPostals: 0,
    handwrittenPhones: 0,
    unsubscribes: 0,
    orders: 0,
    giftOrders: 0,
    fullNames: 0,
    cardRows: 0,
    damagedCardRows: 0,
    cardlessRows: 0,
    anonymousRows: 0,
    damagedCards: 0,
    damagedCardTexts: 0,
    cards: 0,
    keylessSales: 0,
  };
  readonly rates: MessinessRates;
  private readonly spec: FormatSpec;
  private readonly dateFormat: DateFormat;
  /** Characters that force a CSV field into quotes for this format's delimiter. */
  private readonly needsQuotes: RegExp;
  private nextCustomer = 1;
  private readonly json: JsonContext;
  /** Household members waiting for their row: row index → households. */
  private readonly pending = new Map<number, Household[]>();
  /** Household members whose row has come: the next new customers. */
  private readonly ready: Household[] = [];
  /** Recent customer numbers, for "same number, different person". */
  private readonly recentIds: string[] = [];

  constructor(
    private readonly rng: Rng,
    private readonly format: Format,
    messiness: GenerateOptions['messiness'],
    dateFormat: DateFormat | undefined,
  ) {
    this.rates = mergeRates(messiness);
    this.spec = FORMAT_SPECS[format];
    this.dateFormat = dateFormat ?? this.spec.dateFormat;
    this.json = { rng, rates: this.rates, stats: this.stats, nextOrder: 1 };
    this.needsQuotes = new RegExp(`["\r\n${this.spec.delimiter === '\t' ? '\\t' : (this.spec.delimiter ?? ',')}]`);
  }

  customerNumber(sequence: number): string {
    switch (this.format) {
      case 'csv':
      case 'tsv':
        return `C${pad(sequence, 7)}`;
      case 'csv-fr':
        return pad(sequence, 7);
      case 'csv-pl':
        return String(100_000 + sequence);
      case 'till':
      case 'till-fr':
        // A bijective scramble of the sequence: unique 16-digit cards (the length Excel damages) that do
        // not look sequential, under one issuer prefix as real loyalty programmes have.
        return `603314${pad(Number((BigInt(sequence) * 2_654_435_761n) % 10_000_000_000n), 10)}`;
      default:
        return `cus_${pad(sequence, 8)}`;
    }
  }

  /** Called once per row: household members due at this row become the next new customers. */
  tick(index: number): void {
    const due = this.pending.get(index);
    if (due) {
      this.pending.delete(index);
      this.ready.push(...due);
    }
  }

  /** The next new customer for row `index`: a waiting household member, or someone new. */
  newPerson(index: number): Person {
    const household = this.ready.pop();
    if (household) {
      household.remaining -= 1;
      if (household.remaining > 0) this.schedule(household, index);
      this.stats.householdMembers += 1;
      return this.makePerson(household.locale, household);
    }
    const locale = this.rng.weighted(this.spec.mix);
    if (this.rng.chance(this.rates.household)) {
      const city = pickCity(this.rng, locale);
      const household: Household = {
        locale,
        city,
        street: streetLine(this.rng, GROUP[locale]),
        postal: postalCode(this.rng, locale, city),
        landline: landline(this.rng, locale, city),
        last: surnameFor(this.rng.pickSkewed(FAMILY[locale]), 'm'),
        email: '',
        remaining: this.rng.int(1, 3),
      };
      this.stats.households += 1;
      this.stats.householdMembers += 1;
      this.schedule(household, index);
      return this.makePerson(locale, household);
    }
    return this.makePerson(locale, null);
  }

  private schedule(household: Household, index: number): void {
    const at = index + this.rng.int(1, 3_000);
    const list = this.pending.get(at);
    if (list) list.push(household);
    else this.pending.set(at, [household]);
  }

  private makePerson(locale: Locale, household: Household | null): Person {
    const rng = this.rng;
    const gender = rng.chance(0.5) ? 'f' : 'm';
    const first = rng.pickSkewed(GIVEN[locale][gender], 1.5);
    const sharesName = household !== null && (locale === 'pl' ? rng.chance(0.85) : rng.chance(0.6));
    const last = sharesName ? householdSurname(household.last, gender, locale) : surnameFor(rng.pickSkewed(FAMILY[locale]), gender);
    const city = household?.city ?? pickCity(rng, locale);
    const birth = birthDate(rng);
    const mobile = mobilePhone(rng, locale, city);
    const phones: string[] = [];
    let primaryPhone = 0;
    if (household) {
      phones.push(household.landline);
      if (rng.chance(0.7)) phones.push(mobile);
      primaryPhone = phones.length > 1 && rng.chance(0.3) ? 1 : 0;
    } else {
      if (rng.chance(0.9)) phones.push(mobile);
      if (phones.length === 0 || rng.chance(0.2)) phones.push(landline(rng, locale, city));
      primaryPhone = rng.chance(0.8) ? 0 : phones.length - 1;
    }
    const sequence = this.nextCustomer;
    this.nextCustomer += 1;
    const person: Person = {
      locale,
      first,
      last,
      email: household && rng.chance(0.2) ? this.familyEmail(household, birth.year) : emailAddress(rng, locale, first, last, birth.year),
      phones,
      primaryPhone,
      street: household?.street ?? streetLine(rng, GROUP[locale]),
      city: rng.chance(0.08) && city.variants ? rng.pick(city.variants) : city.name,
      postal: household?.postal ?? postalCode(rng, locale, city),
      country: COUNTRY[locale],
      birth,
      id: this.customerNumber(sequence),
      consent: rng.chance(0.05) ? null : rng.chance(0.45),
      consentAt: Date.UTC(2018, 4, 25) + Math.floor(rng.float() * 7 * 365 * 86_400) * 1000,
      spendCents: rng.chance(0.002) ? -rng.int(100, 9_999) : Math.round(rng.float() ** 2.5 * 800_000),
    };
    this.roughen(person);
    this.stats.customers += 1;
    return person;
  }

  private familyEmail(household: Household, birthYear: number): string {
    if (!household.email) {
      const word = household.locale === 'pl' ? 'rodzina' : household.locale === 'qc' || household.locale === 'fr' ? 'famille' : 'family';
      household.email = emailAddress(this.rng, household.locale, word, household.last, birthYear);
    }
    return household.email;
  }

  /** Applies the messiness to one person. */
  private roughen(person: Person): void {
    const rng = this.rng;
    const rates = this.rates;
    let typo = false;
    if (rng.chance(rates.missingAccents)) {
      person.first = stripAccents(person.first);
      person.last = stripAccents(person.last);
      person.city = stripAccents(person.city);
      typo = true;
    }
    if (rng.chance(rates.upperCase)) {
      person.last = person.last.toUpperCase();
      if (rng.chance(0.5)) person.first = person.first.toUpperCase();
      typo = true;
    } else if (rng.chance(rates.lowerCase)) {
      person.first = person.first.toLowerCase();
      person.last = person.last.toLowerCase();
      typo = true;
    }
    if (rng.chance(rates.transposed)) {
      if (rng.chance(0.5)) person.first = transpose(rng, person.first);
      else person.last = transpose(rng, person.last);
      typo = true;
    }
    if (rng.chance(rates.extraSpaces)) {
      const which = rng.int(0, 2);
      if (which === 0) person.first = extraSpaces(rng, person.first);
      else if (which === 1) person.last = extraSpaces(rng, person.last);
      else person.street = extraSpaces(rng, person.street);
      typo = true;
    }
    if (typo) this.stats.typos += 1;

    if (rng.chance(rates.blankEmail)) person.email = null;
    else if (rng.chance(rates.badEmail)) {
      person.email = badEmail(rng, person.first, person.last, person.locale);
      this.stats.badEmails += 1;
    }

    if (rng.chance(rates.blankPhone)) person.phones = [];
    else if (rng.chance(rates.oddPhone) && person.phones.length > 0) {
      const phone = person.phones[person.primaryPhone]!;
      person.phones[person.primaryPhone] = rng.chance(0.5)
        ? `${phone} / ${mobilePhone(rng, person.locale, pickCity(rng, person.locale))}`
        : `${phone} ${person.locale === 'pl' ? 'wew.' : person.locale === 'qc' || person.locale === 'fr' ? 'poste' : 'ext.'} ${rng.int(10, 999)}`;
    } else if (rng.chance(rates.handwrittenPhone) && person.phones.length > 0) {
      person.phones[person.primaryPhone] = handwrittenInternational(rng, person.phones[person.primaryPhone]!, person.country);
      this.stats.handwrittenPhones += 1;
    }

    if (rng.chance(rates.foreignPostal)) {
      const elsewhere = rng.pick(FOREIGN_LOCALES[person.country]);
      person.postal = postalCode(rng, elsewhere, pickCity(rng, elsewhere));
      this.stats.foreignPostals += 1;
    }

    if (rng.chance(rates.blankBirthDate)) person.birth = null;
    else if (rng.chance(rates.badDate)) {
      person.birth = badDate(rng, this.dateFormat, person.locale);
      this.stats.badDates += 1;
    }

    if (rng.chance(rates.missingId)) {
      person.id = null;
      this.stats.missingIds += 1;
    } else if (rng.chance(rates.duplicateId) && this.recentIds.length > 0) {
      person.id = rng.pick(this.recentIds);
      this.stats.duplicateIds += 1;
    } else if (person.id !== null) {
      if (this.recentIds.length < 5_000) this.recentIds.push(person.id);
      else this.recentIds[rng.int(0, this.recentIds.length - 1)] = person.id;
    }

    if (rng.chance(rates.formula)) {
      const value = rng.pick(FORMULAS);
      switch (rng.int(0, 3)) {
        case 0:
          person.first = value;
          break;
        case 1:
          person.last = value;
          break;
        case 2:
          person.street = value;
          break;
        default:
          person.city = value;
      }
      this.stats.formulaValues += 1;
    }
  }

  private birthText(person: Person): string {
    if (person.birth === null) return '';
    return typeof person.birth === 'string' ? person.birth : formatDate(person.birth, this.dateFormat);
  }

  private spendText(cents: number): string {
    const sign = cents < 0 ? '-' : '';
    const absolute = Math.abs(cents);
    const units = Math.floor(absolute / 100);
    const fraction = absolute % 100;
    const decimals = fraction < 10 ? `0${fraction}` : String(fraction);
    if (this.spec.language === 'en') return `${sign}${units}.${decimals}`;
    // French and Polish spreadsheets write a decimal comma and often group thousands with a no-break space.
    if (units >= 1000 && this.rng.chance(0.1)) return `${sign}${Math.floor(units / 1000)}\u00a0${String(units % 1000).padStart(3, '0')},${decimals}`;
    return `${sign}${units},${decimals}`;
  }

  private consentText(person: Person): string {
    if (person.unsubscribed) return 'unsubscribed';
    if (person.consent === null) return '';
    const language = this.spec.language === 'en' ? LOCALE_LANGUAGE[person.locale] : this.rng.chance(0.9) ? this.spec.language : LOCALE_LANGUAGE[person.locale];
    const word = CONSENT_WORDS[language][person.consent ? 0 : 1];
    const casing = this.rng.float();
    return casing < 0.04 ? word.toUpperCase() : casing < 0.1 ? word[0]!.toUpperCase() + word.slice(1) : word;
  }

  private countryText(person: Person): string {
    return this.rng.weighted(COUNTRY_NAMES[this.spec.language][person.country]);
  }

  /** A CSV/TSV customer line, without the line ending. */
  customerLine(person: Person): string {
    const delimiter = this.spec.delimiter!;
    const columns = CUSTOMER_COLUMNS[this.format as keyof typeof CUSTOMER_COLUMNS];
    const needsQuotes = this.needsQuotes;
    let line = '';
    for (let index = 0; index < columns.length; index += 1) {
      if (index > 0) line += delimiter;
      const name = columns[index]!;
      const value = this.field(person, name);
      // Numbers, codes and dates we format ourselves never hold a delimiter or a quote.
      line += PLAIN_FIELDS.has(name) || !needsQuotes.test(value) ? value : quoteField(value, delimiter);
    }
    return line;
  }

  private field(person: Person, name: FieldName): string {
    switch (name) {
      case 'id':
        return person.id ?? '';
      case 'first':
        return person.first;
      case 'last':
        return person.last;
      case 'email':
        return person.email ?? '';
      case 'phone':
        return person.phones[person.primaryPhone] ?? '';
      case 'street':
        return person.street;
      case 'city':
        return person.city;
      case 'postal':
        return person.postal;
      case 'country':
        return this.countryText(person);
      case 'birth':
        return this.birthText(person);
      case 'consent':
        return this.consentText(person);
      default:
        return this.spendText(person.spendCents);
    }
  }

  /** The nested JSON record (ndjson/json). */
  jsonRecord(person: Person): string {
    return jsonRecord(this.json, person, person.birth === null ? null : this.birthText(person), this.countryText(person));
  }
}

/**
 * Encodes lines straight into a 1 MiB buffer (UTF-8 through Buffer#write, Windows code pages through a
 * byte table with best-fit for missing letters) and writes it when full: no joined strings, little garbage.
 */
export class ChunkWriter {
  private readonly buffer = Buffer.allocUnsafe(1 << 20);
  private offset = 0;
  private readonly utf8: boolean;
  private readonly table: Uint8Array | null;
  bytes = 0;

  constructor(
    private readonly handle: fs.promises.FileHandle,
    private readonly encoding: string,
  ) {
    this.utf8 = /^utf-?8$/i.test(encoding);
    this.table = this.utf8 ? null : byteTable(encoding);
  }

  /** Encodes text into the buffer; true when the buffer is nearly full and `flush()` should be awaited. */
  add(text: string): boolean {
    if (this.offset + text.length * 3 > this.buffer.length) {
      // Only a single enormous line gets here with a fresh buffer: encode it on its own.
      this.pendingLarge.push(this.utf8 ? Buffer.from(text, 'utf8') : iconv.encode(fitToEncoding(text, this.encoding), this.encoding));
      return true;
    }
    if (this.utf8) this.offset += this.buffer.write(text, this.offset, 'utf8');
    else {
      const table = this.table!;
      const buffer = this.buffer;
      let offset = this.offset;
      for (let index = 0; index < text.length; index += 1) {
        const code = text.charCodeAt(index);
        const byte = code < 0x80 ? code : table[code]!;
        if (byte !== 0 || code === 0) buffer[offset++] = byte;
        else {
          const fitted = fitToEncoding(text[index]!, this.encoding);
          for (let inner = 0; inner < fitted.length; inner += 1) buffer[offset++] = table[fitted.charCodeAt(inner)] || fitted.charCodeAt(inner);
        }
      }
      this.offset = offset;
    }
    return this.offset > this.buffer.length - 65_536;
  }

  private pendingLarge: Buffer[] = [];

  async flush(): Promise<void> {
    if (this.offset > 0) {
      await this.handle.write(this.buffer, 0, this.offset);
      this.bytes += this.offset;
      this.offset = 0;
    }
    for (const large of this.pendingLarge.splice(0)) {
      await this.handle.write(large);
      this.bytes += large.length;
    }
  }
}

const byteTables = new Map<string, Uint8Array>();

/** char code → byte for a single-byte code page; 0 where the code page has no such character. */
function byteTable(encoding: string): Uint8Array {
  let table = byteTables.get(encoding);
  if (!table) {
    table = new Uint8Array(65_536);
    for (let code = 0; code < 0x80; code += 1) table[code] = code;
    for (let byte = 0x80; byte <= 0xff; byte += 1) {
      const char = iconv.decode(Buffer.from([byte]), encoding);
      if (char.length === 1 && char !== '\ufffd') table[char.charCodeAt(0)] = byte;
    }
    byteTables.set(encoding, table);
  }
  return table;
}

export async function generateCustomers(options: GenerateOptions): Promise<GenerateResult> {
  const { count, format, out } = options;
  if (!FORMATS.includes(format)) throw new Error(`unknown format ${String(format)}; expected one of ${FORMATS.join(', ')}`);
  if (!Number.isInteger(count) || count < 0) throw new Error(`count must be a non-negative integer, got ${count}`);
  const started = process.hrtime.bigint();
  const spec = FORMAT_SPECS[format];
  const rng = new Rng(`${options.seed}:${format}`);
  const generator = new Generator(rng, format, options.messiness, options.dateFormat);
  const rates = generator.rates;
  const handle = await fs.promises.open(out, 'w');
  const writer = new ChunkWriter(handle, spec.encoding);
  const eol = spec.eol;
  /** Recently written rows, for exact duplicates. */
  const recent: string[] = [];
  const remember = (row: string): void => {
    if (recent.length < 2_000) recent.push(row);
    else recent[rng.int(0, recent.length - 1)] = row;
  };
  try {
    if (format === 'json' || format === 'ndjson') {
      if (format === 'json') writer.add(`[${eol}`);
      for (let index = 0; index < count; index += 1) {
        generator.tick(index);
        let record: string;
        if (recent.length > 0 && rng.chance(rates.duplicateRow)) {
          record = rng.pick(recent);
          generator.stats.duplicateRows += 1;
        } else {
          record = generator.jsonRecord(generator.newPerson(index));
          remember(record);
        }
        if (writer.add(format === 'json' ? (index < count - 1 ? `${record},${eol}` : `${record}${eol}`) : `${record}${eol}`)) await writer.flush();
      }
      if (format === 'json') writer.add(`]${eol}`);
    } else if (format === 'till' || format === 'till-fr') {
      const till = new TillRows(rng, rates, generator.stats, format, count, (index) => generator.newPerson(index));
      writer.add(till.header + eol);
      for (let index = 0; index < count; index += 1) {
        generator.tick(index);
        if (writer.add(till.next(index) + eol)) await writer.flush();
      }
    } else {
      writer.add(spec.headers.map((header) => quoteField(header, spec.delimiter!)).join(spec.delimiter!) + eol);
      // Only the tsv is a newsletter tool's export, with its unsubscribe rows.
      const newsletter = format === 'tsv';
      const subscribers: Person[] = [];
      for (let index = 0; index < count; index += 1) {
        generator.tick(index);
        let line: string;
        if (recent.length > 0 && rng.chance(rates.duplicateRow)) {
          line = rng.pick(recent);
          generator.stats.duplicateRows += 1;
        } else if (subscribers.length > 0 && rng.chance(rates.unsubscribe)) {
          // The newsletter tool appends a row when someone unsubscribes; the earlier row stays.
          const at = rng.int(0, subscribers.length - 1);
          const person = subscribers[at]!;
          subscribers[at] = subscribers[subscribers.length - 1]!;
          subscribers.pop();
          line = generator.customerLine({ ...person, unsubscribed: true });
          generator.stats.unsubscribes += 1;
        } else {
          const person = generator.newPerson(index);
          line = generator.customerLine(person);
          remember(line);
          if (newsletter && person.consent === true && person.email !== null) {
            if (subscribers.length < 2_000) subscribers.push(person);
            else subscribers[rng.int(0, subscribers.length - 1)] = person;
          }
        }
        if (writer.add(line + eol)) await writer.flush();
      }
    }
    await writer.flush();
  } finally {
    await handle.close();
  }
  if (options.counts !== undefined) {
    const counts = { file: out, format, seed: options.seed, rows: count, stats: generator.stats };
    await fs.promises.writeFile(options.counts, `${JSON.stringify(counts, null, 2)}\n`);
  }
  return {
    file: out,
    format,
    encoding: spec.encoding,
    delimiter: spec.delimiter,
    dateFormat: options.dateFormat ?? spec.dateFormat,
    headers: spec.headers,
    rows: count,
    bytes: writer.bytes,
    ms: Number(process.hrtime.bigint() - started) / 1e6,
    stats: generator.stats,
  };
}
