/**
 * People in households, as they are before any system records them. The hard negatives of identity matching
 * live here: spouses at one address and one landline (sharing a surname or not, by the habits of their
 * culture), adult children, twins born the same day, a junior named exactly as his father, a household
 * mailbox everyone uses, and namesakes in the same city. Households are made one at a time and forgotten,
 * so a million records need no more memory than a few households (plus the set that keeps mailboxes unique).
 */
import { CITIES, CULTURES, EMAIL_DOMAINS, STREET_NAMES, STREET_TYPES, type City, type Culture, type CultureName, type StreetType } from './cultures';
import type { Dice } from './random';
import { canonicalEmail } from '../model/record';

export interface Address {
  number: string;
  type: StreetType;
  name: string;
  /** Apartment, when there is one. */
  unit: string | null;
  city: City;
  postalCode: string;
}

export interface Person {
  entity: number;
  culture: Culture;
  sex: 'm' | 'f';
  given: string;
  /** The surname the person goes by now. */
  family: string;
  /** Birth surname, when it differs (a married name was taken). */
  maiden: string | null;
  /** YYYYMMDD. */
  birth: string;
  mobile: string | null;
  email: string | null;
}

export interface Household {
  id: number;
  address: Address;
  /** Where the household lived before, for records that were never updated. */
  previous: Address | null;
  landline: string | null;
  previousLandline: string | null;
  /** A mailbox the whole household uses ("famille.tremblay@…"). */
  mailbox: string | null;
  members: Person[];
}

const CULTURE_SHARES: readonly (readonly [CultureName, number])[] = [
  ['fr', 0.42],
  ['en', 0.22],
  ['pl', 0.1],
  ['it', 0.07],
  ['uk', 0.06],
  ['es', 0.07],
  ['de', 0.06],
];
const CANADA = CITIES.filter((city) => city.country === 'ca');
const POLAND = CITIES.filter((city) => city.country === 'pl');
const REFERENCE_YEAR = 2025;

function cultureOf(dice: Dice): Culture {
  let draw = dice.next();
  for (const [name, share] of CULTURE_SHARES) {
    draw -= share;
    if (draw < 0) return CULTURES[name];
  }
  return CULTURES.fr;
}

/** Polish surnames agree with the person's sex: Kowalski, Kowalska. */
function surnameFor(base: string, culture: Culture, sex: 'm' | 'f'): string {
  if (culture.name !== 'pl' || sex === 'm') return base;
  return base.endsWith('ski') || base.endsWith('cki') || base.endsWith('dzki') ? `${base.slice(0, -1)}a` : base;
}

const ASCII_ONLY = /^[\x20-\x7e]*$/;
/** Names and streets come from short lists, so their plain forms are cached (bounded: typos add a few more). */
const PLAIN_FORMS = new Map<string, string>();

function ascii(text: string): string {
  if (ASCII_ONLY.test(text)) return text;
  let plain = PLAIN_FORMS.get(text);
  if (plain === undefined) {
    plain = text.normalize('NFKD').replace(/\p{M}/gu, '').replace(/ł/g, 'l').replace(/Ł/g, 'L');
    if (PLAIN_FORMS.size < 50_000) PLAIN_FORMS.set(text, plain);
  }
  return plain;
}

function postalCode(dice: Dice, city: City): string {
  const prefix = dice.pick(city.postalPrefixes);
  if (city.country === 'pl') return `${prefix}-${dice.digits(3)}`;
  const letter = (): string => String.fromCharCode(65 + dice.int(26));
  return `${prefix} ${dice.digits(1)}${letter()}${dice.digits(1)}`;
}

function address(dice: Dice, city: City, culture: Culture): Address {
  const style = city.country === 'pl' ? 'pl' : culture.name === 'fr' || (city.region === 'QC' && dice.chance(0.6)) ? 'fr' : 'en';
  // Most buildings have small numbers; a few suburban ones run into the thousands.
  const number = dice.chance(0.8) ? String(dice.between(1, 400)) : String(dice.between(400, 9999));
  const unit =
    city.name === 'Montréal' || city.country === 'pl'
      ? dice.chance(0.35)
        ? String(dice.between(1, 40))
        : null
      : dice.chance(0.1)
        ? String(dice.between(1, 20))
        : null;
  return { number, type: dice.zipf(STREET_TYPES[style]), name: dice.zipf(STREET_NAMES[style]), unit, city, postalCode: postalCode(dice, city) };
}

export function phoneNumber(dice: Dice, city: City): string {
  return city.country === 'pl'
    ? `+48${dice.pick(city.areaCodes)}${dice.digits(9 - dice.pick(city.areaCodes).length)}`
    : `+1${dice.pick(city.areaCodes)}${dice.digits(7)}`;
}

