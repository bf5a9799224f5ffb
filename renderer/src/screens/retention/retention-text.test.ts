import { describe, expect, it } from 'vitest';
import { ANCHORS } from '../../../../main/api/contract';
import { translator } from '../../i18n/test-translator';
import { dueChart, keepText, keepWords, parseEventTypes, reasonWords, runAtInstant } from './retention-text';

describe('a rule in words', () => {
  it('says the period and the moment it counts from, in both languages, plurals included', async () => {
    const en = await translator('en');
    expect(keepWords(en, { keepCount: 3, keepUnit: 'year', anchor: 'last_purchase' })).toBe('3 years from last purchase');
    expect(keepWords(en, { keepCount: 1, keepUnit: 'month', anchor: 'contract_end' })).toBe('1 month from the end of the contract');
    const fr = await translator('fr');
    expect(keepWords(fr, { keepCount: 3, keepUnit: 'year', anchor: 'last_purchase' })).toBe('3 ans à compter du dernier achat');
    expect(keepWords(fr, { keepCount: 1, keepUnit: 'day', anchor: 'account_closed' })).toBe('1 jour à compter de la fermeture du compte');
    for (const t of [en, fr]) for (const anchor of ANCHORS) expect(keepWords(t, { keepCount: 2, keepUnit: 'day', anchor })).not.toMatch(/retention\.|\{\{/);
  });

  it('turns the count and unit into the period the contract takes, and refuses what it would refuse', () => {
    expect(keepText('3', 'year')).toBe('3y');
    expect(keepText(' 018 ', 'month')).toBe('18m');
    expect(keepText('400', 'day')).toBe('400d');
    expect(keepText('0', 'year')).toBeNull();
    expect(keepText('1.5', 'year')).toBeNull();
    expect(keepText('123456', 'day')).toBeNull();
    expect(keepText('', 'year')).toBeNull();
  });
});

describe('the due chart', () => {
  it('gives one row per month, oldest first, a column per purpose (no purpose last) and the month’s total', () => {
    const chart = dueChart([
      { purposeId: 2, purpose: 'marketing', month: '2026-03', count: 2 },
      { purposeId: 1, purpose: 'customer_relationship', month: '2026-03', count: 5 },
      { purposeId: null, purpose: null, month: '2025-12', count: 1 },
      { purposeId: 1, purpose: 'customer_relationship', month: '2025-12', count: 4 },
    ]);
    expect(chart.purposes).toEqual(['customer_relationship', 'marketing', '']);
    expect(chart.rows).toEqual([
      { month: '2025-12', total: 5, 'p:customer_relationship': 4, 'p:marketing': 0, 'p:': 1 },
      { month: '2026-03', total: 7, 'p:customer_relationship': 5, 'p:marketing': 2, 'p:': 0 },
    ]);
    expect(dueChart([])).toEqual({ purposes: [], rows: [] });
  });
});

describe('reasons and inputs', () => {
  it('words the reasons a sweep leaves someone out, and shows an unknown one as sent', async () => {
    const en = await translator('en');
    expect(reasonWords(en, 'legalHold')).toBe('a litigation hold stops the erasure');
    expect(reasonWords(en, 'planChanged')).toBe('what it covers changed since the preview');
    expect(reasonWords(en, 'sweepNotYet')).toBe('its time had not come');
    expect(reasonWords(en, 'somethingNew')).toBe('somethingNew');
    const fr = await translator('fr');
    expect(reasonWords(fr, 'failed')).toBe('l’exécution a échoué');
  });

  it('reads event types typed with commas or lines, without blanks or repeats', () => {
    expect(parseEventTypes(' order, purchase,\ncommande,, order ')).toEqual(['order', 'purchase', 'commande']);
    expect(parseEventTypes('  ')).toEqual([]);
  });

  it('takes a run time only when it is to come', () => {
    const now = new Date(2026, 5, 30, 12, 0);
    expect(runAtInstant('2026-07-01T09:30', now)).toBe(new Date(2026, 6, 1, 9, 30).toISOString());
    expect(runAtInstant('2026-06-30T11:59', now)).toBeNull();
    expect(runAtInstant('', now)).toBeNull();
  });
});
