/**
 * One source row → one mapped record: identity fields normalized, consents and events extracted. A value
 * that cannot be read is flagged (row-context.ts): the record goes in with that value raw and the rest
 * normalized, because a person Custodia drops is one no access request or erasure can reach. Nothing is
 * guessed to rescue a bad value. A row is rejected only when it cannot be a record at all: no key and
 * nothing that identifies anyone. A row of events with no key and no personal data is an anonymous
 * transaction: counted, not a person.
 */
import { detectCurrency, normalizeCurrency, parseAmount } from '../normalize/amount';
import { parseConsentFlag } from '../normalize/boolean';
import { normalizeCountry } from '../normalize/country';
import { normalizeLanguage } from '../normalize/language';
import { parseDate } from '../normalize/date';
import { normalizeEmail } from '../normalize/email';
import { normalizePersonName, splitFullName } from '../normalize/name';
import { normalizePhone, type Phone } from '../normalize/phone';
import { normalizePostalCode } from '../normalize/postal';
import { isExcelDamaged } from '../normalize/excel-damage';
import { isBlank, rawText, type Normalized } from '../normalize/result';
import { parseSubscriptionStatus, type SubscriptionStatus } from '../normalize/subscription-status';
import { cleanText, normalizeText } from '../normalize/text';
import type { ReasonDetails } from '../reasons';
import type { RawRow } from '../types';
import { EVENT_FIELDS, mappingTimeZone, splitListPath, type Mapping, type TargetField } from './fields';
import { isPlainObject, readPath } from './paths';
import { isThirdPartyPath } from './third-party';
import { fallbackKey, identifiesSomeone, readRecordKey } from './record-key';
import { RowContext, type FieldFlag } from './row-context';

export type { FieldValue, MappedConsent, MappedEvent, MappedIdentity, MappedPhone, MappedRecord } from './mapped';
import type { FieldValue, MappedConsent, MappedEvent, MappedIdentity, MappedPhone, MappedRecord } from './mapped';

export type ApplyResult =
  | { readonly ok: true; readonly kind: 'record'; readonly record: MappedRecord; readonly flags: readonly FieldFlag[] }
  /** Events with no key and no personal data (a till sale paid cash, no card): counted, not a person. */
  | { readonly ok: true; readonly kind: 'anonymous' }
  | { readonly ok: false; readonly kind: 'reject'; readonly line: number; readonly reasons: readonly string[]; readonly details: ReasonDetails };

export interface ApplyOptions {
  /** Clock for the plausibility ranges of dates (birth dates not in the future…). */
  readonly now?: Date;
}

type EventField = (typeof EVENT_FIELDS)[number];
type SingleIdentityField = 'givenName' | 'familyName' | 'fullName' | 'city' | 'postalCode' | 'region' | 'country' | 'birthDate' | 'nationalId' | 'language';

interface ColumnRead {
  /** How the column is named in reasons and raw maps. */
  readonly label: string;
  /** Path inside the record (or inside a list element). */
  readonly path: string;
  /** `emails[]`: the value at `path` is a list of values. */
  readonly list: boolean;
}

interface ConsentGroup {
  /** null: the purpose comes from the element's `consent.purpose` column (nested lists only). */
  readonly purpose: string | null;
  readonly granted: ColumnRead[];
  readonly at: ColumnRead[];
  /** A mailing list's history (fields.ts MAILING_LIST_FIELDS). */
  readonly status: ColumnRead[];
  readonly optInAt: ColumnRead[];
  readonly confirmedAt: ColumnRead[];
  readonly withdrawnAt: ColumnRead[];
}

const GROUP_SLOT = {
  'consent.granted': 'granted',
  'consent.at': 'at',
  'consent.status': 'status',
  'consent.optInAt': 'optInAt',
  'consent.confirmedAt': 'confirmedAt',
  'consent.withdrawnAt': 'withdrawnAt',
} as const satisfies Partial<Record<TargetField, keyof ConsentGroup>>;

interface ConsentPlan {
  readonly groups: readonly ConsentGroup[];
  readonly purposeColumns: readonly ColumnRead[];
}

type EventColumns = Readonly<Record<EventField, readonly ColumnRead[]>>;

