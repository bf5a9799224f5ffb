import { describe, expect, it } from 'vitest';
import { addKeep, parseKeep, ZoneDays } from './period';

describe('retention periods', () => {
  it('reads 3y, 18m, 400d (and the French letters) and refuses anything else', () => {
    expect(parseKeep('3y')).toEqual({ count: 3, unit: 'year' });
    expect(parseKeep(' 18M ')).toEqual({ count: 18, unit: 'month' });
    expect(parseKeep('400d')).toEqual({ count: 400, unit: 'day' });
    expect(parseKeep('2a')).toEqual({ count: 2, unit: 'year' });
    expect(parseKeep('30j')).toEqual({ count: 30, unit: 'day' });
    for (const bad of ['0y', '3', 'y', '3w', '-1d', '36501d', '3 years']) expect(parseKeep(bad)).toBeNull();
  });

  it('ends a period on the same day of the month, or the last day of a shorter month; leap days do not shift it', () => {
    expect(addKeep('2024-02-29', { count: 1, unit: 'year' })).toBe('2025-02-28');
    expect(addKeep('2024-02-29', { count: 4, unit: 'year' })).toBe('2028-02-29');
    expect(addKeep('2023-01-31', { count: 1, unit: 'month' })).toBe('2023-02-28');
    expect(addKeep('2024-01-31', { count: 1, unit: 'month' })).toBe('2024-02-29');
    expect(addKeep('2024-11-30', { count: 18, unit: 'month' })).toBe('2026-05-30');
    expect(addKeep('2024-02-28', { count: 1, unit: 'day' })).toBe('2024-02-29');
    expect(addKeep('2023-12-31', { count: 400, unit: 'day' })).toBe('2025-02-03');
    expect(addKeep('2026-03-07', { count: 2, unit: 'day' })).toBe('2026-03-09');
  });

  it('reads the day of an instant in the vault zone, across a change of offset and in a half-hour zone', () => {
    const toronto = new ZoneDays('America/Toronto');
    expect(toronto.dayOf('2026-01-01T03:00:00.000Z')).toBe('2025-12-31');
    expect(toronto.dayOf('2026-01-01T05:00:00.000Z')).toBe('2026-01-01');
    // 8 March 2026, 02:00 local: clocks go forward; 04:59Z is 23:59 the day before, 05:00Z midnight (EST).
    expect(toronto.dayOf('2026-03-08T04:59:59.000Z')).toBe('2026-03-07');
    expect(toronto.dayOf('2026-03-09T03:59:59.000Z')).toBe('2026-03-08');
    expect(toronto.dayOf('2026-03-09T04:00:00.000Z')).toBe('2026-03-09');
    const kolkata = new ZoneDays('Asia/Kolkata');
    expect(kolkata.dayOf('2026-05-01T18:29:00.000Z')).toBe('2026-05-01');
    expect(kolkata.dayOf('2026-05-01T18:30:00.000Z')).toBe('2026-05-02');
    expect(new ZoneDays('UTC').dayOf('2024-02-29T23:59:59.999Z')).toBe('2024-02-29');
    expect(toronto.dayOf('2026-04-01')).toBe('2026-04-01');
  });
});
