import { describe, expect, it } from 'vitest';
import { detectCurrency, normalizeCurrency, parseAmount } from './amount';

const amount = (raw: unknown, decimal?: ',' | '.') => {
  const result = parseAmount(raw, decimal === undefined ? {} : { decimal });
  return result.ok ? result.value : `✗ ${result.reason}`;
};

describe('parseAmount', () => {
  it.each([
    ['1234.50', 1234.5],
    ['1234,50', 1234.5],
    ['1 234,50', 1234.5],
    ['1\u00A0234,50', 1234.5],
    ['1\u202F234,50', 1234.5],
    ['1.234,50', 1234.5],
    ['1,234.50', 1234.5],
    ['1.234.567,89', 1234567.89],
    ['1,234,567', 1234567],
    ['1 234 567', 1234567],
    ["1'234.50", 1234.5],
    ['-12,5', -12.5],
    ['−12,5', -12.5],
    ['12,50 €', 12.5],
    ['12,50€', 12.5],
    ['€12.50', 12.5],
    ['$12.50', 12.5],
    ['-$12.50', -12.5],
    ['12,50 $', 12.5],
    ['zł 12,50', 12.5],
    ['12,50 zł', 12.5],
    ['PLN 1 234,50', 1234.5],
    ['12.50 EUR', 12.5],
    ['CA$ 12.50', 12.5],
    ['(12.50)', -12.5],
    ['12.50-', -12.5],
    ['+12.50', 12.5],
    ['0,125', 0.125],
    ['1234,567', 1234.567],
    ['1 234,567', 1234.567],
    ['0', 0],
    ['-0', 0],
    ['42', 42],
  ])('%s → %d', (raw, expected) => {
    expect(amount(raw)).toBe(expected);
  });

  it('reads the ambiguous 1,234 / 1.234 shape with the hint, default "."', () => {
    expect(amount('1,234')).toBe(1234);
    expect(amount('1.234')).toBe(1.234);
    expect(amount('1,234', ',')).toBe(1.234);
    expect(amount('1.234', ',')).toBe(1234);
    // Unambiguous shapes ignore the hint.
    expect(amount('12,50', '.')).toBe(12.5);
    expect(amount('1,234.50', ',')).toBe(1234.5);
  });

  it('keeps numbers from JSON and spreadsheets as they are', () => {
    expect(parseAmount(12.5)).toEqual({ ok: true, value: 12.5, raw: '12.5' });
    expect(amount(Number.NaN)).toBe('✗ not an amount');
  });

  it.each(['abc', '12 50', '1,23,4', '1.234.5', '12..5', '1.234,567.89', '.50', '12.', '12,50 XYZ', '1e5', '12%', '=12.50'])('rejects %s', (raw) => {
    expect(amount(raw)).toMatch(/^✗ not an amount/);
  });

  it('treats blank as missing', () => {
    expect(parseAmount(' ')).toEqual({ ok: true, value: null, raw: ' ' });
  });
});

describe('currencies', () => {
  it('detects an unambiguous currency written with the amount', () => {
    expect(detectCurrency('12,50 €')).toBe('EUR');
    expect(detectCurrency('zł 12,50')).toBe('PLN');
    expect(detectCurrency('12.50 usd')).toBe('USD');
    expect(detectCurrency('CA$ 12.50')).toBe('CAD');
    expect(detectCurrency('12,50 $CA')).toBe('CAD');
    expect(detectCurrency('$12.50')).toBeNull();
    expect(detectCurrency('12.50')).toBeNull();
    expect(detectCurrency(12.5)).toBeNull();
  });

  it('normalizes a currency column', () => {
    expect(normalizeCurrency('eur')).toEqual({ ok: true, value: 'EUR', raw: 'eur' });
    expect(normalizeCurrency('€')).toMatchObject({ ok: true, value: 'EUR' });
    expect(normalizeCurrency('zł')).toMatchObject({ ok: true, value: 'PLN' });
    expect(normalizeCurrency('$')).toMatchObject({ ok: false });
    expect(normalizeCurrency('euros')).toMatchObject({ ok: false, reason: 'not a currency code' });
    expect(normalizeCurrency('')).toEqual({ ok: true, value: null, raw: '' });
  });
});
