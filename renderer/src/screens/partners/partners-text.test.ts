import { describe, expect, it } from 'vitest';
import { REFUSALS } from '../../../../main/api/contract';
import { MAIN_NAMESPACES } from '../../../../main/i18n/namespaces';
import {
  audienceOf,
  countryCodes,
  languageCodes,
  defaultExtractFile,
  EMPTY_AUDIENCE,
  endsSoon,
  exclusionEntries,
  exclusionTotal,
  existingFile,
  leaseTone,
  readWindow,
  refusalError,
  wholeNumber,
  windowText,
} from './partners-text';

describe('refusals', () => {
  it('are worded by the core strings the lease error uses, in both languages', () => {
    for (const refusal of REFUSALS) {
      const error = refusalError(refusal, 7);
      expect(error.code).toBe('CONFLICT');
      expect(error.params?.agreementId).toBe(7);
      const key = `CONFLICT_${String(error.params?.reason)}`;
      expect(MAIN_NAMESPACES.core.en.errors).toHaveProperty(key);
      expect(MAIN_NAMESPACES.core.fr.errors).toHaveProperty(key);
    }
  });
});

describe('lease state', () => {
  it('has a tone per state, revoked the strongest', () => {
    expect(leaseTone('active')).toBe('ok');
    expect(leaseTone('notYetValid')).toBe('off');
    expect(leaseTone('expired')).toBe('warning');
    expect(leaseTone('suspended')).toBe('warning');
    expect(leaseTone('revoked')).toBe('danger');
  });

  it('warns of an active lease ending within its notice days only', () => {
    expect(endsSoon({ state: 'active', daysLeft: 10, noticeDays: 30 })).toBe(true);
    expect(endsSoon({ state: 'active', daysLeft: 30, noticeDays: 30 })).toBe(true);
    expect(endsSoon({ state: 'active', daysLeft: 31, noticeDays: 30 })).toBe(false);
    expect(endsSoon({ state: 'suspended', daysLeft: 3, noticeDays: 30 })).toBe(false);
    expect(endsSoon({ state: 'expired', daysLeft: -2, noticeDays: 30 })).toBe(false);
  });
});

describe('exclusions', () => {
  it('keep the contract’s order, leave zeros out and add up', () => {
    const excluded = { optedOutOfSale: 2, consentWithdrawn: 3, noBasis: 0, legalHold: 1 };
    expect(exclusionEntries(excluded)).toEqual([
      { reason: 'consentWithdrawn', count: 3 },
      { reason: 'optedOutOfSale', count: 2 },
      { reason: 'legalHold', count: 1 },
    ]);
    expect(exclusionTotal(excluded)).toBe(6);
    expect(exclusionTotal({})).toBe(0);
  });
});

describe('access window', () => {
  it('is none when nothing is typed, and checked when something is', () => {
    expect(readWindow([], '', '')).toBeNull();
    expect(readWindow([5, 1, 2, 1], '08:00', '18:00')).toEqual({ days: [1, 2, 5], from: '08:00', to: '18:00' });
    expect(readWindow([], '08:00', '18:00')).toBe('invalid');
    expect(readWindow([1], '18:00', '08:00')).toBe('invalid');
    expect(readWindow([1], '8:00', '18:00')).toBe('invalid');
    expect(readWindow([1], '00:00', '24:00')).toEqual({ days: [1], from: '00:00', to: '24:00' });
  });

  it('reads as the CLI writes it, runs of days folded', () => {
    const name = (day: number) => ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][day - 1] ?? '?';
    expect(windowText({ days: [1, 2, 3, 4, 5], from: '08:00', to: '18:00' }, name)).toBe('Mon–Fri 08:00–18:00');
    expect(windowText({ days: [1, 3, 6, 7], from: '09:00', to: '12:00' }, name)).toBe('Mon, Wed, Sat, Sun 09:00–12:00');
  });
});

describe('typed values', () => {
  it('reads whole numbers and country lists', () => {
    expect(wholeNumber(' 12 ')).toBe(12);
    expect(wholeNumber('1.5')).toBeNull();
    expect(wholeNumber('')).toBeNull();
    expect(countryCodes('ca, fr;CA  de')).toEqual(['CA', 'FR', 'DE']);
    expect(countryCodes('')).toEqual([]);
    expect(countryCodes('Canada')).toBeNull();
    expect(languageCodes('uk, VI;uk')).toEqual(['uk', 'vi']);
    expect(languageCodes('')).toEqual([]);
    expect(languageCodes('French')).toBeNull();
    expect(languageCodes('xx')).toBeNull();
  });

  it('builds an audience from the filters set, and says which one is wrong', () => {
    expect(audienceOf(EMPTY_AUDIENCE)).toEqual({ audience: {} });
    expect(
      audienceOf({ ...EMPTY_AUDIENCE, countries: 'ca', sourceIds: [2], activeFrom: '2026-01-01', purpose: 'marketing', states: ['withdrawn', 'granted'] }),
    ).toEqual({
      audience: { countries: ['CA'], sourceIds: [2], activeFrom: '2026-01-01', consent: { purpose: 'marketing', states: ['granted', 'withdrawn'] } },
    });
    expect(audienceOf({ ...EMPTY_AUDIENCE, channel: 'sms' })).toEqual({ audience: { channel: 'sms' } });
    expect(audienceOf({ ...EMPTY_AUDIENCE, countries: 'Canada' })).toEqual({ invalid: 'countries' });
    // Ticked and typed languages make one list.
    expect(audienceOf({ ...EMPTY_AUDIENCE, languages: ['fr', 'en'], otherLanguages: 'UK, fr' })).toEqual({ audience: { languages: ['fr', 'en', 'uk'] } });
    expect(audienceOf({ ...EMPTY_AUDIENCE, languages: ['fr'], otherLanguages: 'Ukrainian' })).toEqual({ invalid: 'languages' });
    expect(audienceOf({ ...EMPTY_AUDIENCE, activeFrom: '2026-02-01', activeTo: '2026-01-01' })).toEqual({ invalid: 'dates' });
    expect(audienceOf({ ...EMPTY_AUDIENCE, purpose: 'marketing' })).toEqual({ invalid: 'consent' });
  });

  it('names a default file after the agreement and the day, with the folder’s separator', () => {
    const day = new Date(2026, 11, 7);
    expect(defaultExtractFile('/home/a/Documents', 4, 'csv', day)).toBe('/home/a/Documents/extract-agreement-4-2026-12-07.csv');
    expect(defaultExtractFile('C:\\Users\\a', 4, 'json', day)).toBe('C:\\Users\\a\\extract-agreement-4-2026-12-07.json');
  });

  it('recognises a file that already exists', () => {
    expect(existingFile({ code: 'CONFLICT', message: '', params: { reason: 'fileExists', path: '/x.csv' } })).toBe('/x.csv');
    expect(existingFile({ code: 'CONFLICT', message: '', params: { reason: 'leaseExpired' } })).toBeNull();
    expect(existingFile(null)).toBeNull();
  });
});