/** Keeps personal and household mailboxes unique: a second Jean Tremblay at Gmail is jean.tremblay2. */
/**
 * Addresses handed out once each, as a mail provider does: by the mailbox they reach, so john.smith@ and
 * johnsmith@ at Gmail (one mailbox) never go to two people.
 */
export class Mailboxes {
  private readonly taken = new Set<string>();
  claim(local: string, domain: string): string {
    for (let suffix = 1; ; suffix += 1) {
      const address = suffix === 1 ? `${local}@${domain}` : `${local}${suffix}@${domain}`;
      const mailbox = canonicalEmail(address) ?? address;
      if (this.taken.has(mailbox)) continue;
      this.taken.add(mailbox);
      return address;
    }
  }
}

function localPart(text: string): string {
  return ascii(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

function personalEmail(dice: Dice, person: Person, country: 'ca' | 'pl', mailboxes: Mailboxes): string {
  const given = localPart(person.given);
  const family = localPart(person.family);
  const year = person.birth.slice(2, 4);
  const local = dice.pick([
    `${given}.${family}`,
    `${given}${family}`,
    `${given[0] ?? 'x'}${family}`,
    `${family}.${given}`,
    `${given}${year}`,
    `${given}.${family}${year}`,
    `${given}_${dice.digits(3)}`,
  ]);
  return mailboxes.claim(local, dice.zipf(EMAIL_DOMAINS[country]));
}

function birthDate(dice: Dice, year: number): string {
  return `${year}${String(dice.between(1, 12)).padStart(2, '0')}${String(dice.between(1, 28)).padStart(2, '0')}`;
}

interface Draft {
  sex: 'm' | 'f';
  given: string;
  family: string;
  maiden: string | null;
  birth: string;
  culture: Culture;
}

/** Given name of the culture, different from the siblings' (parents do not give two children one name). */
function givenName(dice: Dice, culture: Culture, sex: 'm' | 'f', avoid: readonly string[]): string {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const name = dice.zipf(sex === 'm' ? culture.male : culture.female);
    if (!avoid.includes(name)) return name;
  }
  return dice.pick(sex === 'm' ? culture.male : culture.female);
}

export interface PopulationState {
  nextEntity: number;
  mailboxes: Mailboxes;
  /** A recent adult per city, to make namesakes: same name, same city, another person. */
  recentByCity: Map<string, Draft>;
}

export function newPopulationState(): PopulationState {
  return { nextEntity: 0, mailboxes: new Mailboxes(), recentByCity: new Map() };
}

/** One household and its members, each with a fresh entity number. */
export function household(dice: Dice, id: number, state: PopulationState): Household {
  const culture = cultureOf(dice);
  const city = culture.name === 'pl' && dice.chance(0.6) ? dice.zipf(POLAND) : dice.zipf(CANADA);
  const home = address(dice, city, culture);
  const drafts: Draft[] = [];
  const kind = dice.next();
  const withChildren = kind >= 0.55;
  const firstYear = withChildren ? dice.between(1948, 1983) : dice.between(1945, 2004);
  const firstSex = dice.chance(0.5) ? 'm' : 'f';
  const familyBase = dice.zipf(culture.surnames);
  const first: Draft = {
    sex: firstSex,
    given: givenName(dice, culture, firstSex, []),
    family: surnameFor(familyBase, culture, firstSex),
    maiden: null,
    birth: birthDate(dice, firstYear),
    culture,
  };
  // Namesakes: common names recur in a city anyway (Zipf); this makes a few exact ones on purpose.
  const recent = state.recentByCity.get(city.name);
  if (recent !== undefined && recent.culture === culture && dice.chance(0.03)) {
    first.sex = recent.sex;
    first.given = recent.given;
    first.family = recent.family;
  }
  state.recentByCity.set(city.name, first);
  drafts.push(first);

  const couple = kind >= 0.3 && kind < 0.92;
  if (couple) drafts.push(spouse(dice, first, familyBase, culture, firstYear));
  if (withChildren) {
    const father = drafts.find((draft) => draft.sex === 'm');
    const children = dice.between(1, 3);
    const twins = children >= 2 && dice.chance(0.12);
    const youngestParent = Math.max(...drafts.map((draft) => Number(draft.birth.slice(0, 4))));
    const childFamily = childSurname(dice, drafts, culture);
    for (let child = 0; child < children; child += 1) {
      const sex = dice.chance(0.5) ? 'm' : 'f';
      const natural = youngestParent + dice.between(20, 38);
      // Only children old enough to be customers (16+) are in the data.
      const year = natural > REFERENCE_YEAR - 16 ? REFERENCE_YEAR - 16 - dice.int(6) : natural;
      const sibling = drafts[drafts.length - 1] as Draft;
      const birth = twins && child === 1 ? sibling.birth : birthDate(dice, year);
      // A junior: the first son named exactly as his father, common in English-speaking families.
      const junior = child === 0 && sex === 'm' && father !== undefined && father.family === childFamily && dice.chance(culture.name === 'en' ? 0.25 : 0.05);
      const given = junior
        ? (father as Draft).given
        : givenName(
            dice,
            culture,
            sex,
            drafts.map((draft) => draft.given),
          );
      drafts.push({ sex, given, family: surnameFor(childFamily, culture, sex), maiden: null, birth, culture });
    }
  }

  const country = city.country;
  const landline = dice.chance(country === 'ca' ? 0.55 : 0.3) ? phoneNumber(dice, city) : null;
  const mailbox = drafts.length > 1 && dice.chance(0.25) ? householdMailbox(dice, drafts, country, state.mailboxes) : null;
  const moved = dice.chance(0.12);
  const previousCity = moved && dice.chance(0.7) ? city : dice.zipf(country === 'pl' ? POLAND : CANADA);
  const members = drafts.map((draft): Person => {
    const person: Person = { ...draft, entity: state.nextEntity++, mobile: dice.chance(0.85) ? phoneNumber(dice, city) : null, email: null };
    if (dice.chance(0.8)) person.email = personalEmail(dice, person, country, state.mailboxes);
    return person;
  });
  return {
    id,
    address: home,
    previous: moved ? address(dice, previousCity, culture) : null,
    landline,
    previousLandline: moved && landline !== null ? phoneNumber(dice, previousCity) : null,
    mailbox,
    members,
  };
}

/** The partner of `first`: another culture now and then, a married name by the habits of the culture. */
function spouse(dice: Dice, first: Draft, familyBase: string, home: Culture, firstYear: number): Draft {
  const culture = dice.chance(0.1) ? cultureOf(dice) : home;
  const sex = dice.chance(0.04) ? first.sex : first.sex === 'm' ? 'f' : 'm';
  const own = surnameFor(dice.zipf(culture.surnames), culture, sex);
  const birth = birthDate(dice, Math.min(REFERENCE_YEAR - 18, firstYear + dice.between(-6, 6)));
  const draft: Draft = { sex, given: givenName(dice, culture, sex, [first.given]), family: own, maiden: null, birth, culture };
  const wife = sex === 'f' && first.sex === 'm' ? draft : sex === 'm' && first.sex === 'f' ? first : null;
  if (wife === null) return draft;
  // The husband's surname in its masculine form (Kowalski), which the wife would take as Kowalska.
  const husbandBase = wife === first ? own : familyBase;
  // Quebec (by law since 1981), Spain and Italy: a wife keeps her name. Elsewhere she mostly takes his, or
  // joins both, and some systems still know her by her maiden name.
  const keeps = { fr: 0.9, es: 0.95, it: 0.8, en: 0.25, pl: 0.1, uk: 0.15, de: 0.2 }[home.name];
  if (dice.chance(keeps)) return draft;
  const maiden = wife.family;
  const taken = surnameFor(husbandBase, home, 'f');
  wife.maiden = maiden;
  wife.family = dice.chance(home.name === 'pl' ? 0.2 : 0.1) ? `${maiden}-${taken}` : taken;
  return draft;
}

/** Children take the father's name, or both (Spanish: his first surname and hers; Quebec: sometimes hyphenated). */
function childSurname(dice: Dice, parents: readonly Draft[], culture: Culture): string {
  const father = parents.find((draft) => draft.sex === 'm') ?? (parents[0] as Draft);
  const mother = parents.find((draft) => draft !== father && draft.sex === 'f');
  const base = (name: string): string => (culture.name === 'pl' ? name.replace(/ska$/, 'ski').replace(/cka$/, 'cki') : name);
  const fatherName = base(father.maiden ?? father.family);
  if (mother === undefined) return fatherName;
  const motherName = (mother.maiden ?? mother.family).split('-')[0] as string;
  if (culture.name === 'es') return `${fatherName} ${motherName}`;
  if (culture.name === 'fr' && dice.chance(0.15)) return `${fatherName}-${motherName}`;
  return fatherName;
}

function householdMailbox(dice: Dice, members: readonly Draft[], country: 'ca' | 'pl', mailboxes: Mailboxes): string {
  const family = localPart(members[0]?.family ?? 'famille');
  const other = localPart(members[1]?.family ?? family);
  const local = dice.pick(
    country === 'pl'
      ? [`rodzina.${family}`, `${family}.dom`]
      : [`famille.${family}`, `the${family}s`, `${family}${other === family ? 'family' : other}`, `${family}.home`],
  );
  return mailboxes.claim(local, dice.zipf(EMAIL_DOMAINS[country]));
}

export { ascii };
