import { describe, expect, it } from 'vitest';
import { tokenFromHash } from './session-token';

describe('tokenFromHash', () => {
  it('reads the token from the launch fragment', () => {
    expect(tokenFromHash('#token=abc-DEF_123')).toBe('abc-DEF_123');
  });

  it('ignores other fragments', () => {
    expect(tokenFromHash('')).toBeNull();
    expect(tokenFromHash('#token=')).toBeNull();
    expect(tokenFromHash('#/audit')).toBeNull();
  });
});
