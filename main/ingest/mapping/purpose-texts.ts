/**
 * The purpose texts a mapping reads from a file (a consent column's `purpose`, or the values of a nested
 * consent's `consent.purpose` cells in the sample rows), and those the catalog does not match: the mapping
 * step lists them for the steward to map to a catalog purpose (`purposeAliases`) or add. Pure and
 * renderer-safe: the vault matches a text the same way (consent's matchPurpose, import-ledger.ts).
 */
import { freeTextCode, matchPurpose, type NamedPurpose } from '../../consent/contract';
import { splitListPath, type Mapping } from './fields';
import { valuesAt } from './sample-paths';

type Values = Readonly<Record<string, unknown>>;

/** How many distinct texts are listed at most: a column of free text is not a list of purposes. */
const MAX_TEXTS = 50;

function cellText(value: unknown): string {
  return typeof value === 'string' ? value.trim() : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

/** Distinct purpose texts, as first met: the columns' own purposes, then the nested cells' values. */
export function consentPurposeTexts(mapping: Pick<Mapping, 'columns' | 'consentsPath'>, rows: readonly { readonly values: Values }[]): string[] {
  const found = new Map<string, string>();
  const add = (text: string) => {
    const folded = freeTextCode(text);
    if (folded !== '' && !found.has(folded) && found.size < MAX_TEXTS) found.set(folded, text);
  };
  for (const column of mapping.columns) {
    if (column.field.startsWith('consent.') && column.purpose !== undefined) add(column.purpose);
  }
  for (const column of mapping.columns) {
    if (column.field !== 'consent.purpose') continue;
    const list = splitListPath(column.column);
    if (list === null || list.list !== mapping.consentsPath) continue;
    for (const row of rows) for (const value of valuesAt(row.values, column.column)) add(cellText(value));
  }
  return [...found.values()];
}

/** The code a text is mapped to by the steward, compared folded; undefined when not mapped. */
export function aliasOf(text: string, aliases: Readonly<Record<string, string>> | undefined): string | undefined {
  if (aliases === undefined) return undefined;
  const folded = freeTextCode(text);
  return Object.entries(aliases).find(([from]) => freeTextCode(from) === folded)?.[1];
}

/** The texts neither the steward's aliases nor the catalog match: their consents would be flagged. */
export function unmatchedPurposeTexts(
  texts: readonly string[],
  catalog: readonly NamedPurpose[],
  aliases: Readonly<Record<string, string>> | undefined,
): string[] {
  return texts.filter((text) => aliasOf(text, aliases) === undefined && matchPurpose(text, catalog) === null);
}
