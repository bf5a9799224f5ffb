/**
 * The four systems of a retailer and what each knows of a customer: the CRM (full profile, sometimes years
 * old), the tills (a loyalty card: the name the customer gave at the counter, often a diminutive, a landline,
 * a birthday for the coupon), the web shop (an email, a shipping address) and the newsletter (an email and
 * perhaps a first name). Each profile is data: how often a field is filled and how it is damaged.
 */
import { birthVariant, dropAccents, emailVariant, phoneFormat, typo } from './corrupt';
import type { Address, Household, Person } from './population';
import type { Dice } from './random';

export type SourceName = 'crm' | 'tills' | 'web' | 'newsletter';

export interface SourceProfile {
  name: SourceName;
  /** Share of people whose first record is here. */
  primary: number;
  /** Chance that a person first seen elsewhere also has a record here (a duplicate). */
  extra: number;
  /** Only people with an email can be here (one cannot subscribe to a newsletter without one). */
  needsEmail: boolean;
  /** Chance each field is filled. */
  filled: { given: number; family: number; birth: number; street: number; postalCode: number; email: number; phone: number };
  nickname: number;
  typo: number;
  /** The whole record typed on a keyboard or system without accents. */
  ascii: number;
  upper: number;
  swapNames: number;
  /** Not updated since the household moved. */
  oldAddress: number;
  /** The landline rather than the mobile, when the household has one. */
  landline: number;
  /** The household mailbox rather than the personal one, when both exist. */
  mailbox: number;
  emailVariant: number;
  excelDamage: number;
  birthError: number;
  abbreviate: number;
}

export const SOURCES: readonly SourceProfile[] = [
  {
    name: 'crm',
    primary: 0.25,
    extra: 0.12,
    needsEmail: false,
    filled: { given: 0.98, family: 0.98, birth: 0.7, street: 0.85, postalCode: 0.9, email: 0.7, phone: 0.8 },
    nickname: 0.05,
    typo: 0.05,
    ascii: 0.2,
    upper: 0.1,
    swapNames: 0.02,
    oldAddress: 0.5,
    landline: 0.5,
    mailbox: 0.3,
    emailVariant: 0.1,
    excelDamage: 0.04,
    birthError: 0.04,
    abbreviate: 0.4,
  },
  {
    name: 'tills',
    primary: 0.4,
    extra: 0.12,
    needsEmail: false,
    filled: { given: 0.95, family: 0.95, birth: 0.45, street: 0.35, postalCode: 0.9, email: 0.45, phone: 0.9 },
    nickname: 0.25,
    typo: 0.06,
    ascii: 0.5,
    upper: 0.4,
    swapNames: 0.03,
    oldAddress: 0.3,
    landline: 0.5,
    mailbox: 0.4,
    emailVariant: 0.2,
    excelDamage: 0.03,
    birthError: 0.05,
    abbreviate: 0.7,
  },
  {
    name: 'web',
    primary: 0.2,
    extra: 0.12,
    needsEmail: true,
    filled: { given: 0.97, family: 0.97, birth: 0.15, street: 0.9, postalCode: 0.95, email: 1, phone: 0.6 },
    nickname: 0.1,
    typo: 0.03,
    ascii: 0.3,
    upper: 0.02,
    swapNames: 0.01,
    oldAddress: 0.1,
    landline: 0.2,
    mailbox: 0.2,
    emailVariant: 0.4,
    excelDamage: 0,
    birthError: 0.03,
    abbreviate: 0.5,
  },
  {
    name: 'newsletter',
    primary: 0.15,
    extra: 0.08,
    needsEmail: true,
    filled: { given: 0.85, family: 0.7, birth: 0.15, street: 0, postalCode: 0.3, email: 1, phone: 0 },
    nickname: 0.2,
    typo: 0.03,
    ascii: 0.3,
    upper: 0.05,
    swapNames: 0.01,
    oldAddress: 0,
    landline: 0,
    mailbox: 0.3,
    emailVariant: 0.3,
    excelDamage: 0,
    birthError: 0.03,
    abbreviate: 0,
  },
];

/** Same person entered twice in one system (a second loyalty card, a CRM double entry). */
export const SAME_SOURCE_REPEAT = 0.03;

/** A record in the extended Febrl layout: every value a string, '' when missing. */
export interface SyntheticRow {
  recId: string;
  entity: number;
  household: number;
  source: SourceName;
  givenName: string;
  surname: string;
  streetNumber: string;
  address1: string;
  address2: string;
  suburb: string;
  postcode: string;
  state: string;
  /** YYYYMMDD. */
  dateOfBirth: string;
  email: string;
  phone: string;
}

