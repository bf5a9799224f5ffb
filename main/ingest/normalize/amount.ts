/**
 * Money amounts as written by people and spreadsheets in three locales: `1234.50`, `1 234,50` (French,
 * Polish; the space is often a no-break or narrow no-break space), `1.234,50` (German-style exports),
 * `1,234.50` (English), `-12,5`, `12,50 €`, `$12.50`, `zł 12,50`, `(12.50)` (accounting negative).
 *
 * Which separator is the decimal one is decided per value from its shape:
 * - both `.` and `,` present → the last one is decimal, the other groups thousands;
 * - one of them several times → it groups thousands (`1.234.567`);
 * - once, with other than 3 digits after it → decimal (`12,5`, `1234.50`);
 * - once with 3 digits after, but digit groups separated by spaces, or an integer part of `0` or of
 *   more than 3 digits → decimal (`1 234,567`, `0,125`, `1234,567`), since thousands groups cannot look
 *   like that;
 * - otherwise (`1,234`, `1.234`) it is genuinely ambiguous, and the source's `decimal` hint decides,
 *   default `.`: `1,234` → 1234 and `1.234` → 1.234. A French or Polish source whose amounts are
 *   written like `1.234` must set `decimal: ','` in its mapping.
 * Thousands groups are checked (3 digits each), so `12 50` or `1,23,4` are rejected rather than misread.
 */
import { accept, isBlank, isScalar, rawText, reject, type Normalized } from './result';

export type DecimalSeparator = ',' | '.';

export interface AmountOptions {
  /** Decides only the ambiguous `1,234` / `1.234` shape; default `.`. */
  readonly decimal?: DecimalSeparator;
}

const SYMBOLS: Readonly<Record<string, string | null>> = {
  // `$` alone is ambiguous between our Canadian and Californian sources: no currency is inferred.
  $: null,
  '€': 'EUR',
  '£': 'GBP',
  '¥': null,
  zł: 'PLN',
  zl: 'PLN',
  ca$: 'CAD',
  c$: 'CAD',
  $ca: 'CAD',
  $can: 'CAD',
  us$: 'USD',
  $us: 'USD',
};
const CODES = new Set([
  'EUR',
  'USD',
  'CAD',
  'PLN',
  'GBP',
  'CHF',
  'JPY',
  'CNY',
  'CZK',
  'SEK',
  'NOK',
  'DKK',
  'HUF',
  'RON',
  'BGN',
  'MXN',
  'AUD',
  'NZD',
  'BRL',
  'MAD',
  'TND',
  'DZD',
  'XOF',
  'XAF',
  'INR',
  'UAH',
]);

