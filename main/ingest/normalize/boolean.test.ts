import { describe, expect, it } from 'vitest';
import { parseConsentFlag } from './boolean';

const flag = (raw: unknown) => {
  const result = parseConsentFlag(raw);
  return result.ok ? result.value : 'error';
};

describe('parseConsentFlag', () => {
  it.each(['yes', 'Yes', 'Y', 'oui', 'OUI', 'tak', 'Tak', 'true', 'TRUE', '1', 'x', 'X', 'vrai', 'prawda', '✓', 'opt-in', true, 1])('%s is yes', (raw) => {
    expect(flag(raw)).toBe(true);
  });

  it.each(['no', 'N', 'non', 'Non', 'nie', 'NIE', 'false', '0', 'faux', 'fałsz', 'opt-out', false, 0])('%s is no', (raw) => {
    expect(flag(raw)).toBe(false);
  });

  it('treats blank as missing, not as a refusal', () => {
    expect(parseConsentFlag('')).toEqual({ ok: true, value: null, raw: '' });
    expect(parseConsentFlag('  ')).toEqual({ ok: true, value: null, raw: '  ' });
    expect(parseConsentFlag(null)).toEqual({ ok: true, value: null, raw: '' });
  });

  it('rejects anything else', () => {
    expect(parseConsentFlag('peut-être')).toEqual({ ok: false, reason: 'not a yes/no value', raw: 'peut-être' });
    expect(flag(2)).toBe('error');
    expect(flag('2024-01-01')).toBe('error');
  });
});
