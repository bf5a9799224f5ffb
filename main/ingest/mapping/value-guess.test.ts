import { describe, expect, it } from 'vitest';
import { fieldFromValues, guessFromValues, looksLikeDate, looksLikeEventList } from './value-guess';

const now = new Date('2026-11-24T12:00:00Z');

describe('fieldFromValues', () => {
  it.each([
    [['2024-03-05T13:25:00-05:00', '2024-03-06T09:00:00Z'], 'event.at'],
    [['2024-03-05 13:25:00'], 'event.at'],
    [['05/03/2024'], 'event.at'],
    [['CAD', 'EUR'], 'event.currency'],
    [['42.50', '18,00 €'], 'event.amount'],
    [[42.5, 18], 'event.amount'],
    [['o-1', 'o-2'], 'event.id'],
    [[1001, 1002], 'event.id'],
  ])('%j → %s', (samples, field) => {
    expect(fieldFromValues(samples, 'events', now)).toBe(field);
  });

  it.each([[['paid', 'shipped']], [[1, 2]], [['o-1', 'o-1']], [['o-1']], [[20240305]], [['can']], [['CAN']], [['Laval', 'Montréal']], [[]]])(
    '%j says nothing',
    (samples) => {
      expect(fieldFromValues(samples, 'events', now)).toBeNull();
    },
  );

  it('finds only dates in consents', () => {
    expect(fieldFromValues(['2024-01-10'], 'consents', now)).toBe('consent.at');
    expect(fieldFromValues(['CAD'], 'consents', now)).toBeNull();
  });

  it('does not take a date too far in the future or a number for a date', () => {
    expect(looksLikeDate('2099-01-01', now)).toBe(false);
    expect(looksLikeDate('45357', now)).toBe(false);
  });
});

describe('guessFromValues', () => {
  const candidate = (column: string, samples: unknown[]) => ({ column, tokens: column.split(/[^a-z]+/).filter(Boolean), context: 'events' as const, samples });

  it('prefers the key that says it, on the first level, and never a field a name took', () => {
    const guesses = guessFromValues(
      [
        candidate('orders[].updated_at', ['2024-05-01T00:00:00Z']),
        candidate('orders[].payment.total', ['42.50']),
        candidate('orders[].subtotal', ['40.00']),
        candidate('orders[].placed_at', ['2024-03-05T13:25:00Z']),
        candidate('orders[].grand_total', ['42.50']),
        candidate('orders[].cur', ['CAD']),
      ],
      new Set(['event.currency']),
      now,
    );
    expect(Object.fromEntries(guesses)).toEqual({ 'orders[].placed_at': 'event.at', 'orders[].grand_total': 'event.amount' });
  });

  it('looks one level into the element, not further', () => {
    expect(Object.fromEntries(guessFromValues([candidate('orders[].payment.value', ['42.50'])], new Set(), now))).toEqual({
      'orders[].payment.value': 'event.amount',
    });
    expect(guessFromValues([candidate('orders[].payment.card.value', ['42.50'])], new Set(), now).size).toBe(0);
  });
});

describe('looksLikeEventList', () => {
  it('needs a date and money', () => {
    expect(looksLikeEventList([{ when: '2024-03-05', sum: '12.50' }], now)).toBe(true);
    expect(looksLikeEventList([{ when: '2024-03-05', cur: 'EUR' }], now)).toBe(true);
    expect(looksLikeEventList([{ city: 'Paris', updated_at: '2024-03-05T10:00:00Z' }], now)).toBe(false);
    expect(looksLikeEventList([{ sum: '12.50' }], now)).toBe(false);
  });
});