/** A mapping compiled once for all the rows of an import. */
interface Plan {
  readonly keyColumn: string;
  readonly keyIsEmail: boolean;
  readonly identity: readonly { readonly field: TargetField; readonly read: ColumnRead }[];
  readonly countries: readonly ColumnRead[];
  readonly consents: ConsentPlan;
  readonly nestedConsents: { readonly list: string; readonly plan: ConsentPlan } | null;
  readonly events: EventColumns;
  readonly nestedEvents: { readonly list: string; readonly columns: EventColumns } | null;
  readonly hasFlatEvents: boolean;
  /**
   * Phone parsing is most of the cost of a row (North American numbers especially: libphonenumber tries
   * each country of the +1 plan), and till exports repeat the same customer's number on every purchase.
   * The cache lives in the plan, so it lasts as long as one import's mapping object and no longer:
   * phone numbers do not stay in memory after the import is over.
   */
  readonly phoneCache: Map<string, Normalized<Phone>>;
  /** The zone the source's local times are read in. */
  readonly timeZone: string;
}

// Repeats are near each other (households, a customer's purchases), so a small cache catches them.
const PHONE_CACHE_LIMIT = 10_000;

const emptyEventColumns = (): Record<EventField, ColumnRead[]> => ({
  'event.type': [],
  'event.at': [],
  'event.amount': [],
  'event.currency': [],
  'event.place': [],
  'event.id': [],
});

function addToConsentPlan(
  plan: { groups: ConsentGroup[]; purposeColumns: ColumnRead[] },
  field: TargetField,
  purpose: string | undefined,
  read: ColumnRead,
): void {
  if (field === 'consent.purpose') {
    plan.purposeColumns.push(read);
    return;
  }
  const key = purpose ?? null;
  let group = plan.groups.find((candidate) => candidate.purpose === key);
  if (group === undefined) plan.groups.push((group = { purpose: key, granted: [], at: [], status: [], optInAt: [], confirmedAt: [], withdrawnAt: [] }));
  const slot = GROUP_SLOT[field as keyof typeof GROUP_SLOT] as (typeof GROUP_SLOT)[keyof typeof GROUP_SLOT] | undefined;
  if (slot !== undefined) group[slot].push(read);
}

const plans = new WeakMap<Mapping, Plan>();

function compile(mapping: Mapping): Plan {
  const identity: { field: TargetField; read: ColumnRead }[] = [];
  const countries: ColumnRead[] = [];
  const consents = { groups: [] as ConsentGroup[], purposeColumns: [] as ColumnRead[] };
  const nestedConsents = { groups: [] as ConsentGroup[], purposeColumns: [] as ColumnRead[] };
  const events = emptyEventColumns();
  const nestedEvents = emptyEventColumns();
  for (const { column, field, purpose } of mapping.columns) {
    const split = splitListPath(column);
    const inList = split !== null && split.inner !== '';
    const read: ColumnRead = { label: column, path: inList ? split.inner : (split?.list ?? column), list: split !== null && split.inner === '' };
    if (field.startsWith('consent.')) addToConsentPlan(inList && split.list === mapping.consentsPath ? nestedConsents : consents, field, purpose, read);
    else if (field.startsWith('event.')) (inList && split.list === mapping.eventsPath ? nestedEvents : events)[field as EventField].push(read);
    else if (field === 'country') countries.push(read);
    else if (field !== 'sourceRecordId') identity.push({ field, read });
  }
  const hasNestedEvents = Object.values(nestedEvents).some((reads) => reads.length > 0);
  const hasNestedConsents = nestedConsents.groups.length > 0;
  return {
    keyColumn: mapping.recordKey,
    keyIsEmail: mapping.columns.some((entry) => entry.column === mapping.recordKey && entry.field === 'email'),
    identity,
    countries,
    consents,
    nestedConsents: hasNestedConsents && mapping.consentsPath ? { list: mapping.consentsPath, plan: nestedConsents } : null,
    events,
    nestedEvents: hasNestedEvents && mapping.eventsPath ? { list: mapping.eventsPath, columns: nestedEvents } : null,
    hasFlatEvents: Object.values(events).some((reads) => reads.length > 0),
    phoneCache: new Map(),
    timeZone: mappingTimeZone(mapping),
  };
}

function planFor(mapping: Mapping): Plan {
  let plan = plans.get(mapping);
  if (plan === undefined) plans.set(mapping, (plan = compile(mapping)));
  return plan;
}

