import { describe, expect, it } from 'vitest';
import { FirstLines } from './first-lines';

describe('first lines of a run', () => {
  it('remember the first line of every key through many resizes, and nothing else', () => {
    const lines = new FirstLines(8);
    for (let n = 0; n < 200_000; n += 1) lines.add(`C${n}`, n + 2);
    for (let n = 0; n < 200_000; n += 1) lines.add(`C${n}`, 999_999);
    expect(lines.size).toBe(200_000);
    for (let n = 0; n < 200_000; n += 997) expect(lines.get(`C${n}`)).toBe(n + 2);
    expect(lines.get('C200000')).toBeUndefined();
    expect(lines.get('c1')).toBeUndefined();
    expect(lines.get('')).toBeUndefined();
  });

  it('tell apart keys that differ only by accents, case or order of characters', () => {
    const lines = new FirstLines();
    const keys = ['héloïse@exemple.ca', 'heloise@exemple.ca', 'HELOISE@EXEMPLE.CA', 'ab', 'ba', 'Łódź-17', 'Lodz-17'];
    keys.forEach((key, index) => lines.add(key, index + 1));
    expect(keys.map((key) => lines.get(key))).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('answer "seen first on line n" and record an unseen key in one lookup', () => {
    const lines = new FirstLines();
    expect(lines.firstOr('C1', 2)).toBeUndefined();
    expect(lines.firstOr('C1', 9)).toBe(2);
    expect(lines.get('C1')).toBe(2);
  });

  it('refuse a line number it cannot store', () => {
    expect(() => new FirstLines().add('x', 0)).toThrow(RangeError);
  });
});
