import fs from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { EXCEL_DAMAGE_REASON, normalizePhone, normalizePhoneTrying, phoneDigits } from './phone';

describe('normalizePhone', () => {
  it('reads national numbers in the default country', () => {
    expect(normalizePhone('514 555 0199', 'CA')).toEqual({
      ok: true,
      value: { e164: '+15145550199', country: 'CA', type: null, extension: null },
      raw: '514 555 0199',
    });
    expect(normalizePhone('(514) 555-0199', 'CA')).toMatchObject({ ok: true, value: { e164: '+15145550199' } });
    expect(normalizePhone('06 12 34 56 78', 'FR')).toEqual({
      ok: true,
      value: { e164: '+33612345678', country: 'FR', type: 'mobile', extension: null },
      raw: '06 12 34 56 78',
    });
    expect(normalizePhone('01 23 45 67 89', 'FR')).toMatchObject({ ok: true, value: { e164: '+33123456789', type: 'fixed' } });
    expect(normalizePhone('601-234-567', 'PL')).toMatchObject({ ok: true, value: { e164: '+48601234567', country: 'PL', type: 'mobile' } });
    expect(normalizePhone('22 123 45 67', 'PL')).toMatchObject({ ok: true, value: { e164: '+48221234567', type: 'fixed' } });
  });

  it('keeps the number’s own country when it is written internationally, whatever the default', () => {
    for (const country of ['CA', 'FR', 'PL', 'US', null]) {
      expect(normalizePhone('+48 601 234 567', country)).toMatchObject({ ok: true, value: { e164: '+48601234567', country: 'PL', type: 'mobile' } });
    }
    expect(normalizePhone('0033 6 12 34 56 78', 'FR')).toMatchObject({ ok: true, value: { e164: '+33612345678' } });
  });

  it('reads the international prefixes people write by hand, whatever the default country', () => {
    const polish = { ok: true, value: { e164: '+48601234567', country: 'PL', type: 'mobile', extension: null } };
    for (const country of ['CA', 'US', 'FR', 'PL', null]) {
      for (const written of [
        '0048 601 234 567',
        '00 48 601 234 567',
        '0048601234567',
        '(+48) 601 234 567',
        '(+48)601234567',
        '+48 (0) 601 234 567',
        '0048 (0) 601 234 567',
      ]) {
        expect(normalizePhone(written, country), `${written} in ${country}`).toMatchObject({ ...polish, raw: written });
      }
      for (const written of ['+33 (0)6 12 34 56 78', '+33 (0) 6 12 34 56 78', '0033 6 12 34 56 78', '(+33) 6 12 34 56 78']) {
        expect(normalizePhone(written, country), `${written} in ${country}`).toMatchObject({
          ok: true,
          value: { e164: '+33612345678', country: 'FR', type: 'mobile' },
        });
      }
      expect(normalizePhone('+1 (514) 555-0199', country)).toMatchObject({ ok: true, value: { e164: '+15145550199', country: 'CA' } });
      expect(normalizePhone('+44 (0)20 7946 0018', country)).toMatchObject({ ok: true, value: { e164: '+442079460018', country: 'GB' } });
    }
    // North America's exit code, from a North American source and from elsewhere.
    for (const country of ['CA', 'US', 'PL', null]) {
      expect(normalizePhone('011 48 601 234 567', country), `${country}`).toMatchObject(polish);
    }
  });

  it('keeps the reason when the international reading is not a valid number either', () => {
    expect(normalizePhone('0048 601 234', 'CA')).toEqual({ ok: false, reason: 'not a valid phone number', raw: '0048 601 234' });
    expect(normalizePhone('(+48) 601 234 567 / 601 234 568', 'CA')).toMatchObject({ ok: false });
    expect(normalizePhone('+48 (1) 601 234 567', 'CA')).toMatchObject({ ok: false });
    expect(normalizePhone('000 48 601 234 567', 'CA')).toMatchObject({ ok: false, reason: 'not a valid phone number for CA' });
  });

  it('leaves national mobiles of another country invalid for the default, to be tried with the row’s country', () => {
    expect(normalizePhone('601 234 567', 'CA')).toEqual({ ok: false, reason: 'not a valid phone number for CA', raw: '601 234 567' });
    expect(normalizePhone('06 12 34 56 78', 'CA')).toEqual({ ok: false, reason: 'not a valid phone number for CA', raw: '06 12 34 56 78' });
  });

  it('keeps an extension on a number written with an international prefix', () => {
    expect(normalizePhone('0048 22 123 45 67 wew. 104', 'CA')).toMatchObject({ ok: true, value: { e164: '+48221234567', extension: '104' } });
    expect(normalizePhone('(+33) 1 23 45 67 89 poste 12', 'CA')).toMatchObject({ ok: true, value: { e164: '+33123456789', extension: '12' } });
  });

  it('rejects a value a spreadsheet turned into scientific notation, never converting it', () => {
    for (const damaged of ['6,03314E+15', '6.03314E+15', '5,14555E+9', '1.23457E+11']) {
      expect(normalizePhone(damaged, 'CA')).toEqual({ ok: false, reason: EXCEL_DAMAGE_REASON, raw: damaged });
    }
    expect(EXCEL_DAMAGE_REASON).toBe('digits lost to spreadsheet scientific notation (e.g. 6,03314E+15)');
    expect(normalizePhone(2 ** 60, 'CA')).toMatchObject({ ok: false, reason: EXCEL_DAMAGE_REASON });
  });

  it('accepts numbers from spreadsheets and JSON (numbers, lost leading zero)', () => {
    expect(normalizePhone(5145550199, 'CA')).toMatchObject({ ok: true, value: { e164: '+15145550199' }, raw: '5145550199' });
    expect(normalizePhone(612345678, 'FR')).toMatchObject({ ok: true, value: { e164: '+33612345678' } });
  });

  it('keeps an extension beside the E.164 number, and knows toll-free numbers', () => {
    expect(normalizePhone('514-555-0199 poste 23', 'CA')).toMatchObject({ ok: true, value: { e164: '+15145550199', extension: '23' } });
    expect(normalizePhone('22 123 45 67 wew. 104', 'PL')).toMatchObject({ ok: true, value: { e164: '+48221234567', extension: '104' } });
    expect(normalizePhone('1-800-555-0199', 'CA')).toMatchObject({ ok: true, value: { e164: '+18005550199', type: 'toll-free' } });
  });

  it('rejects invalid numbers with the country in the reason', () => {
    expect(normalizePhone('555 0199', 'CA')).toEqual({ ok: false, reason: 'not a valid phone number for CA', raw: '555 0199' });
    expect(normalizePhone('(514) 123-4567', 'CA')).toMatchObject({ ok: false, reason: 'not a valid phone number for CA' });
    expect(normalizePhone('12', 'FR')).toMatchObject({ ok: false, reason: 'not a valid phone number for FR' });
    expect(normalizePhone('+33 6 12 34 56 78 9', 'CA')).toMatchObject({ ok: false, reason: 'not a valid phone number' });
    expect(normalizePhone('601 234 567', null)).toMatchObject({ ok: false, reason: 'not a valid phone number: no country code and no default country' });
    expect(normalizePhone('pas de téléphone', 'FR')).toMatchObject({ ok: false });
  });

  it('does not pick a number out of surrounding text or formula-like values', () => {
    expect(normalizePhone('514-555-0199 / 514-555-0200', 'CA')).toMatchObject({ ok: false });
    expect(normalizePhone('=514 555 0199', 'CA')).toMatchObject({ ok: false, raw: '=514 555 0199' });
  });

  it('tries countries in order and reports the first one’s failure', () => {
    expect(normalizePhoneTrying('601 234 567', ['PL', 'CA'])).toMatchObject({ ok: true, value: { e164: '+48601234567', country: 'PL' } });
    expect(normalizePhoneTrying('601 234 567', ['CA', 'PL'])).toMatchObject({ ok: true, value: { e164: '+48601234567', country: 'PL' } });
    expect(normalizePhoneTrying('06 12 34 56 78', ['FR', 'CA'])).toMatchObject({ ok: true, value: { e164: '+33612345678' } });
    // The first valid reading wins: a Montreal number in a French customer's row of a Canadian source.
    expect(normalizePhoneTrying('514 555 0199', ['FR', 'CA'])).toMatchObject({ ok: true, value: { e164: '+15145550199' } });
    expect(normalizePhoneTrying('555 0199', ['PL', 'CA'])).toEqual({ ok: false, reason: 'not a valid phone number for PL', raw: '555 0199' });
    expect(normalizePhoneTrying('601 234 567', [])).toMatchObject({ ok: false, reason: 'not a valid phone number: no country code and no default country' });
    expect(normalizePhoneTrying('6,03314E+15', ['CA', 'PL'])).toMatchObject({ ok: false, reason: EXCEL_DAMAGE_REASON });
    expect(normalizePhoneTrying('', ['CA'])).toEqual({ ok: true, value: null, raw: '' });
  });

  it('gives the digits a flagged phone still offers for search', () => {
    expect(phoneDigits('601 234 567')).toBe('601234567');
    expect(phoneDigits('06.12.34.56.78')).toBe('0612345678');
    expect(phoneDigits('+48 (0) 601-234-567')).toBe('+480601234567');
    expect(phoneDigits('(+48) 601 234 567')).toBe('+48601234567');
    expect(phoneDigits('0048 601 234 567')).toBe('0048601234567');
    expect(phoneDigits(612345678)).toBe('612345678');
    expect(phoneDigits('514-555-0199 poste 23')).toBe('5145550199');
    expect(phoneDigits('514-555-0199 ext. 23')).toBe('5145550199');
    expect(phoneDigits('514-555-0199x23')).toBe('5145550199');
    expect(phoneDigits('555 01')).toBeNull();
    expect(phoneDigits('pas de téléphone')).toBeNull();
    expect(phoneDigits('')).toBeNull();
    expect(phoneDigits(null)).toBeNull();
    expect(phoneDigits(['601 234 567'])).toBeNull();
    // A damaged value's digits are not the customer's: searching on them would find strangers.
    expect(phoneDigits('6,03314E+15')).toBeNull();
  });

  it('treats blank as missing', () => {
    expect(normalizePhone(' ', 'CA')).toEqual({ ok: true, value: null, raw: ' ' });
    expect(normalizePhone(undefined, 'CA')).toEqual({ ok: true, value: null, raw: '' });
  });

  it('runs on the patched library, whose patterns are compiled once (patches/, applied by npm install)', () => {
    const require = createRequire(import.meta.url);
    const root = require.resolve('libphonenumber-js/package.json').replace(/package\.json$/, '');
    for (const build of ['es6', 'build']) {
      for (const helper of ['matchesEntirely', 'getCountryByNationalNumber', 'extractNationalNumberFromPossiblyIncompleteNumber']) {
        expect(fs.readFileSync(`${root}${build}/helpers/${helper}.js`, 'utf8'), `${build}/${helper}`).toContain('Custodia patch');
      }
    }
    // Same answers as before the patch, across the +1 countries and a national prefix.
    expect(normalizePhone('(905) 391-1091', 'CA')).toMatchObject({ ok: true, value: { e164: '+19053911091', country: 'CA' } });
    expect(normalizePhone('+1 268 464 1234', null)).toMatchObject({ ok: true, value: { e164: '+12684641234', country: 'AG' } });
    expect(normalizePhone('(201) 555-0123', 'US')).toMatchObject({ ok: true, value: { country: 'US' } });
    expect(normalizePhone('06 12 34 56 78', 'FR')).toMatchObject({ ok: true, value: { e164: '+33612345678', type: 'mobile' } });
  });
});
