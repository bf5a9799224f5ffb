import { describe, expect, it } from 'vitest';
import { samplePaths, sampleValues, valuesAt } from './sample-paths';

const record = {
  customer_id: 'wsg_1lgt471',
  'No. client': 'C-1',
  name: { given: 'Amélie', family: 'Tremblay' },
  address: { line1: '4521 rue Saint-Denis', city: 'Montréal' },
  emails: ['amelie@videotron.ca', 'a.tremblay@exemple.ca'],
  notes: null,
  orders: [
    { order_id: 'o-1', placed_at: '2024-03-05T13:25:00-05:00', total: '42.50', ship_to: { name: 'Jean Roy', city: 'Laval' }, items: [{ sku: 'A' }] },
    { order_id: 'o-2', placed_at: '2024-03-06T10:00:00-05:00', total: '18.00', payment: { amount: '18.00' } },
  ],
  consents: [{ purpose: 'newsletter', granted: true }],
};
const rows = [{ values: record }, { values: { customer_id: 'wsg_2', name: { full: 'Jean Roy' }, consents: [] } }];

describe('samplePaths', () => {
  it('offers every path holding a value, nested objects and list elements included, in first-seen order', () => {
    expect(samplePaths(rows)).toEqual([
      'customer_id',
      'No. client',
      'name.given',
      'name.family',
      'address.line1',
      'address.city',
      'emails[]',
      'orders[].order_id',
      'orders[].placed_at',
      'orders[].total',
      'orders[].ship_to.name',
      'orders[].ship_to.city',
      'orders[].payment.amount',
      'consents[].purpose',
      'consents[].granted',
      'name.full',
    ]);
  });

  it('stops at a list inside a list element, which a mapping cannot name', () => {
    expect(samplePaths(rows).some((path) => path.includes('items'))).toBe(false);
  });

  it('is bounded for a runaway document', () => {
    const wide = Object.fromEntries(Array.from({ length: 5000 }, (_, index) => [`k${index}`, index]));
    expect(samplePaths([{ values: wide }])).toHaveLength(1000);
    expect(samplePaths([{ values: { a: { b: { c: { d: { e: 1 } } } } } }])).toEqual([]);
  });
});

describe('sampleValues', () => {
  it('reads the values inside the list elements for a list path', () => {
    expect(sampleValues(rows, 'orders[].placed_at')).toEqual(['2024-03-05T13:25:00-05:00', '2024-03-06T10:00:00-05:00']);
    expect(sampleValues(rows, 'orders[].payment.amount')).toEqual(['18.00']);
    expect(sampleValues(rows, 'consents[].granted')).toEqual([true]);
    expect(sampleValues(rows, 'emails[]')).toEqual(['amelie@videotron.ca', 'a.tremblay@exemple.ca']);
  });

  it('reads headers as written, dotted paths, and leaves blanks and repeats out', () => {
    expect(sampleValues(rows, 'No. client')).toEqual(['C-1']);
    expect(sampleValues(rows, 'name.given')).toEqual(['Amélie']);
    expect(sampleValues(rows, 'customer_id', 1)).toEqual(['wsg_1lgt471']);
    expect(sampleValues(rows, 'notes')).toEqual([]);
    expect(sampleValues([{ values: { a: 'x' } }, { values: { a: 'x' } }], 'a')).toEqual(['x']);
    expect(sampleValues(rows, 'missing[].x')).toEqual([]);
  });

  it('gives one record’s values of a list path', () => {
    expect(valuesAt(record, 'orders[].order_id')).toEqual(['o-1', 'o-2']);
    expect(valuesAt(record, 'orders[].payment.amount')).toEqual(['18.00']);
  });
});