function cachedPhone(plan: Plan, raw: unknown, country: string): Normalized<Phone> {
  if (typeof raw !== 'string' && typeof raw !== 'number') return normalizePhone(raw, country);
  const key = `${country}\u0000${typeof raw}\u0000${raw}`;
  const cached = plan.phoneCache.get(key);
  if (cached !== undefined) return { ...cached, raw: rawText(raw) };
  const result = normalizePhone(raw, country);
  // Bounded: a million distinct numbers must not become a million cache entries.
  if (plan.phoneCache.size >= PHONE_CACHE_LIMIT) plan.phoneCache.clear();
  // The cell's text is a slice of the reader's 512 KB chunk, and V8 keeps the key as a concatenation
  // that points at it: stored as is, each entry would keep a whole chunk alive (10 000 entries pinned
  // 118 MB). The cache holds a copy of the key and results without the cell's text.
  plan.phoneCache.set(Buffer.from(key, 'utf8').toString('utf8'), { ...result, raw: '' });
  return result;
}

/** Cells whose text holds several addresses or numbers: `a@x.fr; b@y.fr`. Commas never occur in addresses. */
const EMAIL_SEPARATORS = /[;,]/;
const PHONE_SEPARATORS = /;/;

/** The values of a column: one, or each element of a list (`emails[]`, or a JSON array in a multi field). */
function valuesOf(record: Readonly<Record<string, unknown>>, read: ColumnRead, multiple: boolean, split: RegExp | null): unknown[] {
  const value = readPath(record, read.path);
  if (Array.isArray(value) && (read.list || multiple)) return value;
  if (split !== null && typeof value === 'string' && split.test(value)) return value.split(split).filter((part) => part.trim() !== '');
  return [value];
}

function mapIdentity(context: RowContext, plan: Plan, values: Readonly<Record<string, unknown>>): MappedIdentity {
  const { mapping, now } = context;
  const single: Partial<Record<SingleIdentityField, FieldValue>> = {};
  const keepFirst = (field: SingleIdentityField, value: string | null, raw: string) => {
    // Two columns for one field (`city` and `ville`): the first non-blank one, in mapping order, wins.
    if (value !== null && single[field] === undefined) single[field] = { value, raw };
  };
  for (const read of plan.countries) {
    for (const raw of valuesOf(values, read, false, null)) {
      const result = normalizeCountry(raw);
      keepFirst('country', context.take('country', read.label, result, 'country'), result.raw);
    }
  }
  // Phones and postal codes are read in the row's own country when it has one, else the source's.
  const country = single.country?.value ?? mapping.defaultCountry;
  const emails: FieldValue[] = [];
  const phones: MappedPhone[] = [];
  const streets: FieldValue[] = [];
  const unusable: string[] = [];
  for (const { field, read } of plan.identity) {
    switch (field) {
      case 'email':
        for (const raw of valuesOf(values, read, true, EMAIL_SEPARATORS)) {
          const result = normalizeEmail(raw);
          const value = context.take('email', read.label, result, 'email');
          if (value !== null && !emails.some((email) => email.value === value)) emails.push({ value, raw: result.raw });
          else if (value === null && !result.ok) unusable.push(result.raw.trim().toLowerCase());
        }
        break;
      case 'phone':
        for (const raw of valuesOf(values, read, true, PHONE_SEPARATORS)) {
          // A national number the row's country cannot explain may be the source's (and the other way round).
          let result = cachedPhone(plan, raw, country);
          if (!result.ok && country !== mapping.defaultCountry) {
            const inSourceCountry = cachedPhone(plan, raw, mapping.defaultCountry);
            if (inSourceCountry.ok) result = inSourceCountry;
          }
          const phone = context.take('phone', read.label, result, 'phone');
          if (phone === null && !result.ok) {
            const digits = result.raw.replace(/\D/g, '');
            if (digits.length >= 6 && !isExcelDamaged(raw)) unusable.push(digits);
          }
          if (phone !== null && !phones.some((known) => known.value === phone.e164)) {
            phones.push(phone.type === null ? { value: phone.e164, raw: result.raw } : { value: phone.e164, raw: result.raw, type: phone.type });
          }
        }
        break;
      case 'street':
        for (const raw of valuesOf(values, read, true, null)) {
          const result = normalizeText(raw);
          const value = context.take('street', read.label, result, 'text');
          if (value !== null) streets.push({ value, raw: result.raw });
        }
        break;
      case 'givenName':
      case 'familyName':
      case 'fullName': {
        const result = normalizePersonName(readPath(values, read.path));
        keepFirst(field, context.take(field, read.label, result, 'name'), result.raw);
        break;
      }
      case 'city':
      case 'region': {
        const result = normalizeText(readPath(values, read.path), 200);
        keepFirst(field, context.take(field, read.label, result, 'text'), result.raw);
        break;
      }
      case 'nationalId': {
        // Compared only when both records have one: its separators are no evidence, so they go.
        const result = normalizeText(readPath(values, read.path), 40);
        const value = context.take(field, read.label, result, 'text');
        keepFirst(field, value === null ? null : value.replace(/[\s.-]/g, '').toUpperCase(), result.raw);
        break;
      }
      case 'postalCode': {
        const result = normalizePostalCode(readPath(values, read.path), country);
        keepFirst(field, context.take(field, read.label, result, 'postalCode'), result.raw);
        break;
      }
      case 'language': {
        const result = normalizeLanguage(readPath(values, read.path));
        keepFirst(field, context.take(field, read.label, result, 'language'), result.raw);
        break;
      }
      case 'birthDate': {
        const result = parseDate(readPath(values, read.path), mapping.birthDateFormat, { kind: 'birth', now, timeZone: context.timeZone });
        keepFirst(field, context.take(field, read.label, result, 'date'), result.raw);
        break;
      }
      default:
        break;
    }
  }
  // Only a full name: split it best-effort so matching can compare given and family names; the full
  // name itself is kept as sent.
  let { givenName, familyName } = single;
  const { fullName } = single;
  if (fullName !== undefined && givenName === undefined && familyName === undefined) {
    const split = splitFullName(fullName.value);
    if (split.given !== null) givenName = { value: split.given, raw: fullName.raw };
    if (split.family !== null) familyName = { value: split.family, raw: fullName.raw };
  }
  // Address lines 1 and 2 in separate columns make one street value.
  const street = streets.length === 0 ? undefined : { value: streets.map((line) => line.value).join(', '), raw: streets.map((line) => line.raw).join('\n') };
  // Fixed key order and no undefined members: the record writer hashes JSON.stringify(identity).
  const identity: Record<string, unknown> = {};
  const put = (key: string, value: unknown) => {
    if (value !== undefined) identity[key] = value;
  };
  put('givenName', givenName);
  put('familyName', familyName);
  put('fullName', fullName);
  put('emails', emails);
  put('phones', phones);
  put('street', street);
  put('city', single.city);
  put('postalCode', single.postalCode);
  put('region', single.region);
  put('country', single.country);
  put('birthDate', single.birthDate);
  put('nationalId', single.nationalId);
  put('language', single.language);
  if (unusable.length > 0) put('unusable', unusable);
  return identity as unknown as MappedIdentity;
}

