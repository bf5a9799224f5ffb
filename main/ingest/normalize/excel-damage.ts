/**
 * What a spreadsheet does to long digit strings (card numbers, phones, order numbers) when it takes them
 * for numbers. Excel keeps 15 significant digits and shows anything longer than 11 characters in
 * scientific notation; a file saved from there carries `6,03314E+15` (French locale) or `6.03314E+15`
 * where `6033140123456789` was. The lost digits cannot be recovered, and several different cards give
 * the same damaged text, so such a value must be flagged, never "corrected", and never used as a key:
 * it would merge unrelated people.
 *
 * The rule only flags what is certainly damage:
 * - Text in scientific notation (`6,03314E+15`, `6.03302909997733E+15`, `6E+15`, `1.23457e+011`) is
 *   always damage for an identifier, whatever the number of significant digits: even 15 of them lose the
 *   16th digit of a card, and no identifier is ever written that way on purpose. A negative exponent is
 *   not what happens to a long digit string, so it is left to the field's own validation.
 * - A number (from XLSX or JSON) above Number.MAX_SAFE_INTEGER has lost digits in the double itself.
 * - Not flagged: a digit string or a safe integer, even with 16+ digits and trailing zeros
 *   (`6033140000000000`). It may be a re-saved damaged value, but it may as well be a real number, and a
 *   JSON source can carry `6033029099977331` exactly.
 */

/** The reason a normalizer gives for a damaged value, shown to the steward beside the raw text. */
export const EXCEL_DAMAGE_REASON = 'digits lost to spreadsheet scientific notation (e.g. 6,03314E+15)';

/** Excel's form: one digit, an optional decimal part with `.` or `,`, `E`, a non-negative exponent. */
const SCIENTIFIC_TEXT = /^[+-]?\d(?:[.,]\d+)?e\+?\d{1,3}$/i;

export function isExcelDamaged(raw: unknown): boolean {
  if (typeof raw === 'number') return Number.isFinite(raw) && Math.abs(raw) > Number.MAX_SAFE_INTEGER;
  if (typeof raw !== 'string') return false;
  // Cheap pre-check: this runs on every phone and card cell, and nearly none contains an E.
  if (!raw.includes('E') && !raw.includes('e')) return false;
  return SCIENTIFIC_TEXT.test(raw.trim());
}