/** The sources one person appears in: the first is the original, the rest duplicates. */
export function sourcesOf(dice: Dice, hasEmail: boolean): SourceProfile[] {
  const open = hasEmail ? SOURCES : SOURCES.filter((source) => !source.needsEmail);
  const total = open.reduce((sum, source) => sum + source.primary, 0);
  let draw = dice.next() * total;
  let primary = open[0] as SourceProfile;
  for (const source of open) {
    draw -= source.primary;
    if (draw < 0) {
      primary = source;
      break;
    }
  }
  const chosen = [primary];
  for (const source of open) if (source !== primary && dice.chance(source.extra)) chosen.push(source);
  if (dice.chance(SAME_SOURCE_REPEAT)) chosen.push(primary);
  return chosen;
}

function streetLine(dice: Dice, address: Address, abbreviate: number): string {
  const type = dice.chance(abbreviate) ? dice.pick(address.type.short) : address.type.long;
  if (type === '') return address.name;
  return address.type.before ? `${type} ${address.name}` : `${address.name} ${type}`;
}

function unitLine(dice: Dice, address: Address): string {
  if (address.unit === null || dice.chance(0.25)) return '';
  return address.city.country === 'pl' ? `m. ${address.unit}` : `${dice.pick(['app.', 'apt', '#', 'unit'])} ${address.unit}`;
}

/** What `source` stores about `person`; `clean` halves the damage (the record the others were copied from). */
export function render(dice: Dice, person: Person, home: Household, source: SourceProfile, recId: string, clean: boolean): SyntheticRow {
  const damage = clean ? 0.5 : 1;
  const hit = (p: number): boolean => dice.chance(p * damage);
  const filled = source.filled;
  const culture = person.culture;

  let given = person.given;
  const diminutives = culture.nicknames[given];
  if (diminutives !== undefined && hit(source.nickname)) given = dice.pick(diminutives);
  if (hit(source.typo)) given = typo(dice, given);
  let family = person.family;
  if (person.maiden !== null && dice.chance(0.25)) family = person.maiden;
  else if (family.includes('-') && dice.chance(0.3)) family = dice.pick(family.split('-'));
  else if (family.includes(' ') && culture.name === 'es' && dice.chance(0.4)) family = family.split(' ')[0] as string;
  if (hit(source.typo)) family = typo(dice, family);
  if (hit(source.swapNames)) [given, family] = [family, given];

  const old = home.previous !== null && dice.chance(source.oldAddress);
  const address = old ? (home.previous as Address) : home.address;
  const landline = old ? home.previousLandline : home.landline;
  const phone = person.mobile !== null && (landline === null || !dice.chance(source.landline)) ? person.mobile : landline;
  const email = person.email !== null && (home.mailbox === null || !dice.chance(source.mailbox)) ? person.email : home.mailbox;
  const hasStreet = dice.chance(filled.street);
  let street = hasStreet ? streetLine(dice, address, source.abbreviate) : '';
  if (street !== '' && hit(source.typo)) street = typo(dice, street);
  let postcode = hasStreet || dice.chance(filled.postalCode) ? address.postalCode : '';
  if (postcode !== '' && dice.chance(0.3)) postcode = postcode.replace(' ', '').toLowerCase();

  let birth = dice.chance(filled.birth) ? person.birth : '';
  if (birth !== '' && hit(source.birthError)) birth = birthVariant(dice, birth);

  const row: SyntheticRow = {
    recId,
    entity: person.entity,
    household: home.id,
    source: source.name,
    givenName: dice.chance(filled.given) ? given : '',
    surname: dice.chance(filled.family) ? family : '',
    streetNumber: hasStreet ? address.number : '',
    address1: street,
    address2: hasStreet ? unitLine(dice, address) : '',
    suburb: hasStreet || (postcode !== '' && dice.chance(0.5)) ? address.city.name : '',
    postcode,
    state: hasStreet ? address.city.region : '',
    dateOfBirth: birth,
    email: email !== null && dice.chance(filled.email) ? (hit(source.emailVariant) ? emailVariant(dice, email) : email) : '',
    phone: phone !== null && dice.chance(filled.phone) ? phoneFormat(dice, phone, source.excelDamage) : '',
  };
  if (dice.chance(source.ascii)) {
    row.givenName = dropAccents(row.givenName);
    row.surname = dropAccents(row.surname);
    row.address1 = dropAccents(row.address1);
    row.suburb = dropAccents(row.suburb);
  }
  if (dice.chance(source.upper)) {
    row.givenName = row.givenName.toUpperCase();
    row.surname = row.surname.toUpperCase();
  }
  return row;
}
