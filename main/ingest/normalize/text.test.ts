import { describe, expect, it } from 'vitest';
import { cleanText, foldForSearch, normalizeText } from './text';

describe('cleanText', () => {
  it('trims, collapses whitespace and keeps case, accents and punctuation', () => {
    expect(cleanText('  Hélène   Tremblay ')).toBe('Hélène Tremblay');
    expect(cleanText("D'Amours\t\n Marie")).toBe("D'Amours Marie");
    expect(cleanText('Nguyễn Văn An')).toBe('Nguyễn Văn An');
    expect(cleanText('Łódź')).toBe('Łódź');
  });

  it('applies NFKC: compatibility spaces, full-width letters and ligatures become ordinary characters', () => {
    expect(cleanText('Jean\u00A0Dupont')).toBe('Jean Dupont');
    expect(cleanText('1\u202F234')).toBe('1 234');
    expect(cleanText('ＡＢＣ')).toBe('ABC');
    expect(cleanText('ﬁlip')).toBe('filip');
    // A decomposed é (e + combining acute) becomes the precomposed one, so both spellings are equal.
    expect(cleanText('He\u0301le\u0300ne')).toBe('Hélène');
  });

  it('removes control, zero-width and bidi characters', () => {
    expect(cleanText('Zo\u200Bé\u0000')).toBe('Zoé');
    expect(cleanText('\uFEFFWiśniewska')).toBe('Wiśniewska');
    expect(cleanText('abc\u202Edef')).toBe('abcdef');
    expect(cleanText('soft\u00ADhyphen')).toBe('softhyphen');
  });

  it('keeps values that look like spreadsheet formulas as they are', () => {
    expect(cleanText("=cmd|' /C calc'!A0")).toBe("=cmd|' /C calc'!A0");
    expect(cleanText('+48 601 234 567')).toBe('+48 601 234 567');
    expect(cleanText('@handle')).toBe('@handle');
    expect(cleanText('-12,5')).toBe('-12,5');
  });
});

describe('normalizeText', () => {
  it('treats blank as missing and keeps the raw value', () => {
    expect(normalizeText('   ')).toEqual({ ok: true, value: null, raw: '   ' });
    expect(normalizeText(undefined)).toEqual({ ok: true, value: null, raw: '' });
    expect(normalizeText(' Montréal ')).toEqual({ ok: true, value: 'Montréal', raw: ' Montréal ' });
    expect(normalizeText(12)).toEqual({ ok: true, value: '12', raw: '12' });
  });

  it('rejects lists and over-long values', () => {
    expect(normalizeText(['a'])).toMatchObject({ ok: false });
    expect(normalizeText('x'.repeat(501))).toMatchObject({ ok: false, reason: 'longer than 500 characters' });
  });
});

describe('foldForSearch', () => {
  it.each([
    ['Hélène', 'helene'],
    ['Łódź', 'lodz'],
    ['Wiśniewska', 'wisniewska'],
    ["O'Brien-Smith", 'o brien smith'],
    ['Jean-François  Côté', 'jean francois cote'],
    ['GDAŃSK', 'gdansk'],
    ['Żółć', 'zolc'],
    ['Brzęczyszczykiewicz', 'brzeczyszczykiewicz'],
    ['Nguyễn Văn An', 'nguyen van an'],
    ['Straße', 'strasse'],
    ['Œuvre Cœur', 'oeuvre coeur'],
    ['Ærøskøbing', 'aeroskobing'],
    ['Þór Đoković', 'thor dokovic'],
    ['Işıl', 'isil'],
    ['İstanbul', 'istanbul'],
    ['ul. Marszałkowska 12/4', 'ul marszalkowska 12 4'],
    ['  --Zoë--  ', 'zoe'],
    ['ﬁlip', 'filip'],
    ['He\u0301le\u0300ne', 'helene'],
    ['Μαρία', 'μαρια'],
    ['Юлия', 'юлия'],
    ['a😀b', 'a b'],
    ['', ''],
    ['  ', ''],
  ])('%s → %s', (input, expected) => {
    expect(foldForSearch(input)).toBe(expected);
  });

  it('is idempotent', () => {
    for (const value of ['Hélène', "O'Brien-Smith", 'Łódź', 'Ærøskøbing']) expect(foldForSearch(foldForSearch(value))).toBe(foldForSearch(value));
  });

  it('throughput (printed, not asserted)', () => {
    const samples = [
      'Hélène',
      'Tremblay',
      'Łódź',
      'Wiśniewska',
      "O'Brien-Smith",
      'jean.dupont',
      'MONTRÉAL',
      'Gdańsk',
      'van der Berg',
      'Nguyễn',
      'Kowalski',
      'Côté',
      'Zoë',
      'Saint-Jérôme',
      'Kraków',
      'Dąbrowski',
    ];
    const count = 1_000_000;
    let length = 0;
    for (let index = 0; index < 50_000; index += 1) length += foldForSearch(samples[index % samples.length] as string).length;
    const started = performance.now();
    for (let index = 0; index < count; index += 1) length += foldForSearch(samples[index % samples.length] as string).length;
    const seconds = (performance.now() - started) / 1000;
    console.log(`foldForSearch: ${(count / seconds / 1e6).toFixed(2)} M short strings/s (${length} chars)`);
    expect(length).toBeGreaterThan(0);
  });
});
