/**
 * Cells of the CSV files Custodia writes for people to open in a spreadsheet (rejected rows, the
 * profiles export).
 *
 * Spreadsheet formula injection (OWASP, "CSV Injection"): a cell that starts with `=`, `+`, `-` or `@`
 * (or a tab or carriage return, which some spreadsheets skip before reading the rest) may be run as a
 * formula when the file is opened. Such a cell is written with a `'` in front, so it is shown as text.
 *
 * But `+` and `-` also start ordinary data: an international phone number (`+33 6 12 34 56 78`,
 * `+1 (514) 555-0199`), a negative amount (`-12.5`, `-12,5`). Escaping those made the rejects file
 * unusable as it is: the corrected file came back with `'+33 6…`. So a cell that starts with `+` or `-`
 * and holds nothing after the sign but digits, spaces, `.`, `,`, `-` and parentheses, with at least one
 * digit, is data and left alone: without letters there is no function, no cell reference and no DDE
 * command (`cmd|…`), and no other operator (`+`, `*`, `/`, `^`, `&`, `=`) can follow. At worst a
 * spreadsheet computes `-2-3`, with no effect outside the cell. `=SUM(A1)`, `+A1*2`, `-2+3`, `@cmd`,
 * `+33 6…\n=cmd` (anything after a line break counts) stay escaped. (Papa's own `escapeFormulae: true`
 * also missed a value with a line break: its `.*$` stops there.)
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const SIGNED_NUMBER = /^[+-][0-9 .,()-]*[0-9][0-9 .,()-]*$/;

export function isFormulaLike(value: string): boolean {
  return FORMULA_START.test(value) && !SIGNED_NUMBER.test(value);
}

/** A cell as written: with a `'` in front when a spreadsheet could run it. */
export function guardedCell<T extends string | number | boolean>(value: T): T | string {
  return typeof value === 'string' && isFormulaLike(value) ? `'${value}` : value;
}
