import { describe, expect, it } from 'vitest';
import { formatPhone } from './phone';

describe('formatPhone', () => {
  it('groups a stored number as its country writes it', () => {
    expect(formatPhone('+33762837924')).toBe('+33 7 62 83 79 24');
    expect(formatPhone('+15145550199')).toBe('+1 514 555 0199');
    expect(formatPhone('+48421234567')).toBe('+48 42 123 45 67');
  });

  it('leaves what it cannot read as it is', () => {
    expect(formatPhone('not a number')).toBe('not a number');
    expect(formatPhone('')).toBe('');
  });
});