/** The first non-blank value among columns, with the column it came from. */
function firstValue(
  records: readonly (Readonly<Record<string, unknown>> | null)[],
  reads: readonly (readonly ColumnRead[])[],
): { value: unknown; read: ColumnRead } | null {
  for (let index = 0; index < records.length; index += 1) {
    const record = records[index];
    if (!record) continue;
    for (const read of reads[index] ?? []) {
      const value = readPath(record, read.path);
      if (!isBlank(value)) return { value, read };
    }
  }
  return null;
}

/** What a consent group of one row says, before its purpose is known: the cell it is about, and each observation. */
interface GroupObservations {
  readonly where: ColumnRead;
  readonly raw: string;
  readonly observations: readonly { readonly granted: boolean; readonly at: string | null }[];
}

function yesNoObservations(
  context: RowContext,
  group: ConsentGroup,
  record: Readonly<Record<string, unknown>>,
  label: (read: ColumnRead) => string,
  granted: { value: unknown; read: ColumnRead },
): GroupObservations {
  const flag = context.take('consent.granted', label(granted.read), parseConsentFlag(granted.value), 'consent');
  const at = firstValue([record], [group.at]);
  // An observation whose date cannot be read is still an observation: kept undated, the date flagged.
  const when =
    at === null
      ? null
      : context.take(
          'consent.at',
          label(at.read),
          parseDate(at.value, context.mapping.dateFormat, { kind: 'event', now: context.now, timeZone: context.timeZone }),
          'date',
        );
  return { where: granted.read, raw: rawText(granted.value), observations: flag === null ? [] : [{ granted: flag, at: when }] };
}

