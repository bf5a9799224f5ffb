import { describe, expect, it } from 'vitest';
import { detectDateFormat, detectDecimal } from './detect-format';

const now = new Date('2026-11-24T12:00:00Z');
const event = (country: string) => ({ kind: 'event' as const, country, now });

describe('detectDateFormat', () => {
  it('finds the till export’s day-first date-times', () => {
    expect(detectDateFormat(['28/07/2012 13:25', '02/08/2012 9:05', '03/08/2012 18:40'], event('FR'))).toEqual({
      format: 'DD/MM/YYYY HH:MM',
      ambiguous: false,
      failing: 0,
    });
  });

  it('lets a day above 12 settle day/month whatever the country', () => {
    expect(detectDateFormat(['03/04/2024', '13/04/2024'], event('US'))).toEqual({ format: 'DD/MM/YYYY', ambiguous: false, failing: 0 });
    expect(detectDateFormat(['04/03/2024', '04/13/2024'], event('FR'))).toEqual({ format: 'MM/DD/YYYY', ambiguous: false, failing: 0 });
    expect(detectDateFormat(['04/03/2024 10:00', '04/13/2024 1:30 PM'], event('CA'))).toEqual({ format: 'MM/DD/YYYY HH:MM', ambiguous: false, failing: 0 });
  });

  it('follows the country when every sample reads both ways, and says so', () => {
    const samples = ['03/04/2024', '05/06/2024'];
    expect(detectDateFormat(samples, event('CA'))).toEqual({ format: 'DD/MM/YYYY', ambiguous: true, failing: 0 });
    expect(detectDateFormat(samples, event('FR'))).toEqual({ format: 'DD/MM/YYYY', ambiguous: true, failing: 0 });
    expect(detectDateFormat(samples, event('US'))).toEqual({ format: 'MM/DD/YYYY', ambiguous: true, failing: 0 });
    expect(detectDateFormat(['03/04/2024 10:00'], event('US'))).toEqual({ format: 'MM/DD/YYYY HH:MM', ambiguous: true, failing: 0 });
    // Day equal to month reads the same both ways: nothing to warn about.
    expect(detectDateFormat(['01/01/2024', '02/02/2024'], event('FR'))).toEqual({ format: 'DD/MM/YYYY', ambiguous: false, failing: 0 });
  });

  it('prefers the plain date format when no sample has a time', () => {
    expect(detectDateFormat(['2024-03-05', '2024-12-31'], event('CA')).format).toBe('YYYY-MM-DD');
    expect(detectDateFormat(['05.03.2024', '31.12.2024'], event('PL')).format).toBe('DD.MM.YYYY');
    expect(detectDateFormat(['20240305'], event('PL')).format).toBe('YYYYMMDD');
    expect(detectDateFormat(['45356'], event('PL')).format).toBe('excel-serial');
  });

  it('keeps iso for ISO exports, local times included, and takes the time format for mixed rows', () => {
    expect(detectDateFormat(['2024-03-05T14:30:00Z', '2024-03-06'], event('CA')).format).toBe('iso');
    expect(detectDateFormat(['2024-03-05T14:30:00', '2024-03-06T08:00:00'], event('CA')).format).toBe('iso');
    expect(detectDateFormat(['2024-03-05 9:30', '2024-03-06'], event('CA')).format).toBe('YYYY-MM-DD HH:MM');
    expect(detectDateFormat(['28/07/2012 13:25', '29/07/2012'], event('FR')).format).toBe('DD/MM/YYYY HH:MM');
  });

  it('counts the samples the best format still rejects, and ignores blanks', () => {
    expect(detectDateFormat(['28/07/2012 13:25', '', '  ', 'hier', '31/02/2012 10:00'], event('FR'))).toEqual({
      format: 'DD/MM/YYYY HH:MM',
      ambiguous: false,
      failing: 2,
    });
    expect(detectDateFormat(['n/a', 'hier'], { ...event('FR'), fallback: 'YYYY-MM-DD' })).toEqual({ format: 'YYYY-MM-DD', ambiguous: false, failing: 2 });
    expect(detectDateFormat([], { ...event('FR'), fallback: 'YYYY-MM-DD' })).toEqual({ format: 'YYYY-MM-DD', ambiguous: false, failing: 0 });
  });

  it('judges birth dates by their own range', () => {
    expect(detectDateFormat(['12/03/1955', '01/02/1960'], { kind: 'birth', country: 'FR', now })).toEqual({
      format: 'DD/MM/YYYY',
      ambiguous: true,
      failing: 0,
    });
  });
});

describe('detectDecimal', () => {
  it('reads the decimal separator and the grouping from the shapes of the amounts', () => {
    expect(detectDecimal(['12,50', '8,00'])).toEqual({ decimal: ',' });
    expect(detectDecimal(['1 234,50', '12,00'])).toEqual({ decimal: ',', thousands: ' ' });
    expect(detectDecimal(['1\u00A0234,50 €', '1\u202F000,00'])).toEqual({ decimal: ',', thousands: ' ' });
    expect(detectDecimal(['1.234,50'])).toEqual({ decimal: ',', thousands: '.' });
    expect(detectDecimal(['1,234.50', '$12.00'])).toEqual({ decimal: '.', thousands: ',' });
    expect(detectDecimal(["1'234.50"])).toEqual({ decimal: '.', thousands: "'" });
  });

  it('says nothing when no amount shows a decimal', () => {
    expect(detectDecimal(['1234', '56'])).toEqual({ decimal: undefined });
    expect(detectDecimal([1234.5, 12])).toEqual({ decimal: undefined });
    expect(detectDecimal([])).toEqual({ decimal: undefined });
  });

  it('lets ambiguous amounts abstain and a grouping decide when nothing else does', () => {
    expect(detectDecimal(['1,234', '12,50'])).toEqual({ decimal: ',' });
    expect(detectDecimal(['1.234', '1,234'])).toEqual({ decimal: undefined });
    expect(detectDecimal(['1.234.567', '1.234'])).toEqual({ decimal: ',', thousands: '.' });
    expect(detectDecimal(['0,125'])).toEqual({ decimal: ',' });
  });
});
