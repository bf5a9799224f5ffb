import { describe, expect, it } from 'vitest';
import { freeTextCode, matchPurpose } from './codes';

const CATALOG = [
  { code: 'customer_relationship', nameEn: 'Customer relationship', nameFr: 'Relation client' },
  { code: 'email_marketing', nameEn: 'Email marketing', nameFr: 'Prospection par courriel' },
  { code: 'sms_marketing', nameEn: 'SMS marketing', nameFr: 'Prospection par SMS' },
];

describe('a free purpose text against the catalog', () => {
  it('folds case, accents, spaces and punctuation into a code', () => {
    expect(freeTextCode('Customer relationship')).toBe('customer_relationship');
    expect(freeTextCode('  Fidélité / ventes ')).toBe('fidelite_ventes');
    expect(freeTextCode('2nd channel')).toBe('p_2nd_channel');
    expect(freeTextCode('…')).toBe('');
  });

  it('finds a purpose by code, by either name, or by the word the mapping suggests, and nothing else', () => {
    expect(matchPurpose('customer relationship', CATALOG)).toBe('customer_relationship');
    expect(matchPurpose('Relation client', CATALOG)).toBe('customer_relationship');
    expect(matchPurpose('prospection par courriel', CATALOG)).toBe('email_marketing');
    expect(matchPurpose('newsletter', CATALOG)).toBe('email_marketing');
    expect(matchPurpose('SMS', CATALOG)).toBe('sms_marketing');
    expect(matchPurpose('marketing', CATALOG)).toBeNull();
    expect(matchPurpose('online orders', CATALOG)).toBeNull();
    // An alias leads nowhere when its purpose left the catalog, and a purpose of the alias's own name wins.
    expect(matchPurpose('newsletter', CATALOG.slice(0, 1))).toBeNull();
    expect(matchPurpose('newsletter', [...CATALOG, { code: 'newsletter', nameEn: 'Newsletter', nameFr: 'Infolettre' }])).toBe('newsletter');
  });
});
