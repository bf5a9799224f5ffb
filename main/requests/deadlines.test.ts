import { describe, expect, it } from 'vitest';
import { addBusinessDays, addMonths, dayIn, dueOn, extendedDueOn, isCalendarDay, median } from './deadlines';

describe('deadlines by jurisdiction', () => {
  it('gives Quebec and other requests 30 days, with no extension', () => {
    expect(dueOn('quebec', 'access', '2026-12-07')).toBe('2027-01-06');
    expect(extendedDueOn('quebec', 'access', '2026-12-07')).toBeNull();
    expect(dueOn('other', 'erasure', '2026-02-10')).toBe('2026-03-12');
    expect(extendedDueOn('other', 'erasure', '2026-02-10')).toBeNull();
  });

  it('gives the EU one month, ending on the month’s last day when it has no such date, and three months once extended', () => {
    expect(dueOn('eu', 'access', '2026-08-05')).toBe('2026-09-05');
    expect(dueOn('eu', 'access', '2026-01-31')).toBe('2026-02-28');
    expect(dueOn('eu', 'access', '2028-01-31')).toBe('2028-02-29');
    expect(dueOn('eu', 'access', '2026-03-31')).toBe('2026-04-30');
    expect(dueOn('eu', 'access', '2026-12-15')).toBe('2027-01-15');
    expect(extendedDueOn('eu', 'access', '2026-01-31')).toBe('2026-04-30');
    expect(extendedDueOn('eu', 'portability', '2026-11-30')).toBe('2027-02-28');
  });

  it('gives California 45 days, extendable to 90, and an opt-out of sale 15 business days', () => {
    expect(dueOn('california', 'access', '2026-01-01')).toBe('2026-02-15');
    expect(extendedDueOn('california', 'access', '2026-01-01')).toBe('2026-04-01');
    // Friday 4 December 2026: three weeks of business days, weekends skipped.
    expect(dueOn('california', 'opt_out_sale', '2026-12-04')).toBe('2026-12-25');
    expect(extendedDueOn('california', 'opt_out_sale', '2026-12-04')).toBeNull();
    expect(addBusinessDays('2026-12-05', 1)).toBe('2026-12-07');
  });

  it('counts calendar days, months and the day in a time zone', () => {
    expect(addMonths('2026-10-31', 1)).toBe('2026-11-30');
    expect(isCalendarDay('2026-02-29')).toBe(false);
    expect(isCalendarDay('2028-02-29')).toBe(true);
    // 03:30 UTC on 1 January is still 31 December in Montreal.
    expect(dayIn(new Date('2027-01-01T03:30:00Z'), 'America/Toronto')).toBe('2026-12-31');
    expect(dayIn(new Date('2027-01-01T03:30:00Z'), 'Europe/Paris')).toBe('2027-01-01');
    expect(median([])).toBeNull();
    expect(median([9, 1, 5])).toBe(5);
    expect(median([1, 2, 3, 10])).toBe(2.5);
  });
});
