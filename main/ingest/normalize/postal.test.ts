import { describe, expect, it } from 'vitest';
import { normalizePostalCode } from './postal';

const value = (raw: unknown, country: string | null) => {
  const result = normalizePostalCode(raw, country);
  return result.ok ? result.value : `✗ ${result.reason}`;
};

describe('normalizePostalCode', () => {
  it('formats Canadian codes and checks the letter/digit pattern', () => {
    expect(normalizePostalCode('h2x1y4', 'CA')).toEqual({ ok: true, value: 'H2X 1Y4', raw: 'h2x1y4' });
    expect(value(' H2X  1Y4 ', 'CA')).toBe('H2X 1Y4');
    expect(value('h2x-1y4', 'CA')).toBe('H2X 1Y4');
    expect(value('G1R 4P5', 'CA')).toBe('G1R 4P5');
    expect(value('D2X 1Y4', 'CA')).toBe('✗ not a valid postal code for Canada');
    expect(value('H2X 1O4', 'CA')).toBe('✗ not a valid postal code for Canada');
    expect(value('12345', 'CA')).toBe('✗ not a valid postal code for Canada');
  });

  it('reads US ZIP and ZIP+4, restoring leading zeros lost in spreadsheets', () => {
    expect(value('12345', 'US')).toBe('12345');
    expect(value('12345-6789', 'US')).toBe('12345-6789');
    expect(value('123456789', 'US')).toBe('12345-6789');
    expect(value(2134, 'US')).toBe('02134');
    expect(value('1234567', 'US')).toBe('✗ not a valid postal code for the United States');
    expect(value('90210-12', 'US')).toBe('✗ not a valid postal code for the United States');
  });

  it('reads French codes', () => {
    expect(value('75 008', 'FR')).toBe('75008');
    expect(value('75008', 'FR')).toBe('75008');
    expect(value(1000, 'FR')).toBe('01000');
    expect(value('750080', 'FR')).toBe('✗ not a valid postal code for France');
    expect(value('7500A', 'FR')).toBe('✗ not a valid postal code for France');
  });

  it('reads Polish codes with or without the hyphen', () => {
    expect(value('00-950', 'PL')).toBe('00-950');
    expect(value('00950', 'PL')).toBe('00-950');
    expect(value('31 - 042', 'PL')).toBe('31-042');
    expect(value('0095', 'PL')).toBe('✗ not a valid postal code for Poland');
  });

  it('checks a few neighbours with simple formats', () => {
    expect(value('10115', 'DE')).toBe('10115');
    expect(value('1012ab', 'NL')).toBe('1012 AB');
    expect(value('L-1234', 'LU')).toBe('1234');
    expect(value('1000', 'BE')).toBe('1000');
  });

  it('cleans and upper-cases codes of other countries without judging them', () => {
    expect(value('sw1a  1aa', 'GB')).toBe('SW1A 1AA');
    expect(value('100-0001', 'JP')).toBe('100-0001');
    expect(value('h2x1y4', null)).toBe('H2X1Y4');
  });

  it('treats blank as missing', () => {
    expect(normalizePostalCode('  ', 'CA')).toEqual({ ok: true, value: null, raw: '  ' });
  });
});
