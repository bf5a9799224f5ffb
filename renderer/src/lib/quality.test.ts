import { describe, expect, it } from 'vitest';
import type { FlagCount } from '../../../main/api/contract';
import { translator } from '../i18n/test-translator';
import { chartBars, correctionColumns, correctionKinds, correctionOf, doneSentence, fieldLabelKey, planSentence, reasonText } from './quality';

const count = (field: string, code: string, column: string, records: number): FlagCount => ({ field, code, column, records, flags: records });

const COUNTS = [
  count('phone', 'phone', 'Mobile', 3),
  count('event.at', 'date', 'orders[].placed_at', 2),
  count('phone', 'phone', 'Home phone', 2),
  count('email', 'email', 'Email', 1),
  count('birthDate', 'date', 'Born', 1),
];

describe('chartBars', () => {
  it('adds up the columns of a field and reason, largest first', () => {
    expect(chartBars(COUNTS)).toEqual([
      { field: 'phone', code: 'phone', columns: ['Mobile', 'Home phone'], records: 5 },
      { field: 'event.at', code: 'date', columns: ['orders[].placed_at'], records: 2 },
      { field: 'birthDate', code: 'date', columns: ['Born'], records: 1 },
      { field: 'email', code: 'email', columns: ['Email'], records: 1 },
    ]);
  });
});

describe('corrections', () => {
  it('are offered only for the flags they would read again, in their own columns', () => {
    expect(correctionKinds(COUNTS)).toEqual(['phoneCountry', 'dateFormat']);
    expect(correctionKinds([count('email', 'email', 'Email', 1)])).toEqual([]);
    expect(correctionColumns(COUNTS, 'phoneCountry')).toEqual(['Mobile', 'Home phone']);
    expect(correctionColumns(COUNTS, 'dateFormat')).toEqual(['orders[].placed_at', 'Born']);
  });

  it('need a country, except a date format', () => {
    expect(correctionOf({ kind: 'phoneCountry', country: null, format: 'YYYY-MM-DD', column: '' })).toBeNull();
    expect(correctionOf({ kind: 'phoneCountry', country: 'PL', format: 'YYYY-MM-DD', column: '' })).toEqual({ kind: 'phoneCountry', country: 'PL' });
    expect(correctionOf({ kind: 'postalCountry', country: 'FR', format: 'YYYY-MM-DD', column: 'CP' })).toEqual({
      kind: 'postalCountry',
      country: 'FR',
      column: 'CP',
    });
    expect(correctionOf({ kind: 'dateFormat', country: null, format: 'DD/MM/YYYY', column: 'Born' })).toEqual({
      kind: 'dateFormat',
      format: 'DD/MM/YYYY',
      column: 'Born',
    });
  });
});

describe('what the screen says', () => {
  it('labels dotted fields and translates reasons', async () => {
    const t = await translator('en');
    expect(fieldLabelKey('event.at')).toBe('fields.event_at');
    expect(t(fieldLabelKey('event.at'))).toBe('Event date');
    expect(reasonText(t, { code: 'phone', column: 'Mobile' })).toBe('Mobile: not a valid phone number');
  });

  it('gives a correction’s exact counts, in English and in French', async () => {
    const plan = { matched: 4, fixed: 2, stillFlagged: 2, records: 2 };
    expect(planSentence(await translator('en'), plan, 'en')).toBe('4 flagged values: 2 will be read and stored, 2 stay flagged, in 2 records.');
    expect(planSentence(await translator('fr'), { matched: 1, fixed: 1, stillFlagged: 0, records: 1 }, 'fr')).toBe(
      '1 valeur signalée\u00a0: 1 sera lue et enregistrée, 0 reste signalée, dans 1 fiche.',
    );
    expect(planSentence(await translator('en'), { matched: 0, fixed: 0, stillFlagged: 0, records: 0 }, 'en')).toBe('No flagged value matches this correction.');
    expect(doneSentence(await translator('en'), { matched: 4, fixed: 1, stillFlagged: 3, records: 1 }, 'en')).toBe(
      'Done: 1 value was read and stored, in 1 record; 3 are still flagged.',
    );
  });
});