/**
 * A mailing list's status and times as a consent history (docs/consent.md, "Mailing-list exports"):
 * subscribed → a grant at the confirmation (double opt-in), else at the opt-in, else undated; unsubscribed
 * → the dated grant before it, if known, and a withdrawal at the unsubscribe time (undated if missing);
 * cleaned → the dated grant only (a bounced address is no withdrawal); pending → nothing (an unconfirmed
 * double opt-in is no consent). Without a status column, an unsubscribe time means unsubscribed and an
 * opt-in or confirmation time subscribed (Mailchimp exports one file per status). A status or time that
 * cannot be read is flagged; an unreadable time counts as missing.
 */
function mailingListObservations(
  context: RowContext,
  group: ConsentGroup,
  record: Readonly<Record<string, unknown>>,
  label: (read: ColumnRead) => string,
): GroupObservations | null {
  const time = (reads: readonly ColumnRead[], field: TargetField) => {
    const found = firstValue([record], [reads]);
    if (found === null) return null;
    const parsed = parseDate(found.value, context.mapping.dateFormat, { kind: 'event', now: context.now, timeZone: context.timeZone });
    return { read: found.read, raw: rawText(found.value), at: context.take(field, label(found.read), parsed, 'date') };
  };
  const optIn = time(group.optInAt, 'consent.optInAt');
  const confirmed = time(group.confirmedAt, 'consent.confirmedAt');
  const withdrawn = time(group.withdrawnAt, 'consent.withdrawnAt');
  const cell = firstValue([record], [group.status]);
  let status: SubscriptionStatus | null;
  let where: { read: ColumnRead; raw: string };
  if (cell !== null) {
    const parsed = parseSubscriptionStatus(cell.value);
    where = { read: cell.read, raw: rawText(cell.value) };
    if (!parsed.ok || parsed.value === null) {
      const column = label(cell.read);
      const reason = parsed.ok ? 'not a subscription status' : parsed.reason;
      context.flag({ field: 'consent.status', column, reason: `${column}: ${reason}`, detail: { code: 'consentStatus', params: { column } }, raw: where.raw });
      return null;
    }
    status = parsed.value;
  } else if (withdrawn !== null) {
    status = 'unsubscribed';
    where = withdrawn;
  } else if (confirmed !== null || optIn !== null) {
    status = 'subscribed';
    where = (confirmed ?? optIn) as { read: ColumnRead; raw: string };
  } else {
    return null;
  }
  // Double opt-in: the consent is given when the person confirms; the opt-in time only when there is no confirmation.
  const grantAt = confirmed !== null ? confirmed.at : (optIn?.at ?? null);
  const history = grantAt === null ? [] : [{ granted: true, at: grantAt }];
  const observations =
    status === 'subscribed'
      ? [{ granted: true, at: grantAt }]
      : status === 'unsubscribed'
        ? [...history, { granted: false, at: withdrawn?.at ?? null }]
        : status === 'cleaned'
          ? history
          : [];
  return { where: where.read, raw: where.raw, observations };
}

function mapConsents(context: RowContext, plan: ConsentPlan, record: Readonly<Record<string, unknown>>, prefix: string, out: MappedConsent[]): void {
  const label = (read: ColumnRead) => (prefix === '' ? read.label : `${prefix}.${read.path}`);
  for (const group of plan.groups) {
    const granted = firstValue([record], [group.granted]);
    const isList = group.status.length + group.optInAt.length + group.confirmedAt.length + group.withdrawnAt.length > 0;
    const listSays = isList && (firstValue([record], [group.status]) !== null || granted === null);
    // A date with no yes/no is not evidence of either: no observation is recorded.
    const seen = listSays
      ? mailingListObservations(context, group, record, label)
      : granted === null
        ? null
        : yesNoObservations(context, group, record, label, granted);
    if (seen === null) continue;
    let purpose = group.purpose;
    if (purpose === null) {
      const named = firstValue([record], [plan.purposeColumns]);
      purpose = named === null ? '' : cleanText(rawText(named.value));
      if (purpose === '') {
        const where = prefix === '' ? label(seen.where) : prefix;
        context.flag({
          field: 'consent.purpose',
          column: where,
          reason: `${where}: consent without a purpose`,
          detail: { code: 'consentNoPurpose', params: { column: where } },
          raw: seen.raw,
        });
        continue;
      }
    }
    for (const observation of seen.observations) out.push({ purpose, granted: observation.granted, at: observation.at, raw: seen.raw });
  }
}

