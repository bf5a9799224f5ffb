import { describe, expect, it } from 'vitest';
import { EXCEL_DAMAGE_REASON, isExcelDamaged } from './excel-damage';

describe('isExcelDamaged', () => {
  it('flags scientific notation in text, with a comma or a point, whatever the number of digits kept', () => {
    for (const text of [
      '6,03314E+15',
      '6.03314E+15',
      '6,03E+15',
      '1.23457E+11',
      '6.03314e+015',
      '6.03302909997733E+15',
      '6E+15',
      ' 6,03314E+15 ',
      '6,03314E15',
    ]) {
      expect(isExcelDamaged(text), text).toBe(true);
    }
  });

  it('flags a number that cannot hold its digits', () => {
    expect(isExcelDamaged(6.03314e18)).toBe(true);
    expect(isExcelDamaged(Number.MAX_SAFE_INTEGER + 2)).toBe(true);
    expect(isExcelDamaged(-(2 ** 60))).toBe(true);
  });

  it('leaves what may be a real identifier alone', () => {
    for (const value of [
      '6033029099977331',
      6033029099977331,
      Number.MAX_SAFE_INTEGER,
      '6033140000000000',
      6033140000000000,
      '514 555 0199',
      '+48 601 234 567',
      'Eric',
      'E+15',
      '6,03314E-05',
      '1.2.3E+5',
      '12,5E+3',
      '',
      null,
      undefined,
      true,
      Number.POSITIVE_INFINITY,
      Number.NaN,
      9007199254740993n,
      { card: '6,03314E+15' },
    ]) {
      expect(isExcelDamaged(value), String(value)).toBe(false);
    }
  });

  it('names the damage for the steward', () => {
    expect(EXCEL_DAMAGE_REASON).toContain('6,03314E+15');
  });
});
