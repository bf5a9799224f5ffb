import { describe, expect, it } from 'vitest';
import { phoneForms, searchQuery } from './search-terms';

describe('phone numbers in the search index', () => {
  it('are indexed as the digits people type: international, national, and national with its trunk 0', () => {
    expect(phoneForms('+15145550199')).toEqual(['15145550199', '5145550199']);
    expect(phoneForms('+33612345678')).toEqual(['33612345678', '612345678', '0612345678']);
    expect(phoneForms('+48601234567')).toEqual(['48601234567', '601234567', '0601234567']);
    // Three-digit calling code (Ireland).
    expect(phoneForms('+353861234567')).toEqual(['353861234567', '861234567', '0861234567']);
  });

  it('are searched by digit prefix, whatever the punctuation typed', () => {
    expect(searchQuery('(514) 555-01')).toBe('"51455501"*');
    expect(searchQuery('06 12 34 56 78')).toBe('"0612345678"*');
    expect(searchQuery('+33 6 12 3')).toBe('"336123"*');
  });
});
