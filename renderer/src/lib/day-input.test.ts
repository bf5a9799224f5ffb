import { describe, expect, it } from 'vitest';
import { dayOrder, dayText, parseDay } from './day-input';

describe('a day typed in the region’s order', () => {
  it('reads each region’s order, and the year-first form everywhere', () => {
    expect(parseDay('2026-12-07', dayOrder('CA'))).toBe('2026-12-07');
    expect(parseDay('12/07/2026', dayOrder('US'))).toBe('2026-12-07');
    expect(parseDay('07/12/2026', dayOrder('FR'))).toBe('2026-12-07');
    expect(parseDay('7.12.2026', dayOrder('PL'))).toBe('2026-12-07');
    expect(parseDay(' 2026-12-7 ', dayOrder('US'))).toBe('2026-12-07');
  });

  it('refuses what is not a day, and a numeric order the region does not write', () => {
    expect(parseDay('12/07/2026', dayOrder('CA'))).toBeNull();
    expect(parseDay('2026-02-30', dayOrder('CA'))).toBeNull();
    expect(parseDay('13/25/2026', dayOrder('US'))).toBeNull();
    expect(parseDay('2026-12', dayOrder('CA'))).toBeNull();
    expect(parseDay('', dayOrder('FR'))).toBeNull();
  });

  it('writes a day back in the region’s order', () => {
    expect(dayText('2026-12-07', 'ymd')).toBe('2026-12-07');
    expect(dayText('2026-12-07', 'mdy')).toBe('12/07/2026');
    expect(dayText('2026-12-07', 'dmy')).toBe('07/12/2026');
    expect(dayText('2026-12-07', 'dmyDots')).toBe('07.12.2026');
    expect(dayText('', 'ymd')).toBe('');
  });
});
