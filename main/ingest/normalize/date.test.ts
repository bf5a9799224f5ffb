import { describe, expect, it } from 'vitest';
import { parseDate, type DateFormat, type DateKind } from './date';

const now = new Date('2026-11-24T12:00:00Z');
const read = (raw: unknown, format: DateFormat, kind: DateKind = 'event', timeZone?: string) => {
  const result = parseDate(raw, format, { kind, now, ...(timeZone === undefined ? {} : { timeZone }) });
  return result.ok ? result.value : `✗ ${result.reason}`;
};

describe('parseDate', () => {
  it('reads each explicit format', () => {
    expect(parseDate('2024-03-05', 'YYYY-MM-DD', { kind: 'event', now })).toEqual({ ok: true, value: '2024-03-05', raw: '2024-03-05' });
    expect(read('05/03/2024', 'DD/MM/YYYY')).toBe('2024-03-05');
    expect(read('5/3/2024', 'DD/MM/YYYY')).toBe('2024-03-05');
    expect(read('03/05/2024', 'MM/DD/YYYY')).toBe('2024-03-05');
    expect(read('05.03.2024', 'DD.MM.YYYY')).toBe('2024-03-05');
    expect(read('05.03.2024 r.', 'DD.MM.YYYY')).toBe('2024-03-05');
    expect(read('05-03-2024', 'DD-MM-YYYY')).toBe('2024-03-05');
    expect(read('20240305', 'YYYYMMDD')).toBe('2024-03-05');
    expect(read(20240305, 'YYYYMMDD')).toBe('2024-03-05');
  });

  it('reads the same text differently only through the declared format', () => {
    expect(read('03/04/2024', 'DD/MM/YYYY')).toBe('2024-04-03');
    expect(read('03/04/2024', 'MM/DD/YYYY')).toBe('2024-03-04');
    expect(read('13/04/2024', 'MM/DD/YYYY')).toBe('✗ not a real calendar date');
    expect(read('2024-03-05', 'DD/MM/YYYY')).toBe('✗ not a date in the format DD/MM/YYYY');
  });

  it('validates real calendar dates, leap years included', () => {
    expect(read('31/02/2024', 'DD/MM/YYYY')).toBe('✗ not a real calendar date');
    expect(read('29/02/2024', 'DD/MM/YYYY')).toBe('2024-02-29');
    expect(read('29/02/2023', 'DD/MM/YYYY')).toBe('✗ not a real calendar date');
    expect(read('29/02/2000', 'DD/MM/YYYY', 'birth')).toBe('2000-02-29');
    expect(read('29/02/1900', 'DD/MM/YYYY', 'birth')).toBe('✗ not a real calendar date');
    expect(read('31/04/2024', 'DD/MM/YYYY')).toBe('✗ not a real calendar date');
    expect(read('00/01/2024', 'DD/MM/YYYY')).toBe('✗ not a real calendar date');
    expect(read('2024-13-01', 'YYYY-MM-DD')).toBe('✗ not a real calendar date');
  });

  it('refuses two-digit years and times of day in date-only formats, but tolerates an exported midnight', () => {
    expect(read('05/03/24', 'DD/MM/YYYY')).toBe('✗ not a date in the format DD/MM/YYYY');
    expect(read('2024-03-05 00:00:00', 'YYYY-MM-DD')).toBe('2024-03-05');
    expect(read('05/03/2024 00:00', 'DD/MM/YYYY')).toBe('2024-03-05');
    expect(read('05/03/2024 14:30', 'DD/MM/YYYY')).toBe('✗ has a time of day, but the date format is DD/MM/YYYY');
  });

  it('reads ISO 8601 dates and date-times with an offset, normalized to UTC', () => {
    expect(read('2024-03-05', 'iso')).toBe('2024-03-05');
    expect(read('2024-03-05T14:30:00Z', 'iso')).toBe('2024-03-05T14:30:00.000Z');
    expect(read('2024-03-05T14:30:00-05:00', 'iso')).toBe('2024-03-05T19:30:00.000Z');
    expect(read('2024-03-05T00:30:00+01:00', 'iso')).toBe('2024-03-04T23:30:00.000Z');
    expect(read('2024-03-05 14:30+0200', 'iso')).toBe('2024-03-05T12:30:00.000Z');
    expect(read('2024-03-05T14:30:00.123456Z', 'iso')).toBe('2024-03-05T14:30:00.123Z');
    expect(read('2024-03-05T14:30:00', 'iso')).toBe('✗ date-time without a time zone offset (Z or ±hh:mm)');
    expect(read('2024-03-05T14:30:00', 'iso', 'event', 'America/Toronto')).toBe('2024-03-05T19:30:00.000Z');
    expect(read('2024-07-05 14:30', 'iso', 'event', 'America/Toronto')).toBe('2024-07-05T18:30:00.000Z');
    // A written offset wins over the source's zone.
    expect(read('2024-07-05T14:30:00Z', 'iso', 'event', 'America/Toronto')).toBe('2024-07-05T14:30:00.000Z');
    expect(read('2024-03-05T25:30:00Z', 'iso')).toBe('✗ not a real time of day');
    expect(read('2024-02-30T10:00:00Z', 'iso')).toBe('✗ not a real calendar date');
    expect(read('05/03/2024', 'iso')).toBe('✗ not an ISO 8601 date or date-time');
  });

  it('reads Excel serial numbers, including the 1900 leap-year bug', () => {
    expect(read(45356, 'excel-serial')).toBe('2024-03-05');
    expect(read('45356', 'excel-serial')).toBe('2024-03-05');
    expect(read(45356.5, 'excel-serial')).toBe('2024-03-05T12:00:00.000Z');
    expect(read(61, 'excel-serial', 'birth')).toBe('1900-03-01');
    expect(read(59, 'excel-serial', 'birth')).toBe('1900-02-28');
    expect(read(1, 'excel-serial', 'birth')).toBe('1900-01-01');
    expect(read(60, 'excel-serial', 'birth')).toMatch(/^✗ Excel serial 60/);
    expect(read('abc', 'excel-serial')).toBe('✗ not an Excel date serial number');
  });

  it('accepts Date objects from spreadsheet cells whatever the declared format', () => {
    expect(read(new Date(Date.UTC(1985, 2, 12)), 'DD/MM/YYYY', 'birth')).toBe('1985-03-12');
    expect(read(new Date('2024-03-05T14:30:00Z'), 'iso')).toBe('2024-03-05T14:30:00.000Z');
  });

  it('checks plausible ranges for birth dates', () => {
    expect(read('1899-12-31', 'YYYY-MM-DD', 'birth')).toBe('✗ birth date before 1900');
    expect(read('1900-01-01', 'YYYY-MM-DD', 'birth')).toBe('1900-01-01');
    expect(read('2026-11-24', 'YYYY-MM-DD', 'birth')).toBe('2026-11-24');
    expect(read('2026-11-25', 'YYYY-MM-DD', 'birth')).toBe('✗ birth date in the future');
  });

  it('checks plausible ranges for event times', () => {
    expect(read('1969-12-31', 'YYYY-MM-DD')).toBe('✗ date before 1970');
    expect(read('1970-01-01', 'YYYY-MM-DD')).toBe('1970-01-01');
    expect(read('2027-11-24', 'YYYY-MM-DD')).toBe('2027-11-24');
    expect(read('2027-11-25', 'YYYY-MM-DD')).toBe('✗ date more than a year in the future');
    expect(read('2027-11-24T11:00:00Z', 'iso')).toBe('2027-11-24T11:00:00.000Z');
    expect(read('2027-11-24T13:00:00Z', 'iso')).toBe('✗ date more than a year in the future');
  });

  it('treats blank as missing and rejects lists', () => {
    expect(parseDate('  ', 'iso', { kind: 'event', now })).toEqual({ ok: true, value: null, raw: '  ' });
    expect(read(['2024-01-01'], 'iso')).toMatch(/^✗ expected a single date/);
  });
});

