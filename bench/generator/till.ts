/**
 * Till exports: one row per purchase, the customer repeated on each row and keyed by loyalty card.
 *
 * Real till exports are worse than a customer table, and an import has to account for every row:
 * - Purchases are stamped with the store's wall clock, day first, to the minute and without a zone
 *   (`28/07/2024 13:25`): the till never knew its time zone.
 * - Many purchases have no card. About half of them still carry a name and a phone or an e-mail (a
 *   customer who forgot the card, or a new one who gave details for a receipt); the other half carry no
 *   personal data at all (anonymous purchases), and must not become people.
 * - Somebody opened the export in Excel and saved it again: on those rows the card became
 *   `6,03314E+15` (comma in a French Excel, point otherwise). Excel keeps 6 significant digits in a
 *   default-width column (15 in a widened one), so many different cards collapse into one text.
 *   Per row, not per file, because merged exports mix damaged and intact parts.
 * The counts of each kind are kept in the stats (and the sidecar the CLI writes) so a test can check
 * that an import's people, purchases and rejects add up to the rows written.
 */
import { STORES } from './data';
import type { GenerateStats, MessinessRates } from './generate';
import type { Rng } from './random';
import { quoteField } from './text';

export type TillFormat = 'till' | 'till-fr';
type TillColumn = 'card' | 'first' | 'last' | 'email' | 'phone' | 'transaction' | 'date' | 'amount' | 'store';

export const TILL_HEADERS: Readonly<Record<TillFormat, readonly string[]>> = {
  till: ['loyalty_card', 'first_name', 'last_name', 'email', 'phone', 'transaction_id', 'date', 'amount', 'store'],
  'till-fr': ['no_carte', 'prenom', 'nom', 'courriel', 'telephone', 'date_achat', 'montant', 'magasin', 'no_transaction'],
};

const TILL_COLUMNS: Readonly<Record<TillFormat, readonly TillColumn[]>> = {
  till: ['card', 'first', 'last', 'email', 'phone', 'transaction', 'date', 'amount', 'store'],
  'till-fr': ['card', 'first', 'last', 'email', 'phone', 'date', 'amount', 'store', 'transaction'],
};

/** What a till row says about the person, as the import should count it. */
export type TillKind = 'card' | 'damaged' | 'cardless' | 'anonymous';

/** The customer fields of a person, as the generator made them. */
export interface TillPerson {
  readonly id: string | null;
  readonly first: string;
  readonly last: string;
  readonly email: string | null;
  readonly phones: readonly string[];
  readonly primaryPhone: number;
}

interface TillCustomer {
  readonly card: string;
  readonly first: string;
  readonly last: string;
  readonly email: string;
  readonly phone: string;
}

const ANONYMOUS: TillCustomer = { card: '', first: '', last: '', email: '', phone: '' };

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/**
 * The text Excel writes for a long digit string it took for a number: rounded to `significant` digits,
 * trailing zeros dropped, `E+` and the exponent (`6033140123456789` → `6,03314E+15`).
 */
export function excelScientific(digits: string, decimal: '.' | ',', significant: number): string {
  let exponent = digits.length - 1;
  let mantissa = Number(`${digits[0]}.${digits.slice(1)}`).toFixed(significant - 1);
  if (mantissa.startsWith('10')) {
    mantissa = (Number(mantissa) / 10).toFixed(significant - 1);
    exponent += 1;
  }
  mantissa = mantissa.replace(/\.?0+$/, '');
  return `${mantissa.replace('.', decimal)}E+${exponent}`;
}

/** The till's own timestamp: the wall clock, day first, minutes, no zone. */
function wallClock(ms: number): string {
  const date = new Date(ms);
  return `${pad(date.getUTCDate(), 2)}/${pad(date.getUTCMonth() + 1, 2)}/${date.getUTCFullYear()} ${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}`;
}

function kindOf(customer: TillCustomer, damaged: boolean): TillKind {
  if (damaged) return 'damaged';
  if (customer.card !== '') return 'card';
  return customer.first || customer.last || customer.email || customer.phone ? 'cardless' : 'anonymous';
}

/** Till rows, one per call: purchases by known customers, new ones, cardless and anonymous ones. */
export class TillRows {
  readonly header: string;
  private readonly columns: readonly TillColumn[];
  private readonly delimiter: string;
  private readonly decimal: '.' | ',';
  /** Customers who bought before, for their next purchases (bounded: streaming a million rows). */
  private readonly pool: TillCustomer[] = [];
  /** Recently written rows and their kind, for exact duplicates. */
  private readonly recent: (readonly [string, TillKind])[] = [];
  private readonly damagedCards = new Set<string>();
  private readonly damagedTexts = new Set<string>();
  /** Unbounded, unlike the others: the count of people must be exact (a million rows keep ~250 k cards). */
  private readonly intactCards = new Set<string>();
  private at = Date.UTC(2024, 0, 2, 9, 0, 0);
  private readonly stepMax: number;

