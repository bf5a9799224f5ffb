import { describe, expect, it } from 'vitest';
import { dayEnd, dayStart, localDay } from './date-range';

describe('date range', () => {
  it('turns a day into its first and last instant', () => {
    expect(dayStart('2026-03-01')).toBe('2026-03-01T00:00:00.000Z');
    expect(dayEnd('2026-03-01')).toBe('2026-03-01T23:59:59.999Z');
  });

  it('ignores empty or partial input', () => {
    expect(dayStart('')).toBeUndefined();
    expect(dayEnd('2026-3-1')).toBeUndefined();
  });

  it('formats the local day', () => {
    expect(localDay(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});
