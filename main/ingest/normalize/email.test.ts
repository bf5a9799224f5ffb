import { describe, expect, it } from 'vitest';
import { looksLikeEmail, normalizeEmail } from './email';

describe('normalizeEmail', () => {
  it.each([
    ['zoé@exemple.fr', 'zoé@exemple.fr'],
    ['jan.kowalski@poczta.onet.pl', 'jan.kowalski@poczta.onet.pl'],
    ['  Marie.Tremblay+infolettre@Videotron.CA ', 'marie.tremblay+infolettre@videotron.ca'],
    ['łukasz.wiśniewski@wp.pl', 'łukasz.wiśniewski@wp.pl'],
    ["o'brien@example.ie", "o'brien@example.ie"],
    ['jean@société.fr', 'jean@société.fr'],
    ['user@xn--socit-esab.fr', 'user@xn--socit-esab.fr'],
    ['a_b-c@sub-domain.example.co.uk', 'a_b-c@sub-domain.example.co.uk'],
    ['ZOE@EXEMPLE.FR', 'zoe@exemple.fr'],
  ])('accepts %s', (input, value) => {
    expect(normalizeEmail(input)).toEqual({ ok: true, value, raw: input });
  });

  it('composes a decomposed accent so both spellings compare equal', () => {
    expect(normalizeEmail('zoe\u0301@exemple.fr')).toMatchObject({ ok: true, value: 'zoé@exemple.fr' });
  });

  it.each([
    ['jean@', 'not an email address: no domain after the @'],
    ['@x.com', 'not an email address: nothing before the @'],
    ['a b@c.d', 'not an email address'],
    ['jean@localhost', 'not an email address: the domain has no dot'],
    ['jean@@x.com', 'not an email address: more than one @'],
    ['jean@x@y.com', 'not an email address: more than one @'],
    ['jean.x.com', 'not an email address: no @'],
    ['.jean@x.com', 'not an email address'],
    ['jean.@x.com', 'not an email address'],
    ['je..an@x.com', 'not an email address'],
    ['jean@x..com', 'not an email address'],
    ['jean@-x.com', 'not an email address'],
    ['jean@x.c0m', 'not an email address'],
    ['jean@x.com.', 'not an email address'],
    ['jean@[127.0.0.1]', 'not an email address'],
    ['"jean dupont"@x.com', 'not an email address'],
    ['Jean <jean@x.com>', 'not an email address'],
  ])('rejects %s', (input, reason) => {
    expect(normalizeEmail(input)).toEqual({ ok: false, reason, raw: input });
  });

  it('rejects over-long parts', () => {
    expect(normalizeEmail(`${'a'.repeat(65)}@x.com`)).toMatchObject({ ok: false });
    expect(normalizeEmail(`a@${'b'.repeat(64)}.com`)).toMatchObject({ ok: false });
  });

  it('treats blank as missing and does not reinterpret formula-like values', () => {
    expect(normalizeEmail('  ')).toEqual({ ok: true, value: null, raw: '  ' });
    expect(normalizeEmail('=jean@x.com')).toMatchObject({ ok: true, value: '=jean@x.com' });
    expect(normalizeEmail('@jean')).toMatchObject({ ok: false });
  });

  it('looksLikeEmail agrees with normalizeEmail', () => {
    expect(looksLikeEmail('Zoé@Exemple.fr')).toBe(true);
    expect(looksLikeEmail('jean@localhost')).toBe(false);
    expect(looksLikeEmail('')).toBe(false);
  });

  it('throughput (printed, not asserted)', () => {
    const samples = [
      'marie.tremblay@videotron.ca',
      'Jan.Kowalski@poczta.onet.pl',
      'zoé@exemple.fr',
      'jean+promo@gmail.com',
      'bad@',
      'j.dupont@orange.fr',
      'anna.wisniewska@wp.pl',
      'x@localhost',
    ];
    const count = 500_000;
    let valid = 0;
    const started = performance.now();
    for (let index = 0; index < count; index += 1) if (normalizeEmail(samples[index % samples.length]).ok) valid += 1;
    const seconds = (performance.now() - started) / 1000;
    console.log(`normalizeEmail: ${(count / seconds / 1e6).toFixed(2)} M addresses/s (${valid} valid)`);
    expect(valid).toBeGreaterThan(0);
  });
});
