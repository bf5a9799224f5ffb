import { describe, expect, it } from 'vitest';
import { isFormulaLike } from './csv-cell';

describe('the rejects file’s formula guard', () => {
  it('leaves signed numbers and phone numbers alone', () => {
    for (const data of ['+33 6 12 34 56 78', '+1 (514) 555-0199', '-12.5', '-12,5', '+48 601 234 567', '-1', 'plain', '', '514-555-0199', 'a=b'])
      expect(isFormulaLike(data), data).toBe(false);
  });

  it('escapes whatever a spreadsheet could run as a formula', () => {
    for (const formula of [
      '=SUM(A1)',
      '=1+2',
      '+A1*2',
      '-2+3',
      '@cmd',
      '+SUM(A1)',
      '-A1',
      '+nope',
      '+',
      '-',
      '\tTab',
      '\r+1',
      '+33 6 12\n=cmd|x',
      "=cmd|' /C calc'!A0",
      '-1/2',
      '+2^8',
    ])
      expect(isFormulaLike(formula), JSON.stringify(formula)).toBe(true);
  });
});
