import { describe, expect, it } from 'vitest';
import { FIELD_INFO, Mapping, TARGET_FIELDS, mappingTimeZone, splitListPath } from './fields';

const base = { version: 1, recordKey: 'no_client', dateFormat: 'DD/MM/YYYY', birthDateFormat: 'YYYY-MM-DD', defaultCountry: 'CA' } as const;

const issues = (value: unknown) => {
  const result = Mapping.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
};

describe('Mapping', () => {
  it('accepts a flat mapping and survives a JSON round trip unchanged', () => {
    const mapping = {
      ...base,
      decimal: ',',
      columns: [
        { column: 'no_client', field: 'sourceRecordId' },
        { column: 'Courriel', field: 'email' },
        { column: 'Courriel 2', field: 'email' },
        { column: 'consentement_infolettre', field: 'consent.granted', purpose: 'newsletter' },
        { column: 'date_consentement', field: 'consent.at', purpose: 'newsletter' },
      ],
    };
    const parsed = Mapping.parse(mapping);
    expect(JSON.parse(JSON.stringify(parsed))).toEqual(mapping);
  });

  it('accepts nested JSON columns with the events and consents lists', () => {
    expect(
      issues({
        ...base,
        eventsPath: 'orders',
        consentsPath: 'consents',
        columns: [
          { column: 'customer.email', field: 'email' },
          { column: 'emails[]', field: 'email' },
          { column: 'orders[].total', field: 'event.amount' },
          { column: 'orders[].store.name', field: 'event.place' },
          { column: 'consents[].purpose', field: 'consent.purpose' },
          { column: 'consents[].granted', field: 'consent.granted' },
        ],
      }),
    ).toEqual([]);
  });

  it('accepts a column one object deeper inside an element of the events list', () => {
    const mapping = { ...base, eventsPath: 'orders', columns: [{ column: 'orders[].payment.amount', field: 'event.amount' }] };
    expect(issues(mapping)).toEqual([]);
    expect(splitListPath('orders[].payment.amount')).toEqual({ list: 'orders', inner: 'payment.amount' });
  });

  it('explains mistakes a person editing the JSON can make', () => {
    expect(issues({ ...base, columns: [{ column: 'optin', field: 'consent.granted' }] })).toEqual(['consent.granted needs a purpose']);
    expect(issues({ ...base, columns: [{ column: 'ville', field: 'city', purpose: 'x' }] })).toEqual(['only consent columns have a purpose']);
    expect(issues({ ...base, columns: [{ column: 'orders[].total', field: 'event.amount' }] })).toEqual([
      'orders[] is neither the eventsPath nor the consentsPath',
    ]);
    expect(issues({ ...base, eventsPath: 'orders', columns: [{ column: 'orders[].email', field: 'email' }] })).toEqual([
      'columns inside the events list can only map to event fields',
    ]);
    expect(issues({ ...base, columns: [{ column: 'cities[]', field: 'city' }] })).toEqual([
      'city takes one value: a list (cities[]) fits only email, phone or street',
    ]);
    expect(issues({ ...base, columns: [{ column: 'x', field: 'shoeSize' }] })).toHaveLength(1);
    expect(issues({ ...base, defaultCountry: 'Canada', columns: [] })).toHaveLength(1);
    expect(issues({ ...base, dateFormat: 'D/M/YY', columns: [] })).toHaveLength(1);
    expect(issues({ ...base, version: 2, columns: [] })).toHaveLength(1);
  });

  it('takes the source’s time zone as an IANA name, and the country’s main zone without one', () => {
    const columns = [{ column: 'no_client', field: 'sourceRecordId' }];
    expect(Mapping.parse({ ...base, columns, timeZone: 'America/Vancouver' }).timeZone).toBe('America/Vancouver');
    expect(issues({ ...base, columns, timeZone: 'Pacific Time' })).toEqual(['an IANA time zone such as America/Toronto or Europe/Paris']);
    expect(mappingTimeZone(Mapping.parse({ ...base, columns, timeZone: 'America/Vancouver' }))).toBe('America/Vancouver');
    expect(mappingTimeZone(Mapping.parse({ ...base, columns }))).toBe('America/Toronto');
    expect(mappingTimeZone({ defaultCountry: 'FR' })).toBe('Europe/Paris');
    // Saved before any format had a time: still valid.
    expect(issues({ ...base, dateFormat: 'iso', columns })).toEqual([]);
    expect(issues({ ...base, dateFormat: 'DD/MM/YYYY HH:MM', columns })).toEqual([]);
  });

  it('describes every target field', () => {
    for (const field of TARGET_FIELDS) expect(FIELD_INFO[field].label.fr).not.toBe('');
  });

  it('splits list paths', () => {
    expect(splitListPath('orders[].total')).toEqual({ list: 'orders', inner: 'total' });
    expect(splitListPath('emails[]')).toEqual({ list: 'emails', inner: '' });
    expect(splitListPath('customer.email')).toBeNull();
  });
});
