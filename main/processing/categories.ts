/**
 * The categories of data a source holds, read from its saved mapping's target fields: a mapping is what the
 * vault keeps of a source's columns, so it says what the source sends without reading a single record.
 */
import type { DataCategory } from './contract';

const CATEGORY_OF: Readonly<Record<string, DataCategory>> = {
  sourceRecordId: 'identity',
  givenName: 'identity',
  familyName: 'identity',
  fullName: 'identity',
  email: 'contact',
  phone: 'contact',
  street: 'address',
  city: 'address',
  postalCode: 'address',
  region: 'address',
  country: 'address',
  birthDate: 'birthDate',
  nationalId: 'nationalId',
};

function categoryOf(field: string): DataCategory | null {
  if (field.startsWith('consent.')) return 'consent';
  if (field.startsWith('event.')) return 'events';
  return CATEGORY_OF[field] ?? null;
}

const ORDER: readonly DataCategory[] = ['identity', 'contact', 'address', 'birthDate', 'nationalId', 'consent', 'events'];

/**
 * The stored mapping (JSON, as ingest saved it) to categories in a fixed order, each with its fields sorted, so
 * the same mapping always reads the same; null when the source has no mapping.
 */
export function categoriesOfMapping(stored: string | null): { category: DataCategory; fields: string[] }[] | null {
  if (stored === null) return null;
  const mapping = JSON.parse(stored) as { columns?: readonly { field?: unknown }[] };
  const fields = new Map<DataCategory, Set<string>>();
  for (const column of mapping.columns ?? []) {
    if (typeof column.field !== 'string') continue;
    const category = categoryOf(column.field);
    if (category === null) continue;
    const set = fields.get(category) ?? new Set<string>();
    set.add(column.field);
    fields.set(category, set);
  }
  return ORDER.filter((category) => fields.has(category)).map((category) => ({ category, fields: [...fields.get(category)!].sort() }));
}
