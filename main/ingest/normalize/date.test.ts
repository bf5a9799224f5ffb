import { describe, expect, it } from 'vitest';
import { parseDate, type DateFormat, type DateKind } from './date';

const now = new Date('2026-11-24T12:00:00Z');
const read = (raw: unknown, format: DateFormat, kind: DateKind = 'event') => {
  const result = parseDate(raw, format, { kind, now });
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
