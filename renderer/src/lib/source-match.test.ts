import { describe, expect, it } from 'vitest';
import type { Source } from '../../../main/api/contract';
import { fitsHeaders, sourceForFile } from './source-match';

type Mapping = NonNullable<Source['mapping']>;
type TestSource = Pick<Source, 'name' | 'kind' | 'mapping' | 'lastRun' | 'updatedAt'>;

function mapping(recordKey: string, columns: Record<string, string>): Mapping {
  return {
    version: 1,
    recordKey,
    dateFormat: 'YYYY-MM-DD',
    birthDateFormat: 'YYYY-MM-DD',
    defaultCountry: 'CA',
    columns: Object.entries(columns).map(([column, field]) => ({ column, field })),
  } as unknown as Mapping;
}

function source(name: string, map: Mapping | null, lastRunAt: string | null, kind: Source['kind'] = 'file'): TestSource {
  return { name, kind, mapping: map, updatedAt: '2026-01-01T00:00:00.000Z', lastRun: lastRunAt === null ? null : ({ startedAt: lastRunAt } as Source['lastRun']) };
}

const NEWSLETTER = source('Newsletter', mapping('email', { email: 'email', first_name: 'givenName', optin: 'consent.granted' }), '2026-12-06T10:00:00.000Z');
const TILL = source('Till', mapping('card', { card: 'externalId', name: 'fullName', total: 'event.amount', date: 'event.at' }), '2026-12-01T10:00:00.000Z');
const TILL_HEADERS = ['card', 'name', 'total', 'date', 'store'];

describe('the source offered for a file', () => {
  it('is a source whose saved mapping reads only columns the file has', () => {
    expect(fitsHeaders(TILL, TILL_HEADERS)).toBe(true);
    expect(fitsHeaders(NEWSLETTER, TILL_HEADERS)).toBe(false);
    // A column the mapping reads is missing: not this source.
    expect(fitsHeaders(TILL, ['card', 'name', 'date'])).toBe(false);
    // Case and surrounding spaces do not matter.
    expect(fitsHeaders(TILL, ['Card ', 'NAME', 'Total', 'date'])).toBe(true);
    // No saved mapping: nothing to match.
    expect(fitsHeaders(source('Empty', null, null), TILL_HEADERS)).toBe(false);
  });

  it('is not the last source used when the file does not fit it, and none when no source fits', () => {
    // The newsletter ran last, but the till export fits the till's source.
    expect(sourceForFile([NEWSLETTER, TILL], TILL_HEADERS)?.name).toBe('Till');
    expect(sourceForFile([NEWSLETTER, TILL], ['id', 'courriel', 'téléphone'])).toBeNull();
    expect(sourceForFile([], TILL_HEADERS)).toBeNull();
  });

  it('among sources that fit, is the one used last; connectors are never offered', () => {
    const olderTill = { ...TILL, name: 'Old till', lastRun: { startedAt: '2025-01-01T00:00:00.000Z' } as Source['lastRun'] };
    expect(sourceForFile([olderTill, TILL], TILL_HEADERS)?.name).toBe('Till');
    expect(sourceForFile([{ ...TILL, kind: 'folder' as const }], TILL_HEADERS)).toBeNull();
  });

  it('matches JSON paths by their top-level key', () => {
    const json = source('Shop API', mapping('id', { id: 'externalId', 'address.city': 'city', 'orders[].total': 'event.amount' }), null);
    expect(fitsHeaders(json, ['id', 'address', 'orders'])).toBe(true);
    expect(fitsHeaders(json, ['id', 'address'])).toBe(false);
  });
});