  constructor(
    private readonly rng: Rng,
    private readonly rates: MessinessRates,
    private readonly stats: GenerateStats,
    format: TillFormat,
    count: number,
    private readonly newPerson: (index: number) => TillPerson,
  ) {
    const french = format === 'till-fr';
    this.delimiter = french ? ';' : ',';
    this.decimal = french ? ',' : '.';
    this.columns = TILL_COLUMNS[format];
    this.header = TILL_HEADERS[format].join(this.delimiter);
    this.stepMax = Math.max(2, Math.round((2 * 365 * 86_400) / Math.max(1, count)));
  }

  next(index: number): string {
    const rng = this.rng;
    if (this.recent.length > 0 && rng.chance(this.rates.duplicateRow)) {
      const [line, kind] = rng.pick(this.recent);
      this.stats.duplicateRows += 1;
      this.count(kind);
      return line;
    }
    const draw = rng.float();
    let customer: TillCustomer;
    let damaged = false;
    if (draw < this.rates.tillAnonymous) customer = ANONYMOUS;
    else if (draw < this.rates.tillAnonymous + this.rates.tillCardless) customer = this.cardless(index);
    else {
      customer = this.pool.length === 0 || rng.chance(0.35) ? this.newCustomer(index) : rng.pickSkewed(this.pool, 1.5);
      if (customer.card !== '' && rng.chance(this.rates.damagedCard)) {
        const text = excelScientific(customer.card, this.decimal, rng.chance(0.85) ? 6 : 15);
        if (this.damagedCards.size < 100_000) this.damagedCards.add(customer.card);
        this.damagedTexts.add(text);
        customer = { ...customer, card: text };
        damaged = true;
      }
    }
    this.at += rng.int(1, this.stepMax) * 1000;
    const cents = rng.chance(0.01) ? -rng.int(199, 9_999) : 99 + Math.floor(rng.float() ** 2 * 30_000);
    const kind = kindOf(customer, damaged);
    if (kind === 'card') this.intactCards.add(customer.card);
    else if (kind !== 'anonymous') this.stats.keylessSales += 1;
    this.stats.cards = this.intactCards.size;
    const line = this.render(customer, index, cents);
    if (this.recent.length < 2_000) this.recent.push([line, kind]);
    else this.recent[rng.int(0, this.recent.length - 1)] = [line, kind];
    this.count(kind);
    return line;
  }

  private count(kind: TillKind): void {
    const stats = this.stats;
    if (kind === 'card') stats.cardRows += 1;
    else if (kind === 'damaged') stats.damagedCardRows += 1;
    else if (kind === 'cardless') stats.cardlessRows += 1;
    else stats.anonymousRows += 1;
    stats.damagedCards = this.damagedCards.size;
    stats.damagedCardTexts = this.damagedTexts.size;
  }

  private newCustomer(index: number): TillCustomer {
    const person = this.newPerson(index);
    const customer: TillCustomer = {
      card: person.id ?? '',
      first: person.first,
      last: person.last,
      email: person.email ?? '',
      phone: person.phones[person.primaryPhone] ?? '',
    };
    if (this.pool.length < 20_000) this.pool.push(customer);
    else this.pool[this.rng.int(0, this.pool.length - 1)] = customer;
    return customer;
  }

  /** A named purchase without a card: a known customer who forgot it, or someone new; a phone, an e-mail or both. */
  private cardless(index: number): TillCustomer {
    const rng = this.rng;
    const known = this.pool.length > 0 && rng.chance(0.5) ? rng.pick(this.pool) : null;
    let source: TillCustomer;
    if (known) source = known;
    else {
      const person = this.newPerson(index);
      source = { card: '', first: person.first, last: person.last, email: person.email ?? '', phone: person.phones[person.primaryPhone] ?? '' };
    }
    const shown = rng.int(0, 2);
    return {
      card: '',
      first: source.first,
      last: source.last,
      email: shown === 1 ? '' : source.email,
      phone: shown === 2 ? '' : source.phone,
    };
  }

  private render(customer: TillCustomer, index: number, cents: number): string {
    const delimiter = this.delimiter;
    let line = '';
    for (let column = 0; column < this.columns.length; column += 1) {
      if (column > 0) line += delimiter;
      switch (this.columns[column]) {
        case 'card':
          // Excel's text keeps its decimal comma, so a `,` file quotes it as Excel would.
          line += quoteField(customer.card, delimiter);
          break;
        case 'first':
          line += quoteField(customer.first, delimiter);
          break;
        case 'last':
          line += quoteField(customer.last, delimiter);
          break;
        case 'email':
          line += quoteField(customer.email, delimiter);
          break;
        case 'phone':
          line += quoteField(customer.phone, delimiter);
          break;
        case 'transaction':
          line += `T${pad(index + 1, 9)}`;
          break;
        case 'date':
          line += this.date();
          break;
        case 'amount':
          line += (cents / 100).toFixed(2).replace('.', this.decimal);
          break;
        default:
          line += this.rng.pick(STORES);
      }
    }
    return line;
  }

  private date(): string {
    const text = wallClock(this.at);
    if (!this.rng.chance(this.rates.badDate)) return text;
    this.stats.badDates += 1;
    return this.rng.pick([`${text.slice(0, 3)}13${text.slice(5)}`, `32${text.slice(2)}`, `${text.slice(0, 6)}${text.slice(8)}`, 'N/A', '00/00/0000 00:00']);
  }
}
