/**
 * Normalization of imported values. Every normalizer takes the raw cell (string, number, Date… as the
 * reader produced it) and returns `{ ok: true, value, raw } | { ok: false, reason, raw }`; blank input is
 * `{ ok: true, value: null }`. Values starting with `=`, `+`, `-` or `@` are data like any other: no
 * normalizer strips or interprets them as spreadsheet formulas.
 */
export { type Normalized, rawText, isBlank } from './result';
export { cleanText, foldForSearch, normalizeText } from './text';
export { normalizePersonName, splitFullName, MAX_NAME_LENGTH, type SplitName } from './name';
export { normalizeEmail, looksLikeEmail } from './email';
export { normalizePhone, normalizePhoneTrying, phoneDigits, type Phone, type PhoneType } from './phone';
export { isExcelDamaged, EXCEL_DAMAGE_REASON } from './excel-damage';
export { normalizePostalCode } from './postal';
export { normalizeCountry } from './country';
export { normalizeLanguage } from './language';
export { parseConsentFlag, looksLikeFlag } from './boolean';
export { parseDate, DATE_FORMATS, type DateFormat, type DateKind, type DateOptions } from './date';
export { defaultTimeZone, isTimeZone } from './time-zone';
export { parseAmount, detectCurrency, normalizeCurrency, type AmountOptions, type DecimalSeparator } from './amount';