function mapEvent(
  context: RowContext,
  columns: EventColumns,
  records: readonly (Readonly<Record<string, unknown>> | null)[],
  reads: (field: EventField) => readonly (readonly ColumnRead[])[],
  prefix: string,
): MappedEvent | null {
  const { mapping, now } = context;
  const found = {} as Record<EventField, { value: unknown; read: ColumnRead } | null>;
  for (const field of EVENT_FIELDS) found[field] = firstValue(records, reads(field));
  const fromElement = (field: EventField) => found[field] !== null && columns[field].includes((found[field] as { read: ColumnRead }).read);
  // Nothing at all, or (in a nested list) only the row-level fallbacks: no event here.
  if (EVENT_FIELDS.every((field) => found[field] === null) || (prefix !== '' && !EVENT_FIELDS.some(fromElement))) return null;
  const label = (read: ColumnRead, field: EventField) => (prefix !== '' && columns[field].includes(read) ? `${prefix}.${read.path}` : read.label);
  const raw: Record<string, string> = {};
  for (const field of EVENT_FIELDS) {
    const cell = found[field];
    if (cell !== null) raw[label(cell.read, field)] = rawText(cell.value);
  }
  const cell = (field: EventField) => found[field];
  // A detail that cannot be read is left out of the event and flagged; the event stays.
  const amountCell = cell('event.amount');
  const amount =
    amountCell === null
      ? null
      : context.take('event.amount', label(amountCell.read, 'event.amount'), parseAmount(amountCell.value, { decimal: mapping.decimal }), 'amount');
  const currencyCell = cell('event.currency');
  const currency =
    currencyCell === null
      ? amountCell === null
        ? null
        : detectCurrency(amountCell.value)
      : context.take('event.currency', label(currencyCell.read, 'event.currency'), normalizeCurrency(currencyCell.value), 'currency');
  const placeCell = cell('event.place');
  const place = placeCell === null ? null : context.take('event.place', label(placeCell.read, 'event.place'), normalizeText(placeCell.value, 200), 'text');
  const typeCell = cell('event.type');
  const type = typeCell === null ? null : context.take('event.type', label(typeCell.read, 'event.type'), normalizeText(typeCell.value, 100), 'text');
  const idCell = cell('event.id');
  const externalId = idCell === null ? null : context.take('event.id', label(idCell.read, 'event.id'), normalizeText(idCell.value, 200), 'text');
  const event: { -readonly [K in keyof MappedEvent]: MappedEvent[K] } = { type: type ?? mapping.eventType ?? 'event', at: '', raw };
  if (amount !== null) event.amount = amount;
  if (currency !== null) event.currency = currency;
  if (place !== null) event.place = place;
  if (externalId !== null) event.externalId = externalId;
  const element = prefix === '' ? null : records[0];
  if (element) {
    const found: Record<string, string> = {};
    collectThirdParty(element, prefix, prefix.replace(/\[\d+\]$/, '[]'), 0, found);
    if (Object.keys(found).length > 0) event.thirdParty = found;
  }

  // An event is placed in time or not stored: without its date it is kept on the flag, whole, so that
  // correcting the column's date format stores it without the file.
  const atCell = cell('event.at');
  const { at: _unset, ...pendingEvent } = event;
  if (atCell === null) {
    const where = prefix === '' ? (columns['event.at'][0]?.label ?? 'event') : prefix;
    context.flag({
      field: 'event.at',
      column: where,
      reason: `${where}: event without a date`,
      detail: { code: 'eventNoDate', params: { column: where } },
      raw: '',
      pendingEvent,
    });
    return null;
  }
  const column = label(atCell.read, 'event.at');
  const at = parseDate(atCell.value, mapping.dateFormat, { kind: 'event', now, timeZone: context.timeZone });
  if (!at.ok) {
    context.flag({ field: 'event.at', column, reason: `${column}: ${at.reason}`, detail: { code: 'date', params: { column } }, raw: at.raw, pendingEvent });
    return null;
  }
  if (at.value === null) return null;
  event.at = at.value;
  return event;
}

const thirdPartyPaths = new Map<string, boolean>();

