import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/test-translator';
import { deadlineText } from './request-text';

describe('deadlineText', () => {
  it('says days left, due today, overdue and closed in English and French', async () => {
    const en = await translator('en');
    const fr = await translator('fr');
    expect(deadlineText(en, { daysLeft: 1, closedAt: null }, 'en')).toBe('1 day left');
    expect(deadlineText(en, { daysLeft: 12, closedAt: null }, 'en')).toBe('12 days left');
    expect(deadlineText(en, { daysLeft: 0, closedAt: null }, 'en')).toBe('Due today');
    expect(deadlineText(en, { daysLeft: -3, closedAt: null }, 'en')).toBe('Overdue by 3 days');
    expect(deadlineText(fr, { daysLeft: -1, closedAt: null }, 'fr')).toBe('En retard de 1 jour');
    expect(deadlineText(fr, { daysLeft: 2, closedAt: null }, 'fr')).toBe('2 jours restants');
    expect(deadlineText(en, { daysLeft: null, closedAt: '2026-12-07T15:00:00.000Z' }, 'en')).toMatch(/^Closed /);
  });
});