describe('parseDate with a time of day', () => {
  it('reads the till export’s day-first local times in the source’s zone, stored in UTC', () => {
    expect(read('28/07/2012 13:25', 'DD/MM/YYYY HH:MM', 'event', 'Europe/Paris')).toBe('2012-07-28T11:25:00.000Z');
    expect(read('28/01/2012 13:25', 'DD/MM/YYYY HH:MM', 'event', 'Europe/Paris')).toBe('2012-01-28T12:25:00.000Z');
    expect(read('5/3/2024 9:05:30', 'DD/MM/YYYY HH:MM', 'event', 'Europe/Warsaw')).toBe('2024-03-05T08:05:30.000Z');
    expect(read('05.03.2024 09:05', 'DD.MM.YYYY HH:MM', 'event', 'Europe/Warsaw')).toBe('2024-03-05T08:05:00.000Z');
    expect(read('05-03-2024 09:05', 'DD-MM-YYYY HH:MM', 'event', 'Europe/Paris')).toBe('2024-03-05T08:05:00.000Z');
    expect(read('2024-03-05 09:05:00.250', 'YYYY-MM-DD HH:MM', 'event', 'Europe/Paris')).toBe('2024-03-05T08:05:00.250Z');
  });

  it('reads month-first US times, with AM/PM', () => {
    expect(read('07/28/2012 1:25 PM', 'MM/DD/YYYY HH:MM', 'event', 'America/New_York')).toBe('2012-07-28T17:25:00.000Z');
    expect(read('07/28/2012 12:10 am', 'MM/DD/YYYY HH:MM', 'event', 'America/New_York')).toBe('2012-07-28T04:10:00.000Z');
    expect(read('07/28/2012 13:25', 'MM/DD/YYYY HH:MM', 'event', 'America/New_York')).toBe('2012-07-28T17:25:00.000Z');
    expect(read('07/28/2012 13:25 PM', 'MM/DD/YYYY HH:MM')).toBe('✗ not a real time of day');
    expect(read('28/07/2012 13:25', 'MM/DD/YYYY HH:MM')).toBe('✗ not a real calendar date');
  });

  it('reads local times as UTC when no zone is given, and follows a written offset whatever the zone', () => {
    expect(read('28/07/2012 13:25', 'DD/MM/YYYY HH:MM')).toBe('2012-07-28T13:25:00.000Z');
    expect(read('28/07/2012 13:25+02:00', 'DD/MM/YYYY HH:MM', 'event', 'America/Toronto')).toBe('2012-07-28T11:25:00.000Z');
    expect(read('2012-07-28T13:25Z', 'YYYY-MM-DD HH:MM', 'event', 'America/Toronto')).toBe('2012-07-28T13:25:00.000Z');
    expect(read('28/07/2012 13:25 -0500', 'DD/MM/YYYY HH:MM')).toBe('2012-07-28T18:25:00.000Z');
    expect(read('28/07/2012 13:25+15:00', 'DD/MM/YYYY HH:MM')).toBe('✗ not a real time zone offset');
  });

  it('keeps a value without a time as the date written, and a birth date as a date', () => {
    expect(read('28/07/2012', 'DD/MM/YYYY HH:MM', 'event', 'Europe/Paris')).toBe('2012-07-28');
    expect(read('12.03.1985 r.', 'DD.MM.YYYY HH:MM', 'birth', 'Europe/Warsaw')).toBe('1985-03-12');
    expect(read('12/03/1985 23:30', 'DD/MM/YYYY HH:MM', 'birth', 'America/Toronto')).toBe('1985-03-12');
  });

  it('rejects impossible times and dates, and two-digit years', () => {
    expect(read('28/07/2012 24:00', 'DD/MM/YYYY HH:MM')).toBe('✗ not a real time of day');
    expect(read('28/07/2012 13:60', 'DD/MM/YYYY HH:MM')).toBe('✗ not a real time of day');
    expect(read('31/02/2012 13:25', 'DD/MM/YYYY HH:MM')).toBe('✗ not a real calendar date');
    expect(read('28/07/12 13:25', 'DD/MM/YYYY HH:MM')).toBe('✗ not a date in the format DD/MM/YYYY HH:MM');
    expect(read('28/07/2012 13h25', 'DD/MM/YYYY HH:MM')).toBe('✗ not a date in the format DD/MM/YYYY HH:MM');
    expect(read('28/07/2012 13:25', 'DD/MM/YYYY HH:MM', 'event', 'Mars/Olympus')).toBe('✗ unknown time zone Mars/Olympus');
  });

  it('follows Montréal’s summer and winter offsets', () => {
    expect(read('15/07/2024 12:00', 'DD/MM/YYYY HH:MM', 'event', 'America/Toronto')).toBe('2024-07-15T16:00:00.000Z');
    expect(read('15/01/2024 12:00', 'DD/MM/YYYY HH:MM', 'event', 'America/Toronto')).toBe('2024-01-15T17:00:00.000Z');
    // Either side of the changes: 10 March 2024 at 2:00 and 3 November 2024 at 2:00.
    expect(read('10/03/2024 01:59', 'DD/MM/YYYY HH:MM', 'event', 'America/Toronto')).toBe('2024-03-10T06:59:00.000Z');
    expect(read('10/03/2024 03:00', 'DD/MM/YYYY HH:MM', 'event', 'America/Toronto')).toBe('2024-03-10T07:00:00.000Z');
    expect(read('03/11/2024 00:30', 'DD/MM/YYYY HH:MM', 'event', 'America/Toronto')).toBe('2024-11-03T04:30:00.000Z');
    expect(read('03/11/2024 02:30', 'DD/MM/YYYY HH:MM', 'event', 'America/Toronto')).toBe('2024-11-03T07:30:00.000Z');
  });

  it('reads a skipped spring hour as the same minutes after the change, and a repeated autumn hour as its first time', () => {
    // 02:30 never happened in Montréal on 10 March 2024: read with the winter offset, it is 03:30 summer time.
    expect(read('10/03/2024 02:30', 'DD/MM/YYYY HH:MM', 'event', 'America/Toronto')).toBe('2024-03-10T07:30:00.000Z');
    // 01:30 happened twice on 3 November 2024 (EDT then EST): the first.
    expect(read('03/11/2024 01:30', 'DD/MM/YYYY HH:MM', 'event', 'America/Toronto')).toBe('2024-11-03T05:30:00.000Z');
    expect(read('2024-03-31 02:30', 'YYYY-MM-DD HH:MM', 'event', 'Europe/Paris')).toBe('2024-03-31T01:30:00.000Z');
    expect(read('2024-10-27 02:30', 'YYYY-MM-DD HH:MM', 'event', 'Europe/Paris')).toBe('2024-10-27T00:30:00.000Z');
  });

  it('keeps the old day-only formats refusing a time of day', () => {
    expect(read('28/07/2012 13:25', 'DD/MM/YYYY')).toBe('✗ has a time of day, but the date format is DD/MM/YYYY');
  });
});