/** Whether a path (with `[]` for the list) holds someone else's details; cached, since every row asks. */
function thirdParty(path: string): boolean {
  let known = thirdPartyPaths.get(path);
  if (known === undefined) {
    if (thirdPartyPaths.size > 10_000) thirdPartyPaths.clear();
    thirdPartyPaths.set(path, (known = isThirdPartyPath(path)));
  }
  return known;
}

/** The scalar values under an element's third-party keys (`ship_to.name`), by their path in the row. */
function collectThirdParty(value: Readonly<Record<string, unknown>>, at: string, pattern: string, depth: number, out: Record<string, string>): void {
  for (const [key, inner] of Object.entries(value)) {
    const path = `${at}.${key}`;
    const shape = `${pattern}.${key}`;
    if (isPlainObject(inner)) {
      if (depth < 3) collectThirdParty(inner, path, shape, depth + 1, out);
    } else if (!isBlank(inner) && thirdParty(shape)) out[path] = rawText(inner);
  }
}

/** The elements of a nested list; none after flagging a value that is not a list. */
function listElements(context: RowContext, values: Readonly<Record<string, unknown>>, list: string, field: TargetField): readonly unknown[] {
  const value = readPath(values, list);
  if (isBlank(value)) return [];
  if (!Array.isArray(value)) {
    context.flag({ field, column: list, reason: `${list}: expected a list`, detail: { code: 'notList', params: { column: list } }, raw: rawText(value) });
    return [];
  }
  return value;
}

function notAnObject(context: RowContext, field: TargetField, column: string, element: unknown): void {
  context.flag({ field, column, reason: `${column}: expected an object`, detail: { code: 'notObject', params: { column } }, raw: rawText(element) });
}

/** The record key of a row alone, or null when it has no usable one of its own. */
export function keyOf(row: RawRow, mapping: Mapping): string | null {
  const plan = planFor(mapping);
  return readRecordKey(new RowContext(mapping, new Date()), plan.keyColumn, plan.keyIsEmail, row.values);
}

export function applyMapping(row: RawRow, mapping: Mapping, options: ApplyOptions = {}): ApplyResult {
  const plan = planFor(mapping);
  const context = new RowContext(mapping, options.now ?? new Date(), plan.timeZone);
  const values = row.values;
  const ownKey = readRecordKey(context, plan.keyColumn, plan.keyIsEmail, values);
  const identity = mapIdentity(context, plan, values);

  const consents: MappedConsent[] = [];
  mapConsents(context, plan.consents, values, '', consents);
  if (plan.nestedConsents !== null) {
    const { list, plan: nested } = plan.nestedConsents;
    listElements(context, values, list, 'consent.granted').forEach((element, index) => {
      if (isPlainObject(element)) mapConsents(context, nested, element, `${list}[${index}]`, consents);
      else notAnObject(context, 'consent.granted', `${list}[${index}]`, element);
    });
  }

  const events: MappedEvent[] = [];
  const flagsBeforeEvents = context.flagCount;
  if (plan.nestedEvents !== null) {
    // Columns outside the list (a top-level `currency`) apply to every nested event that lacks them.
    const { list, columns } = plan.nestedEvents;
    listElements(context, values, list, 'event.at').forEach((element, index) => {
      if (!isPlainObject(element)) {
        notAnObject(context, 'event.at', `${list}[${index}]`, element);
        return;
      }
      const event = mapEvent(context, columns, [element, values], (field) => [columns[field], plan.events[field]], `${list}[${index}]`);
      if (event !== null) events.push(event);
    });
  } else if (plan.hasFlatEvents) {
    const event = mapEvent(context, plan.events, [values], (field) => [plan.events[field]], '');
    if (event !== null) events.push(event);
  }

  let sourceRecordId = ownKey;
  if (sourceRecordId === null) {
    if (!identifiesSomeone(identity)) {
      const hadEvents = events.length > 0 || context.flags?.slice(flagsBeforeEvents).some((flag) => flag.pendingEvent !== undefined) === true;
      if (hadEvents) return { ok: true, kind: 'anonymous' };
      context.fatal.push({ reason: 'no customer number, name, email or phone: nothing identifies a person', detail: { code: 'noIdentity', params: {} } });
      return { ok: false, kind: 'reject', line: row.line, ...context.rejection() };
    }
    const transaction = events.find((event) => event.externalId !== undefined)?.externalId;
    sourceRecordId = fallbackKey(identity, transaction);
  }
  return { ok: true, kind: 'record', record: { sourceRecordId, identity, consents, events }, flags: context.uniqueFlags() };
}
