/**
 * The columns a set of sample records offers, named as a mapping names them (`name.given`,
 * `orders[].placed_at`, `emails[]`), and their values. The mapping editor offers every one of them, the
 * suggestion's or not; the CLI can list them. Pure and renderer-safe.
 */
import { splitListPath } from './fields';
import { isPlainObject, readPath } from './paths';

type Values = Readonly<Record<string, unknown>>;

/** As deep as the suggestion looks; and enough paths for any real export, not a runaway document. */
const MAX_DEPTH = 4;
const MAX_PATHS = 1000;
const MAX_PATH_LENGTH = 500;

const isBlank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

function walk(value: unknown, path: string, depth: number, inList: boolean, out: Set<string>): void {
  if (out.size >= MAX_PATHS || path.length > MAX_PATH_LENGTH || isBlank(value)) return;
  if (isPlainObject(value)) {
    if (depth >= MAX_DEPTH) return;
    for (const [key, inner] of Object.entries(value)) walk(inner, path === '' ? key : `${path}.${key}`, depth + 1, inList, out);
    return;
  }
  if (Array.isArray(value)) {
    // A mapping reads one level of [] only: a list inside a list element (`orders[].items`) stays in the raw record.
    if (inList) return;
    for (const element of value) {
      if (isPlainObject(element)) walk(element, `${path}[]`, depth, true, out);
      else if (!isBlank(element) && !Array.isArray(element)) out.add(`${path}[]`);
    }
    return;
  }
  if (path !== '') out.add(path);
}

/** Every path holding a value in at least one record, in first-seen order. */
export function samplePaths(rows: readonly { readonly values: Values }[]): string[] {
  const out = new Set<string>();
  for (const row of rows) walk(row.values, '', 0, false, out);
  return [...out];
}

/** The values of `column` in one record: a header, a dotted path, or every element's value for a list path. */
export function valuesAt(values: Values, column: string): unknown[] {
  const list = Object.hasOwn(values, column) ? null : splitListPath(column);
  if (list === null) {
    const value = readPath(values, column);
    return value === undefined ? [] : [value];
  }
  const elements = readPath(values, list.list);
  if (!Array.isArray(elements)) return [];
  if (list.inner === '') return elements;
  return elements.map((element) => (isPlainObject(element) ? readPath(element, list.inner) : undefined)).filter((value) => value !== undefined);
}

/** Up to `max` distinct, non-blank values of `column` across the records, for the editor to show. */
export function sampleValues(rows: readonly { readonly values: Values }[], column: string, max = 3): unknown[] {
  const found: unknown[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const value of valuesAt(row.values, column)) {
      if (isBlank(value)) continue;
      const key = JSON.stringify(value);
      if (seen.has(key)) continue;
      seen.add(key);
      found.push(value);
      if (found.length >= max) return found;
    }
  }
  return found;
}
