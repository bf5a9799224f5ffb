import { describe, expect, it } from 'vitest';
import { areNicknames, NICKNAME_GROUP_COUNT } from './nicknames';
import { birthDigits, canonicalEmail, canonicalPhone, features, fold, parseStreet } from './record';

describe('fold', () => {
  it('folds case, accents and the letters NFKD leaves alone', () => {
    expect(fold('Łódź-Wiśniewska')).toBe('lodz wisniewska');
    expect(fold('Hélène  Œuvray')).toBe('helene oeuvray');
    expect(fold("O'Brien")).toBe('o brien');
    expect(fold('Straße')).toBe('strasse');
    expect(fold('Marie-Ève')).toBe('marie eve');
  });
  it('turns blanks into null', () => {
    expect(fold('   ')).toBeNull();
    expect(fold(null)).toBeNull();
    expect(fold('-')).toBeNull();
  });
});

describe('nicknames', () => {
  it('knows common groups in several languages', () => {
    expect(areNicknames('william', 'bill')).toBe(true);
    expect(areNicknames('billy', 'will')).toBe(true);
    expect(areNicknames('katarzyna', 'kasia')).toBe(true);
    expect(areNicknames('marie eve', 'marie')).toBe(true);
    expect(areNicknames('oleksandr', 'olexandr')).toBe(true);
    expect(areNicknames('francisco', 'paco')).toBe(true);
    expect(areNicknames('giuseppe', 'beppe')).toBe(true);
    expect(areNicknames('johannes', 'hans')).toBe(true);
    expect(areNicknames('malgorzata', 'gosia')).toBe(true);
    expect(NICKNAME_GROUP_COUNT).toBeGreaterThan(150);
  });
  it('does not pair unrelated names or a name with itself', () => {
    expect(areNicknames('william', 'robert')).toBe(false);
    expect(areNicknames('bill', 'bill')).toBe(false);
    expect(areNicknames('zebediah', 'bill')).toBe(false);
  });
  it('lets a short form belong to several names', () => {
    expect(areNicknames('alex', 'alexander')).toBe(true);
    expect(areNicknames('alex', 'alexandra')).toBe(true);
  });
});

describe('canonical forms', () => {
  it('emails: lower case, +tags dropped, Gmail dots ignored, googlemail is gmail', () => {
    expect(canonicalEmail(' Jean.Dupont+shop@GoogleMail.com ')).toBe('jeandupont@gmail.com');
    expect(canonicalEmail('j.dupont+news@orange.fr')).toBe('j.dupont@orange.fr');
    expect(canonicalEmail('not an email')).toBeNull();
    expect(canonicalEmail('@x.fr')).toBeNull();
  });
  it('phones: the last nine digits, so national and international forms agree', () => {
    expect(canonicalPhone('+33 6 12 34 56 78')).toBe('612345678');
    expect(canonicalPhone('06 12 34 56 78')).toBe('612345678');
    expect(canonicalPhone('0033612345678')).toBe('612345678');
    expect(canonicalPhone('12-34')).toBeNull();
  });
  it('streets: number apart, abbreviations expanded (EN and FR)', () => {
    expect(parseStreet('12B Main St.')).toEqual({ number: '12b', name: 'main street' });
    expect(parseStreet('12 main street')).toEqual({ number: '12', name: 'main street' });
    expect(parseStreet('1234 boul. René-Lévesque O')).toEqual({ number: '1234', name: 'boulevard rene levesque o' });
    expect(parseStreet('rue Saint-Denis')).toEqual({ number: null, name: 'rue saint denis' });
    expect(parseStreet('')).toEqual({ number: null, name: null });
  });
  it('birth dates: eight digits or nothing', () => {
    expect(birthDigits('1990-02-19')).toBe('19900219');
    expect(birthDigits('19900219')).toBe('19900219');
    expect(birthDigits('1990')).toBeNull();
  });
  it('features: blank lists stay empty, duplicates collapse', () => {
    const record = features({
      id: 'x',
      given: 'Bill',
      family: null,
      birthDate: null,
      street: null,
      city: null,
      postalCode: 'H2X 1Y4',
      region: null,
      emails: ['a.b@gmail.com', 'ab@gmail.com', ''],
      phones: [],
    });
    expect(record.emails).toEqual(['ab@gmail.com']);
    expect(record.postalCode).toBe('h2x1y4');
    expect(record.givenGroups.length).toBeGreaterThan(0);
  });
});
