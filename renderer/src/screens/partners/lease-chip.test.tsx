import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { LEASE_STATES, REFUSALS } from '../../../../main/api/contract';
import { errorText } from '../../i18n/error-text';
import { testI18n, translator } from '../../i18n/test-translator';
import { DaysLeft, LeaseChip } from './lease-chip';
import { refusalError } from './partners-text';

async function render(language: 'en' | 'fr', node: ReactNode): Promise<string> {
  return renderToStaticMarkup(<I18nextProvider i18n={await testI18n(language)}>{node}</I18nextProvider>);
}

describe('lease chip', () => {
  it('names every state in both languages', async () => {
    for (const language of ['en', 'fr'] as const) {
      for (const state of LEASE_STATES) {
        const html = await render(language, <LeaseChip agreement={{ state }} />);
        expect(html).toContain(`data-state="${state}"`);
        expect(html).not.toContain('partners.screens');
      }
    }
    expect(await render('fr', <LeaseChip agreement={{ state: 'expired' }} />)).toContain('Expirée');
  });

  it('warns once the end is within the notice days, and counts the days', async () => {
    const soon = await render('en', <DaysLeft agreement={{ state: 'active', daysLeft: 1, noticeDays: 30 }} />);
    expect(soon).toContain('data-soon="true"');
    expect(soon).toContain('1 day left');
    const later = await render('fr', <DaysLeft agreement={{ state: 'active', daysLeft: 90, noticeDays: 30 }} />);
    expect(later).toContain('data-soon="false"');
    expect(later).toContain('90 jours restants');
    expect(await render('en', <DaysLeft agreement={{ state: 'revoked', daysLeft: 90, noticeDays: 30 }} />)).not.toContain('days left');
  });
});

describe('a preview’s refusal', () => {
  it('reads as the lease error, with the agreement’s number, in both languages', async () => {
    for (const language of ['en', 'fr'] as const) {
      const t = await translator(language);
      for (const refusal of REFUSALS) {
        const text = errorText(t, refusalError(refusal, 12));
        expect(text).not.toMatch(/refuses this extract|errors\./);
        if (refusal !== 'assessmentMissing') expect(text).toContain('12');
      }
    }
    expect(errorText(await translator('en'), refusalError('expired', 12))).toBe('Agreement 12 has expired: renew it before sending another extract.');
  });
});
