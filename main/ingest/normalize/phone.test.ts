import fs from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { normalizePhone } from './phone';

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
