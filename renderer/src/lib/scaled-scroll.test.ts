import { describe, expect, it } from 'vitest';
import { MAX_SCROLL_PX, realSize, toReal, toVirtual } from './scaled-scroll';

describe('scaled scroll', () => {
  it('changes nothing below the maximum height', () => {
    const scale = { virtualSize: 36_000, viewport: 500 };
    expect(realSize(36_000)).toBe(36_000);
    expect(toVirtual(1234, scale)).toBe(1234);
    expect(toReal(1234, scale)).toBe(1234);
  });

  it('maps the end of the scroll bar to the end of a million rows, and back', () => {
    const scale = { virtualSize: 1_000_000 * 40, viewport: 600 };
    expect(realSize(scale.virtualSize)).toBe(MAX_SCROLL_PX);
    expect(toVirtual(MAX_SCROLL_PX - 600, scale)).toBeCloseTo(scale.virtualSize - 600, 3);
    expect(toVirtual(0, scale)).toBe(0);
    expect(toReal(toVirtual(4_321_000, scale), scale)).toBeCloseTo(4_321_000, 3);
  });
});