// Longest alternatives first so `CA$` is not read as `CA` + `$`.
const CURRENCY = String.raw`(?:ca\$|c\$|us\$|\$\s?can|\$\s?ca|\$\s?us|zł|zl|[$€£¥]|[a-z]{3})`;
const LEADING_CURRENCY = new RegExp(String.raw`^${CURRENCY}\s*`, 'i');
const TRAILING_CURRENCY = new RegExp(String.raw`\s*${CURRENCY}$`, 'i');
const MINUS = /^[-\u2212]\s*/;
const TRAILING_MINUS = /\s*[-\u2212]$/;
const GROUP_SPACE = /[\s\u00A0\u202F\u2009'\u2019]/;
const BODY = /^\d[\d.,\s\u00A0\u202F\u2009'\u2019]*$/;

function currencyOf(token: string): string | null | undefined {
  const compact = token.replace(/\s+/g, '').toLowerCase();
  if (compact in SYMBOLS) return SYMBOLS[compact];
  const code = compact.toUpperCase();
  return CODES.has(code) ? code : undefined;
}

interface Stripped {
  readonly body: string;
  readonly negative: boolean;
  /** undefined: no currency written; null: written but ambiguous (`$`). */
  readonly currency: string | null | undefined;
}

/** Peels sign, parentheses and one currency token off both ends; undefined when a token is unknown. */
function strip(text: string): Stripped | undefined {
  let body = text.trim();
  let negative = false;
  let currency: string | null | undefined;
  const takeSign = () => {
    if (MINUS.test(body)) {
      negative = !negative;
      body = body.replace(MINUS, '');
    } else if (body.startsWith('+')) {
      body = body.slice(1).trimStart();
    }
  };
  const takeCurrency = (pattern: RegExp): boolean => {
    const match = pattern.exec(body);
    if (!match || currency !== undefined) return true;
    const found = currencyOf(match[0].trim());
    if (found === undefined) return false;
    currency = found;
    body = body.replace(pattern, '');
    return true;
  };
  if (body.startsWith('(') && body.endsWith(')')) {
    negative = true;
    body = body.slice(1, -1).trim();
  }
  takeSign();
  if (!takeCurrency(LEADING_CURRENCY)) return undefined;
  takeSign();
  if (!takeCurrency(TRAILING_CURRENCY)) return undefined;
  if (TRAILING_MINUS.test(body)) {
    negative = !negative;
    body = body.replace(TRAILING_MINUS, '');
  }
  return { body: body.trim(), negative, currency };
}

/** Splits `1 234,50` into the integer part's groups and the fraction, or undefined when malformed. */
function toNumberText(body: string, hint: DecimalSeparator): string | undefined {
  if (!BODY.test(body) || !/\d$/.test(body)) return undefined;
  const dots = body.split('.').length - 1;
  const commas = body.split(',').length - 1;
  const spaced = GROUP_SPACE.test(body);
  let decimal: DecimalSeparator | null = null;
  if (dots > 0 && commas > 0) {
    decimal = body.lastIndexOf('.') > body.lastIndexOf(',') ? '.' : ',';
    if ((decimal === '.' ? dots : commas) > 1) return undefined;
  } else if (dots + commas === 1) {
    const separator: DecimalSeparator = dots === 1 ? '.' : ',';
    const [integerPart, fraction] = body.split(separator) as [string, string];
    const integerDigits = integerPart.replace(/\D/g, '');
    if (fraction.length !== 3 || spaced || integerDigits === '0' || integerDigits.length > 3) decimal = separator;
    else decimal = separator === hint ? separator : null;
  }
  let integerPart = body;
  let fraction = '';
  if (decimal !== null) {
    const at = body.lastIndexOf(decimal);
    integerPart = body.slice(0, at);
    fraction = body.slice(at + 1);
    if (!/^\d+$/.test(fraction)) return undefined;
  }
  const groups = integerPart.split(/[.,\s\u00A0\u202F\u2009'\u2019]/);
  if (groups.some((group) => group === '')) return undefined;
  if (groups.length > 1 && ((groups[0] as string).length > 3 || groups.slice(1).some((group) => group.length !== 3))) return undefined;
  return fraction === '' ? groups.join('') : `${groups.join('')}.${fraction}`;
}

export function parseAmount(raw: unknown, options: AmountOptions = {}): Normalized<number> {
  const text = rawText(raw);
  if (!isScalar(raw)) return reject('expected a single amount, found a list or an object', text);
  if (isBlank(raw)) return accept(null, text);
  if (typeof raw === 'number') return Number.isFinite(raw) ? accept(raw, text) : reject('not an amount', text);
  const stripped = strip(text);
  if (stripped === undefined) return reject('not an amount: unknown currency', text);
  const numberText = toNumberText(stripped.body, options.decimal ?? '.');
  if (numberText === undefined) return reject('not an amount', text);
  const value = Number(numberText);
  if (!Number.isFinite(value)) return reject('not an amount', text);
  return accept(stripped.negative && value !== 0 ? -value : value, text);
}

/**
 * The ISO 4217 currency written next to an amount (`12,50 €` → EUR, `zł 12,50` → PLN, `CA$` → CAD),
 * or null when none is written or it is ambiguous (`$`: Canadian or US?).
 */
export function detectCurrency(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  return strip(raw)?.currency ?? null;
}

/**
 * A currency column: ISO 4217 codes (`eur` → `EUR`) or an unambiguous symbol (`€`, `zł`, `CA$`).
 * `$` alone is rejected with a reason rather than guessed.
 */
export function normalizeCurrency(raw: unknown): Normalized<string> {
  const text = rawText(raw);
  if (!isScalar(raw)) return reject('expected a single currency, found a list or an object', text);
  if (isBlank(raw)) return accept(null, text);
  const trimmed = text.trim();
  const found = currencyOf(trimmed);
  if (found !== undefined && found !== null) return accept(found, text);
  if (found === null) return reject('ambiguous currency symbol: write the ISO code (CAD, USD…)', text);
  return /^[A-Za-z]{3}$/.test(trimmed) ? accept(trimmed.toUpperCase(), text) : reject('not a currency code', text);
}
