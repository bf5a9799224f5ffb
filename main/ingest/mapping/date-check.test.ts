import { describe, expect, it } from 'vitest';
import { checkDateColumns } from './date-check';
import type { Mapping } from './fields';

const now = new Date('2026-11-24T12:00:00Z');
const rows = (...values: Record<string, unknown>[]) => values.map((row) => ({ values: row }));

const till = (
  dateFormat: Mapping['dateFormat'],
  defaultCountry = 'FR',
): Pick<Mapping, 'columns' | 'dateFormat' | 'birthDateFormat' | 'defaultCountry' | 'timeZone'> => ({
  columns: [
    { column: 'no_carte', field: 'sourceRecordId' },
    { column: 'date_achat', field: 'event.at' },
    { column: 'naissance', field: 'birthDate' },
  ],
  dateFormat,
  birthDateFormat: 'DD/MM/YYYY',
  defaultCountry,
});

describe('checkDateColumns', () => {
  const sample = rows(
    { no_carte: 'C-1', date_achat: '28/07/2012 13:25', naissance: '12/03/1980' },
    { no_carte: 'C-2', date_achat: '02/08/2012 9:05', naissance: '' },
    { no_carte: 'C-3', date_achat: '03/08/2012', naissance: '25/12/1975' },
  );

  it('counts, per date column, the sample values the chosen format rejects, and what the values suggest', () => {
    expect(checkDateColumns(sample, till('DD/MM/YYYY'), now)).toEqual([
      {
        column: 'date_achat',
        kind: 'event',
        format: 'DD/MM/YYYY',
        sampled: 3,
        failing: 2,
        example: '28/07/2012 13:25',
        detected: 'DD/MM/YYYY HH:MM',
        detectedFailing: 0,
        ambiguity: 'none',
      },
      { column: 'naissance', kind: 'birth', format: 'DD/MM/YYYY', sampled: 2, failing: 0, detected: 'DD/MM/YYYY', detectedFailing: 0, ambiguity: 'none' },
    ]);
    expect(checkDateColumns(sample, till('DD/MM/YYYY HH:MM'), now)[0]).toMatchObject({ failing: 0, detected: 'DD/MM/YYYY HH:MM' });
  });

  it('says when every sample reads both ways, and whether the chosen order is the country’s', () => {
    const ambiguous = rows({ date_achat: '03/04/2024 10:00' }, { date_achat: '05/06/2024 11:00' });
    expect(checkDateColumns(ambiguous, till('DD/MM/YYYY HH:MM', 'CA'), now)[0]).toMatchObject({ failing: 0, ambiguity: 'followsCountry' });
    expect(checkDateColumns(ambiguous, till('MM/DD/YYYY HH:MM', 'CA'), now)[0]).toMatchObject({ failing: 0, ambiguity: 'againstCountry' });
    expect(checkDateColumns(ambiguous, till('MM/DD/YYYY HH:MM', 'US'), now)[0]).toMatchObject({ failing: 0, ambiguity: 'followsCountry' });
    expect(checkDateColumns(ambiguous, till('iso', 'CA'), now)[0]).toMatchObject({ failing: 2, ambiguity: 'none' });
  });

  it('reads dates inside a nested list of events, and reports a column with no values as such', () => {
    const mapping = { ...till('YYYY-MM-DD'), columns: [{ column: 'orders[].date', field: 'event.at' as const }] };
    const nested = rows({ orders: [{ date: '2024-03-05' }, { date: '05/03/2024' }] }, { orders: [] });
    expect(checkDateColumns(nested, mapping, now)[0]).toMatchObject({ sampled: 2, failing: 1, example: '05/03/2024' });
    expect(checkDateColumns(rows({}), till('iso'), now)).toMatchObject([
      { sampled: 0, failing: 0 },
      { sampled: 0, failing: 0 },
    ]);
  });

  it('accepts local ISO date-times, which the import reads in the source’s zone', () => {
    expect(checkDateColumns(rows({ date_achat: '2024-03-05T14:30:00' }), till('iso'), now)[0]).toMatchObject({ failing: 0 });
  });
});
