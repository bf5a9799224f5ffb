import { describe, expect, it } from 'vitest';
import { normalizePersonName, splitFullName } from './name';

describe('normalizePersonName', () => {
  it.each(["D'Amours", 'van der Berg', 'Nguyễn', 'Wiśniewska', 'Jean-François', 'Łukasz', 'Ó Súilleabháin', 'Zoë', 'Mary-Kate O’Neil'])(
    'keeps %s as written',
    (name) => {
      expect(normalizePersonName(name)).toEqual({ ok: true, value: name, raw: name });
    },
  );

  it('cleans whitespace but keeps the raw value', () => {
    expect(normalizePersonName('  Marie   Tremblay ')).toEqual({ ok: true, value: 'Marie Tremblay', raw: '  Marie   Tremblay ' });
  });

  it('treats blank as missing', () => {
    expect(normalizePersonName('')).toEqual({ ok: true, value: null, raw: '' });
    expect(normalizePersonName(' \t ')).toEqual({ ok: true, value: null, raw: ' \t ' });
    expect(normalizePersonName(null)).toEqual({ ok: true, value: null, raw: '' });
  });

  it('rejects digits only, no letters, and over-long values', () => {
    expect(normalizePersonName('123456')).toEqual({ ok: false, reason: 'a name cannot be only digits', raw: '123456' });
    expect(normalizePersonName(42)).toMatchObject({ ok: false, reason: 'a name cannot be only digits' });
    expect(normalizePersonName('---')).toMatchObject({ ok: false, reason: 'a name must contain a letter' });
    expect(normalizePersonName('a'.repeat(201))).toMatchObject({ ok: false, reason: 'a name cannot be longer than 200 characters' });
    expect(normalizePersonName('ł'.repeat(200))).toMatchObject({ ok: true });
  });

  it('keeps an odd value that looks like a formula: it is data, and it has letters', () => {
    expect(normalizePersonName("=cmd|' /C calc'!A0")).toEqual({ ok: true, value: "=cmd|' /C calc'!A0", raw: "=cmd|' /C calc'!A0" });
    expect(normalizePersonName('@Marie')).toMatchObject({ ok: true, value: '@Marie' });
  });
});

describe('splitFullName', () => {
  it.each([
    ['Marie Tremblay', 'Marie', 'Tremblay'],
    ['Jean-François Côté', 'Jean-François', 'Côté'],
    ['Anna Maria Wiśniewska', 'Anna Maria', 'Wiśniewska'],
    ['Tremblay, Marie', 'Marie', 'Tremblay'],
    ['Kowalski, Jan Paweł', 'Jan Paweł', 'Kowalski'],
    ['Ludwig van Beethoven', 'Ludwig', 'van Beethoven'],
    ['Pieter van der Berg', 'Pieter', 'van der Berg'],
    ['Jean de La Fontaine', 'Jean', 'de La Fontaine'],
    ["Luc D'Amours", 'Luc', "D'Amours"],
    ['M. Jean Dupont', 'Jean', 'Dupont'],
    ['Pani Anna Nowak', 'Anna', 'Nowak'],
    ['  Nguyễn   Văn An ', 'Nguyễn Văn', 'An'],
  ])('%s → given %s, family %s', (full, given, family) => {
    expect(splitFullName(full)).toEqual({ given, family });
  });

  it('takes a single token as the family name and an empty value as nothing', () => {
    expect(splitFullName('Madonna')).toEqual({ given: null, family: 'Madonna' });
    expect(splitFullName('   ')).toEqual({ given: null, family: null });
    expect(splitFullName('Tremblay,')).toEqual({ given: null, family: 'Tremblay' });
  });
});
