import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { Purpose, PurposeState } from '../../../../main/api/contract';
import { testI18n } from '../../i18n/test-translator';
import { ConsentTable } from './consent-table';

async function render(language: 'en' | 'fr', node: ReactNode): Promise<string> {
  return renderToStaticMarkup(<I18nextProvider i18n={await testI18n(language)}>{node}</I18nextProvider>);
}

function purpose(code: string, nameEn: string, nameFr: string, bases: Purpose['bases']): Purpose {
  return { id: 1, code, nameEn, nameFr, descriptionEn: '', descriptionFr: '', bases, expressConsent: false, saleOrSharing: false, retentionDays: null, noticeVersion: 1, sources: 0, events: 0, updatedAt: '2026-01-01T00:00:00.000Z' };
}

const PURPOSES = new Map([
  ['email_marketing', purpose('email_marketing', 'Email marketing', 'Prospection par courriel', ['consent'])],
  ['legal_records', purpose('legal_records', 'Legal records', 'Obligations légales', ['legal_obligation'])],
]);

const STATES: PurposeState[] = [
  {
    purpose: 'email_marketing',
    state: 'withdrawn',
    basis: null,
    since: '2026-01-10T09:30:00.000Z',
    events: [
      { id: 1, kind: 'grant', at: '2025-01-01', recordedAt: '2025-02-01T00:00:00.000Z', source: 'Boutique', recordedBy: null, method: 'import', noticeVersion: null, evidence: null, expiresAt: null, recordId: 1, runId: 1 },
      { id: 2, kind: 'withdrawal', at: '2026-01-10T09:30:00.000Z', recordedAt: '2026-01-10T09:31:00.000Z', source: null, recordedBy: 'Alice Admin', method: 'phone', noticeVersion: 2, evidence: 'call 118', expiresAt: null, recordId: 1, runId: null },
    ],
    use: { allowed: false, reason: 'consentWithdrawn', basis: null },
  },
  { purpose: 'legal_records', state: 'none', basis: 'legal_obligation', since: null, events: [], use: { allowed: true, reason: 'declaredBasis', basis: 'legal_obligation' } },
  { purpose: 'health_offers', state: 'granted', basis: 'consent', since: '2025-01-01', events: [], use: { allowed: false, reason: 'expressConsentRequired', basis: null } },
  { purpose: 'data_sharing', state: 'none', basis: 'legitimate_interests', since: null, events: [], use: { allowed: false, reason: 'optedOutOfSale', basis: null } },
];

const ignore = (): void => undefined;

describe('a person’s consent table', () => {
  it('shows each purpose’s state, basis and events, with grant, withdraw and object side by side', async () => {
    const html = await render('en', <ConsentTable states={STATES} purposes={PURPOSES} onRecord={ignore} />);
    expect(html).toContain('Email marketing');
    expect(html).toContain('Withdrawn');
    expect(html).toContain('Events (2)');
    expect(html).toMatch(/Granted · [^<·]+ · Boutique · Import/);
    expect(html).toMatch(/Withdrawn · [^<]+ · recorded by Alice Admin · Phone/);
    expect(html).toContain('notice v2 · evidence: call 118');
    for (const label of ['Grant consent for Email marketing', 'Withdraw consent for Email marketing', 'Object to Email marketing'])
      expect(html).toContain(`aria-label="${label}"`);
    // Consent cannot be the basis of legal records: only an objection is offered there.
    expect(html).toContain('Legal obligation');
    expect(html).not.toContain('Grant consent for Legal records');
    expect(html).toContain('aria-label="Object to Legal records"');
    // Whether the data may be used now, and why (not), as consent.mayUse says.
    expect(html).toContain('No: consent was withdrawn');
    expect(html).toContain('Yes: a source declares it on a basis other than consent');
    expect(html).toContain('No: this purpose needs express consent');
    expect(html).toContain('No: the person opted out of the sale or sharing of their information');
  });

  it('speaks French, names included', async () => {
    const html = await render('fr', <ConsentTable states={STATES} purposes={PURPOSES} onRecord={ignore} />);
    expect(html).toContain('Prospection par courriel');
    expect(html).toContain('Retiré');
    expect(html).toContain('Aucun événement');
    expect(html).toContain('aria-label="Retirer le consentement pour Prospection par courriel"');
    expect(html).toContain('preuve\u00a0: call 118');
    expect(html).toContain('Non\u00a0: cette finalité exige un consentement exprès');
    expect(html).toContain('Non\u00a0: la personne s’est opposée à la vente ou au partage de ses renseignements');
  });
});
