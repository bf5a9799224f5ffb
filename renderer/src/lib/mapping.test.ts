import { describe, expect, it } from 'vitest';
import {
  addablePaths,
  columnsFromRows,
  DATE_FORMATS,
  draftFromMapping,
  fieldsOf,
  mappingFromDraft,
  missingFromFile,
  needsPurpose,
  rowProblems,
  rowsFromMapping,
  samplesOf,
  TARGET_FIELDS,
  withListPaths,
  type Mapping,
} from './mapping';

const mapping: Mapping = {
  version: 1,
  columns: [
    { column: 'No client', field: 'sourceRecordId' },
    { column: 'Courriel', field: 'email' },
    { column: 'Optin', field: 'consent.granted', purpose: 'infolettre' },
    { column: 'orders[].total', field: 'event.amount' },
  ],
  recordKey: 'No client',
  dateFormat: 'DD/MM/YYYY',
  birthDateFormat: 'YYYY-MM-DD',
  defaultCountry: 'CA',
  eventsPath: 'orders',
};

describe('mapping model', () => {
  it('lists every field once, grouped', () => {
    expect(new Set(TARGET_FIELDS).size).toBe(27);
    expect(fieldsOf('consent')).toEqual([
      'consent.granted',
      'consent.at',
      'consent.purpose',
      'consent.status',
      'consent.optInAt',
      'consent.confirmedAt',
      'consent.withdrawnAt',
    ]);
    expect(needsPurpose('consent.status')).toBe(true);
    expect(needsPurpose('consent.purpose')).toBe(false);
    expect(DATE_FORMATS).toContain('excel-serial');
  });

  it('shows each header once, then nested paths, and gives the same columns back', () => {
    const rows = rowsFromMapping(['No client', 'Prénom', 'Courriel', 'Optin'], mapping);
    expect(rows.map((row) => [row.column, row.field])).toEqual([
      ['No client', 'sourceRecordId'],
      ['Prénom', ''],
      ['Courriel', 'email'],
      ['Optin', 'consent.granted'],
      ['orders[].total', 'event.amount'],
    ]);
    expect(columnsFromRows(rows)).toEqual(mapping.columns);
  });

  it('flags consent columns without a purpose and single-value fields mapped twice', () => {
    const problems = rowProblems(
      [
        { column: 'A', field: 'givenName', purpose: '' },
        { column: 'B', field: 'givenName', purpose: '' },
        { column: 'C', field: 'consent.granted', purpose: '' },
        { column: 'D', field: 'consent.at', purpose: 'news.letter' },
        { column: 'E', field: 'email', purpose: '' },
        { column: 'F', field: 'email', purpose: '' },
      ],
      {},
    );
    expect([...problems]).toEqual([
      [1, 'duplicate'],
      [2, 'purposeMissing'],
      [3, 'purposeInvalid'],
    ]);
  });

  it('round-trips a mapping through the editor draft', () => {
    const draft = draftFromMapping(['No client', 'Courriel', 'Optin', 'orders'], mapping);
    expect(mappingFromDraft(draft)).toEqual({ ...mapping, decimal: '.' });
    expect(mappingFromDraft({ ...draft, eventType: ' purchase ' }).eventType).toBe('purchase');
    // No zone of its own: the mapping keeps none, so the country's main zone applies.
    expect(draft.timeZone).toBe('');
    expect(mappingFromDraft({ ...draft, timeZone: 'America/Vancouver' }).timeZone).toBe('America/Vancouver');
    expect(draftFromMapping([], { ...mapping, timeZone: 'Europe/Paris' }).timeZone).toBe('Europe/Paris');
  });

  it('finds columns missing from a new file and sample values by path', () => {
    expect(missingFromFile('orders[].total', ['orders'])).toBe(false);
    expect(missingFromFile('customer.email', ['customer'])).toBe(false);
    expect(missingFromFile('Tel', ['Téléphone'])).toBe(true);
    const rows = [{ values: { a: 'x', c: { d: 1 } } }, { values: { a: 'x', c: { d: 2 } } }, { values: { a: '' } }, { values: { a: 'y' } }];
    expect(samplesOf(rows, 'a')).toEqual(['x', 'y']);
    expect(samplesOf(rows, 'c.d')).toEqual([1, 2]);
  });

  const shop = [
    {
      values: {
        customer_id: 'wsg_1',
        name: { given: 'Amélie' },
        orders: [{ order_id: 'o-1', placed_at: '2024-03-05T13:25:00-05:00', ship_to: { city: 'Laval' } }],
        consents: [{ purpose: 'newsletter', granted: true }],
      },
    },
  ];

  it('shows the values inside the list elements for a list path, not “empty”', () => {
    expect(samplesOf(shop, 'orders[].placed_at')).toEqual(['2024-03-05T13:25:00-05:00']);
    expect(samplesOf(shop, 'consents[].granted')).toEqual([true]);
    expect(samplesOf(shop, 'orders[].ship_to.city')).toEqual(['Laval']);
  });

  it('offers the sample rows’ paths the editor has no line for', () => {
    const draft = draftFromMapping(['customer_id', 'name', 'orders', 'consents'], {
      ...mapping,
      columns: [{ column: 'orders[].order_id', field: 'event.id' }],
      recordKey: 'customer_id',
    });
    expect(addablePaths(shop, draft)).toEqual(['name.given', 'orders[].placed_at', 'orders[].ship_to.city', 'consents[].purpose', 'consents[].granted']);
  });

  it('names the events or consents list when a column inside it is first mapped', () => {
    const base = draftFromMapping([], { ...mapping, columns: [], eventsPath: undefined });
    const rows = [
      { column: 'orders[].placed_at', field: 'event.at', purpose: '' },
      { column: 'consents[].granted', field: 'consent.granted', purpose: '' },
      { column: 'visits[].date', field: 'event.at', purpose: '' },
      { column: 'gifts[].name', field: '', purpose: '' },
    ] as const;
    expect(withListPaths({ ...base, rows })).toMatchObject({ eventsPath: 'orders', consentsPath: 'consents' });
    expect(withListPaths({ ...base, rows: [rows[3]] })).toEqual({ ...base, rows: [rows[3]] });
    const named = { ...base, eventsPath: 'purchases', rows: [rows[0]] };
    expect(withListPaths(named)).toBe(named);
  });
});
