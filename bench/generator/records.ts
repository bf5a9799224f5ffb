/**
 * The nested JSON customer (ndjson/json) and the hand-written phone forms.
 *
 * JSON exports from shop platforms nest what a CSV flattens, and their messes are structural:
 * - The name is `{ given, family }`, or only `{ full }` when the account was created from a single
 *   "name" box: the import has to split it.
 * - Orders carry `placed_at` as the shop wrote it: the store's wall clock without a zone, with an
 *   offset, or in UTC. All three occur in one file when a platform changed its API over the years.
 * - An order may be shipped to someone else (`ship_to`, a gift): that name and city belong to a third
 *   party and must not become the customer's, nor a person of their own.
 * - `consents[]` lists purposes with the answer and when it was given.
 */
import { CITIES, FAMILY, GIVEN, STORES, type Locale } from './data';
import type { GenerateStats, MessinessRates, Person } from './generate';
import type { Rng } from './random';

type Country = 'CA' | 'FR' | 'US' | 'PL';

const CURRENCY: Readonly<Record<Locale, string>> = { qc: 'CAD', ca: 'CAD', us: 'USD', fr: 'EUR', pl: 'PLN' };

/** Standard and summer offsets in hours. Summer is April–October: close enough, any offset names a valid instant. */
const OFFSETS: Readonly<Record<Country, readonly [number, number]>> = { CA: [-5, -4], US: [-5, -4], FR: [1, 2], PL: [1, 2] };

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

function offsetText(hours: number): string {
  return `${hours < 0 ? '-' : '+'}${pad(Math.abs(hours), 2)}:00`;
}

/** An order's time as shops write it: local wall clock (40 %), local with its offset (40 %) or UTC (20 %). */
export function placedAt(rng: Rng, utcMs: number, country: Country): string {
  const month = new Date(utcMs).getUTCMonth();
  const [standard, summer] = OFFSETS[country];
  const offset = month >= 3 && month <= 9 ? summer : standard;
  const local = new Date(utcMs + offset * 3_600_000).toISOString().slice(0, 19);
  const style = rng.float();
  if (style < 0.4) return local;
  if (style < 0.8) return `${local}${offsetText(offset)}`;
  return `${new Date(utcMs).toISOString().slice(0, 19)}Z`;
}

/** Someone else, usually in the customer's own country: the recipient of a gift. */
function giftRecipient(rng: Rng, person: Person): { name: string; city: string } {
  const gender = rng.chance(0.5) ? 'f' : 'm';
  let given = rng.pickSkewed(GIVEN[person.locale][gender], 1.5);
  if (given === person.first) given = rng.pick(GIVEN[person.locale][gender]);
  const entry = rng.pickSkewed(FAMILY[person.locale]);
  const bar = entry.indexOf('|');
  const family = bar < 0 ? entry : gender === 'm' ? entry.slice(0, bar) : entry.slice(bar + 1);
  // A gift often goes to family: the same surname, another first name.
  const surname = rng.chance(0.3) ? person.last : family;
  return { name: `${given} ${surname}`, city: rng.pickSkewed(CITIES[person.locale], 1.5).name };
}

export interface JsonContext {
  readonly rng: Rng;
  readonly rates: MessinessRates;
  readonly stats: GenerateStats;
  /** Next order number, shared across the file. */
  nextOrder: number;
}

export function jsonRecord(context: JsonContext, person: Person, birthText: string | null, countryText: string): string {
  const { rng, rates, stats } = context;
  const consents: { purpose: string; granted: boolean; at: string }[] = [];
  const consentAt = `${new Date(person.consentAt).toISOString().slice(0, 19)}Z`;
  if (person.consent !== null) consents.push({ purpose: 'marketing', granted: person.consent, at: consentAt });
  if (rng.chance(0.3)) consents.push({ purpose: 'newsletter', granted: rng.chance(0.6), at: consentAt });
  const orders: { order_id: string; placed_at: string; total: number; currency: string; store: string; ship_to?: { name: string; city: string } }[] = [];
  const orderCount = Math.floor(rng.float() ** 1.5 * 5);
  let at = Date.UTC(2020, 0, 1) + Math.floor(rng.float() * 3 * 365 * 86_400) * 1000;
  for (let index = 0; index < orderCount; index += 1) {
    const order: (typeof orders)[number] = {
      order_id: `O${pad(context.nextOrder, 9)}`,
      placed_at: placedAt(rng, at, person.country),
      total: rng.int(199, 39_999) / 100,
      currency: CURRENCY[person.locale],
      store: rng.pick(STORES),
    };
    if (rng.chance(rates.giftOrder)) {
      order.ship_to = giftRecipient(rng, person);
      stats.giftOrders += 1;
    }
    orders.push(order);
    context.nextOrder += 1;
    at += rng.int(1, 120) * 86_400_000 + rng.int(0, 86_399) * 1000;
  }
  stats.orders += orderCount;
  const full = rng.chance(rates.fullName);
  if (full) stats.fullNames += 1;
  return JSON.stringify({
    customer: {
      id: person.id,
      name: full ? { full: `${person.first} ${person.last}` } : { given: person.first, family: person.last },
      birthDate: birthText,
      contact: { email: person.email, phones: person.phones },
    },
    address: { street: person.street, city: person.city, postalCode: person.postal, country: countryText },
    consents,
    orders,
  });
}

/**
 * The number as people write it for callers abroad, which libphonenumber alone does not all read: the
 * `00` or North American `011` exit code, the country code in parentheses, the trunk `(0)` kept.
 * Unchanged when the digits are not a plain national number of `country`.
 */
export function handwrittenInternational(rng: Rng, phone: string, country: Country): string {
  const digits = phone.replace(/\D/g, '');
  if (country === 'FR') {
    const national = digits.replace(/^(?:00)?33(?=0?\d{9}$)/, '').replace(/^0(?=\d{9}$)/, '');
    if (national.length !== 9) return phone;
    const rest = `${national[0]} ${national.slice(1, 3)} ${national.slice(3, 5)} ${national.slice(5, 7)} ${national.slice(7, 9)}`;
    return rng.pick([`+33 (0)${rest}`, `(+33) ${rest}`, `0033 ${rest}`, `00 33 ${rest}`, `011 33 ${rest}`]);
  }
  if (country === 'PL') {
    const national = digits.replace(/^(?:00)?48(?=\d{9}$)/, '');
    if (national.length !== 9) return phone;
    const rest = `${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6, 9)}`;
    return rng.pick([`0048 ${rest}`, `00 48 ${rest}`, `(+48) ${rest}`, `+48 (0) ${rest}`, `011 48 ${rest}`]);
  }
  const national = digits.replace(/^1(?=\d{10}$)/, '');
  if (national.length !== 10) return phone;
  const [area, exchange, line] = [national.slice(0, 3), national.slice(3, 6), national.slice(6)];
  return rng.pick([
    `+1 (${area}) ${exchange}-${line}`,
    `(+1) ${area} ${exchange} ${line}`,
    `001 ${area} ${exchange} ${line}`,
    `+1 ${area}-${exchange}-${line}`,
  ]);
}
